/// A dictionary whose values are kept out of line, one box each: growing it moves pointers, not values.
///
/// A table of large values (a payment's stored operation with its request, result and trail is several hundred
/// bytes) that grows to millions of entries spends its time moving them at every doubling; boxed, a doubling moves
/// eight bytes per entry. Value semantics are kept: a value is never changed inside its box, a write puts a new box.
public struct BoxedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var boxes: [Key: Box] = [:]

    /// An empty dictionary.
    public init() {}

    /// The number of entries.
    public var count: Int { boxes.count }

    /// Sets the value of a key.
    /// - Returns: the value it replaced, nil when the key is new.
    @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: Key) -> Value? {
        boxes.updateValue(Box(value), forKey: key)?.value
    }

    /// The value of a key; setting nil removes it.
    public subscript(key: Key) -> Value? {
        get { boxes[key]?.value }
        set { boxes[key] = newValue.map(Box.init) }
    }
}
