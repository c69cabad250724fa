/// An optional value kept out of line: nil costs one word instead of the value's full size.
///
/// Messages hold agents and parties whose addresses and clearing-system ids are usually absent; inline, those
/// optionals made a one-transaction pacs.008 1.6 KB before any text, and the gateway keeps one per payment.
/// Equality and hashing are the wrapped value's.
struct IndirectValue<Value: Sendable & Hashable>: Sendable, Hashable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private let box: Box?

    init(_ value: Value?) { box = value.map(Box.init) }

    var value: Value? { box?.value }

    static func == (lhs: Self, rhs: Self) -> Bool {
        if lhs.box === rhs.box { return true }
        return lhs.value == rhs.value
    }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
