import CorridorCore
import CorridorLedger
import Foundation
import PostgresNIO

/// Row mapping between the ledger's values and PostgreSQL columns.
///
/// Ids are `uuid` columns (16 bytes, compared bytewise, so SQL's order is ``LedgerIdentifier``'s order). A transfer's
/// request and its applied legs are `bytea` in a compact, versioned binary form (``TransferBodyCoding``): a batch
/// writes and reads them without JSON, and the request must round-trip exactly for idempotent replays.
enum PostgresRowCoding {
    // MARK: Ids

    static func uuid(_ id: LedgerIdentifier) -> UUID {
        withUnsafeBytes(of: id.rawValue.bigEndian) { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
    }

    static func identifier(_ uuid: UUID) throws -> LedgerIdentifier {
        let raw = withUnsafeBytes(of: uuid.uuid) { UInt128(bigEndian: $0.loadUnaligned(as: UInt128.self)) }
        guard raw != 0 else { throw LedgerError.storage("a stored ledger id is zero") }
        return LedgerIdentifier(raw)
    }

    // MARK: Accounts

    /// The account columns, in the order ``account(_:)`` decodes them.
    static let accountColumns = """
        id, currency, owner, kind, flags, user_data, debits_posted, credits_posted, debits_pending, credits_pending
        """

    typealias AccountRow = (UUID, Int16, String, String, Int16, String, Int64, Int64, Int64, Int64)

    static func account(_ row: PostgresRow) throws -> (Account, AccountBalance) {
        let (uuid, code, owner, kindText, flags, userData, debitsPosted, creditsPosted, debitsPending, creditsPending) =
            try row.decode(AccountRow.self)
        let id = try identifier(uuid)
        guard let currency = Currency(numericCode: Int(code)) else {
            throw LedgerError.storage("account \(id): unknown currency code \(code)")
        }
        guard let kind = AccountKind(rawValue: kindText) else {
            throw LedgerError.storage("account \(id): unknown kind")
        }
        let account = Account(
            id: id, currency: currency, owner: owner, kind: kind,
            flags: AccountFlags(rawValue: UInt16(truncatingIfNeeded: flags)), userData: userData
        )
        let balance = AccountBalance(
            id: id, currency: currency, debitsPosted: debitsPosted, creditsPosted: creditsPosted,
            debitsPending: debitsPending, creditsPending: creditsPending
        )
        return (account, balance)
    }

    // MARK: Transfers

    /// The transfer columns, in the order ``record(_:)`` decodes them.
    static let transferColumns = "id, sequence, timestamp_ms, body, applied, pending_state, expires_at_ms"

    typealias TransferRow = (UUID, Int64, Int64, ByteBuffer, ByteBuffer?, Int16?, Int64?)

    static func record(_ row: PostgresRow) throws -> TransferRecord {
        try record(row.decode(TransferRow.self))
    }

    static func record(_ row: TransferRow) throws -> TransferRecord {
        let (uuid, sequence, timestampMs, body, applied, state, expiresAtMs) = row
        let id = try identifier(uuid)
        var bodyBuffer = body
        let transfer = try TransferBodyCoding.decodeTransfer(id: id, from: &bodyBuffer)
        var appliedLegs = transfer.legs
        if var applied, applied.readableBytes > 0 {
            appliedLegs = try TransferBodyCoding.decodeLegs(from: &applied)
        }
        return TransferRecord(
            transfer: transfer, sequence: UInt64(max(0, sequence)), timestampMs: timestampMs,
            appliedLegs: appliedLegs, pendingState: try state.map(pendingState), expiresAtMs: expiresAtMs
        )
    }

    /// `pending_state`: 0 open, 1 posted, 2 voided, 3 expired; NULL for transfers that are not pending.
    static func pendingStateCode(_ state: PendingState) -> Int16 {
        switch state {
        case .open: 0
        case .posted: 1
        case .voided: 2
        case .expired: 3
        }
    }

    static func pendingState(_ code: Int16) throws -> PendingState {
        switch code {
        case 0: .open
        case 1: .posted
        case 2: .voided
        case 3: .expired
        default: throw LedgerError.storage("unknown pending state \(code)")
        }
    }
}

/// The binary form of a transfer request and of a list of legs (all integers big-endian):
///
/// ```
/// body    = version:u8(1) kind extras legs userData
/// kind    = u8: 0 single | 1 pending | 2 post pending | 3 void pending
/// extras  = pending: hasTimeout:u8 [timeoutSeconds:i64]
///         | post:    pendingID:16 hasAmounts:u8 [count:u16 amount:i64*]
///         | void:    pendingID:16
/// legs    = count:u16 (debit:16 credit:16 amount:i64 currency:u16 numeric)*
/// userData = 3 × (length:u16 utf8)   paymentID, rail, reference
/// ```
///
/// The transfer id is not repeated in the body (it is the row's key).
enum TransferBodyCoding {
    static let version: UInt8 = 1
    /// Upper bound on counts read back, so a corrupt row cannot make the decoder allocate without limit.
    static let countMax = 1 << 12

