/// How an exact rational result becomes a whole number of minor units (or rate digits).
///
/// The gateway's rules: a mid amount is rounded ``halfUp``; a customer amount, spread included, is rounded ``up``
/// so the payer never pays less than the disclosed rate; a customer rate shown to the payer is rounded ``down``
/// so that the shown rate times the payee amount never exceeds what the payer pays.
public enum FXRounding: Sendable, Hashable, CaseIterable {
    /// To the nearest unit; an exact half goes up (all FX values are positive, so "up" is away from zero).
    case halfUp
    /// The ceiling: any remainder adds one unit.
    case up
    /// The floor: any remainder is dropped.
    case down
}
