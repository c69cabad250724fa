import Foundation
import PostgresNIO

/// An array parameter whose elements may be NULL (`text[]`, `bytea[]`, `int8[]`), written straight into PostgreSQL's
/// binary array format: postgres-nio encodes arrays of non-optional elements only, and a `save` binds one array per
/// column, some of them nullable.
///
/// Binary array format (PostgreSQL `array_send`): ndim:i32, hasNulls:i32, elementType:oid, then per dimension
/// size:i32 lowerBound:i32, then per element length:i32 (-1 for NULL) and its bytes. An empty array has ndim 0 and no
/// dimension.
struct PostgresNullableArray<Element: PostgresNullableArrayElement>: PostgresNonThrowingEncodable, Sendable {
    /// The elements.
    var elements: [Element?]

    init(_ elements: [Element?]) { self.elements = elements }

    static var psqlType: PostgresDataType { Element.arrayType }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        precondition(elements.count <= Int(Int32.max), "an array parameter holds at most Int32.max elements")
        buffer.writeInteger(Int32(elements.isEmpty ? 0 : 1))
        buffer.writeInteger(Int32(elements.contains { $0 == nil } ? 1 : 0))
        buffer.writeInteger(Element.elementType.rawValue)
        if !elements.isEmpty {
            buffer.writeInteger(Int32(elements.count))
            buffer.writeInteger(Int32(1))
        }
        for element in elements {
            guard let element else {
                buffer.writeInteger(Int32(-1))
                continue
            }
            let lengthIndex = buffer.writerIndex
            buffer.writeInteger(Int32(0))
            element.writeBinary(into: &buffer)
            buffer.setInteger(Int32(buffer.writerIndex - lengthIndex - 4), at: lengthIndex)
        }
    }
}

/// An element type of ``PostgresNullableArray``: its PostgreSQL types and its binary form.
protocol PostgresNullableArrayElement: Sendable, Equatable {
    /// The element's type.
    static var elementType: PostgresDataType { get }
    /// The array's type.
    static var arrayType: PostgresDataType { get }
    /// Writes the element's binary form (without its length).
    func writeBinary(into buffer: inout ByteBuffer)
}

extension String: PostgresNullableArrayElement {
    static var elementType: PostgresDataType { .text }
    static var arrayType: PostgresDataType { .textArray }
    func writeBinary(into buffer: inout ByteBuffer) { buffer.writeString(self) }
}

extension Data: PostgresNullableArrayElement {
    static var elementType: PostgresDataType { .bytea }
    static var arrayType: PostgresDataType { .byteaArray }
    func writeBinary(into buffer: inout ByteBuffer) { buffer.writeBytes(self) }
}

extension Int64: PostgresNullableArrayElement {
    static var elementType: PostgresDataType { .int8 }
    static var arrayType: PostgresDataType { .int8Array }
    func writeBinary(into buffer: inout ByteBuffer) { buffer.writeInteger(self) }
}
