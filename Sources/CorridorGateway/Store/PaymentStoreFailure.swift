/// An error of a ``PaymentStore`` that tells a database which did not answer (unreachable, restarting, the call cut
/// off) from one that refused the call or the data (a record that cannot be encoded, a damaged row).
///
/// The HTTP face answers the first kind as it answers a ledger whose database did not answer: 503 with
/// `Retry-After`, since nothing was acknowledged and the same call may be made again once the database is back.
public protocol PaymentStoreFailure: Error {
    /// True when the store's database did not complete the call (connection lost or refused, server shutting down,
    /// the call cancelled); false when the store refused the call itself.
    var isDatabaseUnavailable: Bool { get }
}
