import CorridorISO8583

/// Placeholder: the issuer host simulator is being written.
enum IssuerHostPlaceholder {}
