import Foundation

/// Encodes an `Encodable` value as compact JSON written straight into bytes, without the tree of intermediate
/// values Foundation's `JSONEncoder` builds first: the payment store encodes six columns per payment, and
/// `JSONEncoder` was ~13% of the CPU of an HTTP payment.
///
/// The output is what `JSONDecoder` with its default strategies reads back into the same value: `Data` as Base64,
/// `Date` as its own encoding (seconds since 2001 as a number), `URL` as its absolute string, `Decimal` as a
/// number; keys in the order they are encoded; no whitespace; `/` left as is. A non-finite `Double` or `Float` is an
/// `EncodingError.invalidValue` with the coding path, as with `JSONEncoder`.
///
/// Containers are written as they are filled, which is how synthesized and ordinary hand-written `encode(to:)`
/// methods use them: a nested container is complete once its parent encodes its next key or returns. A value whose
/// `encode(to:)` writes nothing is `{}`, as with `JSONEncoder`.
public struct StreamingJSONEncoder: Sendable {
    /// An encoder with the default (and only) settings.
    public init() {}

    /// The JSON bytes of `value`.
    /// - Throws: `EncodingError.invalidValue` for a non-finite number, or what the value's `encode(to:)` throws.
    public func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let writer = JSONByteWriter()
        try writer.encodeValue(value, parent: nil, key: nil)
        writer.close(toDepth: 0)
        return writer.bytes
    }

    /// The JSON text of `value`.
    /// - Throws: as ``encode(_:)``.
    public func encodeString<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}
