/// The HTTP face's limits (TIGER_STYLE: a named maximum for every buffer and page).
public enum HTTPLimits {
    /// The largest request body accepted, in bytes (a scenario file is the largest legitimate body).
    public static let requestBodyBytesMax = 256 * 1024
    /// The most items one page of a list returns.
    public static let pageSizeMax = 500
    /// The page size when the request names none.
    public static let pageSizeDefault = 50
    /// Rendered QR images kept in memory.
    public static let qrImageCacheCountMax = 1024
    /// Idempotency keys: at most this many characters.
    public static let idempotencyKeyLengthMax = 128
    /// Offline transfers in one sync request.
    public static let offlineTransfersPerRequestMax = 10_000
    /// Simulations kept (finished ones are dropped oldest first).
    public static let simulationsKeptMax = 64
}
