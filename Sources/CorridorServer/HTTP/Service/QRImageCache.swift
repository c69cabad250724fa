import CorridorQRImage
import Synchronization

/// Rendered QR images by payload and format, least recently used dropped first: a code is rendered once and then
/// served from memory (a static code is asked for again and again).
final class QRImageCache: Sendable {
    struct Key: Hashable {
        let payload: String
        let format: QRImageFormat
    }

    struct State {
        var images: [Key: (bytes: [UInt8], lastUse: UInt64)] = [:]
        var clock: UInt64 = 0
    }

    let countMax: Int
    private let state = Mutex(State())

    init(countMax: Int) {
        precondition(countMax > 0)
        self.countMax = countMax
    }

    /// The image of `payload`, rendered when not cached.
    /// - Throws: ``QRImageError`` when the payload cannot be encoded.
    func image(payload: String, format: QRImageFormat) throws -> [UInt8] {
        let key = Key(payload: payload, format: format)
        if let bytes = state.withLock({ state -> [UInt8]? in
            state.clock += 1
            guard let entry = state.images[key] else { return nil }
            state.images[key] = (entry.bytes, state.clock)
            return entry.bytes
        }) {
            return bytes
        }
        let matrix = try QRMatrix(encoding: payload)
        let bytes: [UInt8] =
            switch format {
            case .png: try matrix.pngData()
            case .svg: Array(try matrix.svg().utf8)
            }
        state.withLock { state in
            state.clock += 1
            if state.images.count >= countMax, state.images[key] == nil,
                let oldest = state.images.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
            {
                // A linear scan on eviction only: the cache holds at most `countMax` (1024) images.
                state.images[oldest] = nil
            }
            state.images[key] = (bytes, state.clock)
        }
        return bytes
    }

    /// Images held now.
    var count: Int { state.withLock { $0.images.count } }
}