    static func encode(_ transfer: Transfer, into buffer: inout ByteBuffer) {
        buffer.writeInteger(version)
        switch transfer.kind {
        case .single:
            buffer.writeInteger(UInt8(0))
        case .pending(let timeoutSeconds):
            buffer.writeInteger(UInt8(1))
            buffer.writeInteger(UInt8(timeoutSeconds == nil ? 0 : 1))
            if let timeoutSeconds { buffer.writeInteger(timeoutSeconds) }
        case .postPending(let pendingID, let amounts):
            buffer.writeInteger(UInt8(2))
            writeID(pendingID, into: &buffer)
            buffer.writeInteger(UInt8(amounts == nil ? 0 : 1))
            if let amounts {
                buffer.writeInteger(UInt16(clamping: amounts.count))
                for amount in amounts.prefix(Int(UInt16.max)) { buffer.writeInteger(amount) }
            }
        case .voidPending(let pendingID):
            buffer.writeInteger(UInt8(3))
            writeID(pendingID, into: &buffer)
        }
        encodeLegs(transfer.legs, into: &buffer)
        for field in [transfer.userData.paymentID, transfer.userData.rail, transfer.userData.reference] {
            let utf8 = field.utf8.prefix(Int(UInt16.max))
            buffer.writeInteger(UInt16(utf8.count))
            buffer.writeBytes(utf8)
        }
    }

    /// The body as bytes (tests and tools).
    static func encoded(_ transfer: Transfer) -> [UInt8] {
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        encode(transfer, into: &buffer)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// Decodes a body given as bytes, requiring that nothing follows it (tests and tools).
    static func decodeTransfer(id: TransferID, bytes: [UInt8]) throws -> Transfer {
        var buffer = ByteBufferAllocator().buffer(bytes: bytes)
        let transfer = try decodeTransfer(id: id, from: &buffer)
        guard buffer.readableBytes == 0 else { throw corrupt("trailing bytes") }
        return transfer
    }

    static func encodeLegs(_ legs: [TransferLeg], into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt16(clamping: legs.count))
        for leg in legs.prefix(Int(UInt16.max)) {
            writeID(leg.debit, into: &buffer)
            writeID(leg.credit, into: &buffer)
            buffer.writeInteger(leg.amount.minorUnits)
            buffer.writeInteger(UInt16(leg.amount.currency.numericCode))
        }
    }

    static func decodeTransfer(id: TransferID, from buffer: inout ByteBuffer) throws -> Transfer {
        guard try read(UInt8.self, &buffer) == version else { throw corrupt("body version") }
        let kind: TransferKind
        switch try read(UInt8.self, &buffer) {
        case 0:
            kind = .single
        case 1:
            kind = .pending(timeoutSeconds: try read(UInt8.self, &buffer) == 0 ? nil : try read(Int64.self, &buffer))
        case 2:
            let pendingID = try readID(&buffer)
            var amounts: [Int64]?
            if try read(UInt8.self, &buffer) != 0 {
                let count = try readCount(&buffer)
                amounts = try (0..<count).map { _ in try read(Int64.self, &buffer) }
            }
            kind = .postPending(pendingID, amounts: amounts)
        case 3:
            kind = .voidPending(try readID(&buffer))
        default:
            throw corrupt("transfer kind")
        }
        let legs = try decodeLegs(from: &buffer)
        var fields: [String] = []
        for _ in 0..<3 {
            let length = Int(try read(UInt16.self, &buffer))
            guard let text = buffer.readString(length: length) else { throw corrupt("user data") }
            fields.append(text)
        }
        return Transfer(
            id: id, kind: kind, legs: legs,
            userData: TransferUserData(paymentID: fields[0], rail: fields[1], reference: fields[2])
        )
    }

    static func decodeLegs(from buffer: inout ByteBuffer) throws -> [TransferLeg] {
        let count = try readCount(&buffer)
        var legs: [TransferLeg] = []
        legs.reserveCapacity(count)
        for _ in 0..<count {
            let debit = try readID(&buffer)
            let credit = try readID(&buffer)
            let amount = try read(Int64.self, &buffer)
            let code = try read(UInt16.self, &buffer)
            guard let currency = Currency(numericCode: Int(code)) else { throw corrupt("currency \(code)") }
            legs.append(TransferLeg(debit: debit, credit: credit, amount: Money(minorUnits: amount, currency: currency)))
        }
        return legs
    }

    private static func writeID(_ id: LedgerIdentifier, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt64(truncatingIfNeeded: id.rawValue >> 64))
        buffer.writeInteger(UInt64(truncatingIfNeeded: id.rawValue))
    }

    private static func readID(_ buffer: inout ByteBuffer) throws -> LedgerIdentifier {
        let high = try read(UInt64.self, &buffer)
        let low = try read(UInt64.self, &buffer)
        let raw = UInt128(high) << 64 | UInt128(low)
        guard raw != 0 else { throw corrupt("zero id") }
        return LedgerIdentifier(raw)
    }

    private static func readCount(_ buffer: inout ByteBuffer) throws -> Int {
        let count = Int(try read(UInt16.self, &buffer))
        guard count <= countMax else { throw corrupt("count \(count)") }
        return count
    }

    private static func read<T: FixedWidthInteger>(_ type: T.Type, _ buffer: inout ByteBuffer) throws -> T {
        guard let value = buffer.readInteger(as: T.self) else { throw corrupt("truncated") }
        return value
    }

    private static func corrupt(_ what: String) -> LedgerError {
        .storage("a stored transfer is corrupt (\(what))")
    }
}
