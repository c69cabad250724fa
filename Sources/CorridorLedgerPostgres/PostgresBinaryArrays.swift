import CorridorLedger
import PostgresNIO

/// Array parameters (`uuid[]`, `int8[]`, `int2[]`, `bytea[]`) written straight into PostgreSQL's binary array format.
///
/// A batch of 1000 transfers binds arrays of about 10,000 elements. postgres-nio encodes `[UUID]` and `[Int64]` one
/// element at a time through its generic encoder, which measured 15–20% of the client's CPU time per batch; these
/// types write each element with two or three integer stores, ids straight from ``LedgerIdentifier`` (big-endian, as
/// ``PostgresRowCoding/uuid(_:)`` lays them out), and `bytea` elements straight into one buffer (none per element).
///
/// Binary array format (PostgreSQL `array_send`): ndim:i32, hasNulls:i32, elementType:oid, then per dimension
/// size:i32 lowerBound:i32, then per element length:i32 bytes. An empty array has ndim 0 and no dimension.
enum PostgresBinaryArray {
    static func writeHeader(count: Int, elementType: PostgresDataType, into buffer: inout ByteBuffer) {
        precondition(count <= Int(Int32.max), "an array parameter holds at most Int32.max elements")
        buffer.writeInteger(Int32(count == 0 ? 0 : 1))
        buffer.writeInteger(Int32(0))
        buffer.writeInteger(elementType.rawValue)
        if count > 0 {
            buffer.writeInteger(Int32(count))
            buffer.writeInteger(Int32(1))
        }
    }
}

/// A `uuid[]` parameter of ledger ids.
struct PostgresIdentifierArray: PostgresNonThrowingEncodable, Sendable {
    var ids: [LedgerIdentifier] = []

    init(_ ids: [LedgerIdentifier] = []) { self.ids = ids }

    static var psqlType: PostgresDataType { .uuidArray }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        PostgresBinaryArray.writeHeader(count: ids.count, elementType: .uuid, into: &buffer)
        buffer.reserveCapacity(minimumWritableBytes: ids.count * 20)
        for id in ids {
            buffer.writeMultipleIntegers(
                Int32(16), UInt64(truncatingIfNeeded: id.rawValue >> 64), UInt64(truncatingIfNeeded: id.rawValue)
            )
        }
    }
}

/// An `int8[]` parameter.
struct PostgresInt64Array: PostgresNonThrowingEncodable, Sendable {
    var values: [Int64] = []

    init(_ values: [Int64] = []) { self.values = values }

    static var psqlType: PostgresDataType { .int8Array }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        PostgresBinaryArray.writeHeader(count: values.count, elementType: .int8, into: &buffer)
        buffer.reserveCapacity(minimumWritableBytes: values.count * 12)
        for value in values { buffer.writeMultipleIntegers(Int32(8), value) }
    }
}

/// An `int2[]` parameter.
struct PostgresInt16Array: PostgresNonThrowingEncodable, Sendable {
    var values: [Int16] = []

    init(_ values: [Int16] = []) { self.values = values }

    static var psqlType: PostgresDataType { .int2Array }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        PostgresBinaryArray.writeHeader(count: values.count, elementType: .int2, into: &buffer)
        buffer.reserveCapacity(minimumWritableBytes: values.count * 6)
        for value in values { buffer.writeMultipleIntegers(Int32(2), value) }
    }
}

/// A `bytea[]` parameter whose elements are written in place, one after the other, into a single buffer.
struct PostgresByteaArray: PostgresNonThrowingEncodable, Sendable {
    private(set) var count = 0
    /// The elements, each as length:i32 bytes.
    private var elements: ByteBuffer

    init(capacity: Int, allocator: ByteBufferAllocator) {
        elements = allocator.buffer(capacity: capacity)
    }

    /// Appends one element: whatever `write` writes to the buffer it is given.
    mutating func append(_ write: (inout ByteBuffer) -> Void) {
        let lengthIndex = elements.writerIndex
        elements.writeInteger(Int32(0))
        write(&elements)
        elements.setInteger(Int32(elements.writerIndex - lengthIndex - 4), at: lengthIndex)
        count += 1
    }

    static var psqlType: PostgresDataType { .byteaArray }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        PostgresBinaryArray.writeHeader(count: count, elementType: .bytea, into: &buffer)
        buffer.writeImmutableBuffer(elements)
    }
}
