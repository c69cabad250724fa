import Foundation
import Synchronization

/// Remembers the Latin form of the texts transliterated recently (text as given → ``Transliterator/latin(_:)``),
/// since payer and merchant names repeat heavily and transliterating non-ASCII text (normalization, table lookups,
/// decomposition) costs far more than a lookup.
///
/// Two generations behind one lock: texts go into the young one; when it is full it becomes the old one and the
/// previous old one is dropped; a text found in the old generation moves back to the young one. Recently used
/// texts therefore stay.
///
/// Guarantees: at most `2 × generationMax` texts are held; a cached value is exactly what the transliterator
/// computes for that text, so the cache never changes output, only its cost.
final class TransliterationCache: Sendable {
    /// A text compared and hashed by its UTF-8 bytes. String's own `==` and hash normalize non-ASCII text (NFC)
    /// first, which costs about as much as a lookup should save; canonically equivalent spellings of a text merely
    /// get separate entries (holding the same Latin form).
    private struct Key: Hashable {
        let text: String

        static func == (lhs: Key, rhs: Key) -> Bool {
            // In place (`withUTF8` would copy each text first) and compared with memcmp (the generic
            // `elementsEqual` went byte by byte).
            XMLStreamWriter.withUTF8(lhs.text) { left in
                XMLStreamWriter.withUTF8(rhs.text) { right in
                    guard left.count == right.count else { return false }
                    guard let leftStart = left.baseAddress, let rightStart = right.baseAddress else { return true }
                    return memcmp(leftStart, rightStart, left.count) == 0
                }
            }
        }

        func hash(into hasher: inout Hasher) {
            XMLStreamWriter.withUTF8(text) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    private struct Generations {
        var young: [Key: String] = [:]
        var old: [Key: String] = [:]
    }

    /// The most texts one generation holds.
    let generationMax: Int
    /// The longest text (in UTF-8 bytes) kept; longer texts (free-form remittance lines) rarely repeat.
    let textBytesMax: Int
    private let generations = Mutex(Generations())

    /// The cache ICAO 9303 transliteration uses.
    static let icao9303 = TransliterationCache(generationMax: 2_048, textBytesMax: 512)
    /// The cache GOST 7.79 system B transliteration uses.
    static let gost779SystemB = TransliterationCache(generationMax: 2_048, textBytesMax: 512)

    /// A cache of at most `2 × generationMax` texts.
    init(generationMax: Int, textBytesMax: Int) {
        precondition(generationMax > 0 && textBytesMax > 0, "TransliterationCache: empty limits")
        self.generationMax = generationMax
        self.textBytesMax = textBytesMax
    }

    /// The cache for a Cyrillic scheme (the Latin form depends on it).
    static func forScheme(_ scheme: CyrillicScheme) -> TransliterationCache {
        switch scheme {
        case .icao9303: icao9303
        case .gost779SystemB: gost779SystemB
        }
    }

    /// The Latin form of `text`: the cached one, or `compute()`'s, which is then cached. `compute` runs outside the
    /// lock, so two threads with a new text may both compute it; they compute the same value.
    func latin(for text: String, compute: () -> String) -> String {
        guard text.utf8.count <= textBytesMax else { return compute() }
        let key = Key(text: text)
        let cached: String? = generations.withLock { generations in
            if let latin = generations.young[key] { return latin }
            guard let latin = generations.old.removeValue(forKey: key) else { return nil }
            insert(key, latin, into: &generations)
            return latin
        }
        if let cached { return cached }
        let latin = compute()
        generations.withLock { insert(key, latin, into: &$0) }
        return latin
    }

    /// The number of texts held now.
    var count: Int { generations.withLock { $0.young.count + $0.old.count } }

    private func insert(_ key: Key, _ latin: String, into generations: inout Generations) {
        if generations.young.count >= generationMax {
            generations.old = generations.young
            generations.young = [:]
            generations.young.reserveCapacity(generationMax)
        }
        generations.young[key] = latin
    }
}
