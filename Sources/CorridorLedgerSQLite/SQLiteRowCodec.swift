import CorridorCore
import CorridorLedger
import Foundation
import GRDB

/// Converts ledger values to SQLite column values and back.
///
/// Formats (all integers big-endian):
/// - an id is its 16 bytes;
/// - `legs` is 43 bytes per applied leg: debit id (16), credit id (16), amount in minor units (8), ISO 4217
///   alphabetic currency code (3 ASCII bytes);
/// - `post_amounts` is 8 bytes per amount; NULL means "post in full";
/// - `kind` is 0 single, 1 pending, 2 post pending, 3 void pending; `pending_state` is 0 open, 1 posted,
///   2 voided, 3 expired, NULL for other kinds.
///
/// The request's legs are the applied legs for single and pending transfers and empty for posts and voids (the
/// rules reject anything else), so the stored row rebuilds the request exactly and replays compare equal.
enum SQLiteRowCodec {
    /// The columns of `transfer` in the order ``record(from:)`` reads them.
    static let transferColumns = """
        sequence, id, kind, timeout_seconds, pending_id, post_amounts, payment_id, rail, reference, timestamp_ms, \
        legs, pending_state, expires_at_ms
        """

    /// The columns of an account and its balance, selected from ``accountSource``, in the order
    /// ``account(from:)`` reads them.
    static let accountColumns = """
        a.number, a.id, a.currency, a.owner, a.kind, a.flags, a.user_data, b.debits_posted, b.credits_posted, \
        b.debits_pending, b.credits_pending
        """

    /// An account (`a`) joined with its balance (`b`); a condition on the account names `a.id` or `a.number`.
    static let accountSource = "account a JOIN balance b ON b.number = a.number"

    /// Selects ``accountColumns`` of the account with the id bound to the one parameter.
    static let selectAccountByIDSQL = "SELECT \(accountColumns) FROM \(accountSource) WHERE a.id = ?"

    private static let legByteCount = 43

    // MARK: Ids

    /// The id's 16 big-endian bytes.
    static func data(_ id: LedgerIdentifier) -> Data {
        var bigEndian = id.rawValue.bigEndian
        return withUnsafeBytes(of: &bigEndian) { Data($0) }
    }

    /// The id stored in a 16-byte BLOB.
    static func identifier(_ data: Data) throws -> LedgerIdentifier {
        guard data.count == 16 else { throw corrupt("an id is \(data.count) bytes, not 16") }
        var value: UInt128 = 0
        for byte in data { value = value << 8 | UInt128(byte) }
        guard value != 0 else { throw corrupt("a zero id") }
        return LedgerIdentifier(value)
    }

    // MARK: Accounts

    /// The account and balance in a row selected with ``accountColumns``, and its number.
    static func account(from row: Row) throws -> (number: Int64, account: Account, balance: AccountBalance) {
        let id = try identifier(row[1])
        let currencyCode: String = row[2]
        let kindName: String = row[4]
        guard let currency = Currency(alphaCode: currencyCode) else { throw corrupt("unknown currency \(currencyCode)") }
        guard let kind = AccountKind(rawValue: kindName) else { throw corrupt("unknown account kind \(kindName)") }
        let flags: Int64 = row[5]
        guard let flagBits = UInt16(exactly: flags) else { throw corrupt("account flags \(flags)") }
        let account = Account(
            id: id, currency: currency, owner: row[3], kind: kind, flags: AccountFlags(rawValue: flagBits),
            userData: row[6]
        )
        let balance = AccountBalance(
            id: id, currency: currency, debitsPosted: row[7], creditsPosted: row[8], debitsPending: row[9],
            creditsPending: row[10]
        )
        return (row[0], account, balance)
    }

    // MARK: Transfers

    /// How many columns ``transferColumns`` names.
    static let transferColumnCount: Int = transferColumns.split(separator: ",").count

    /// How many bytes of ``bind(_:to:firstIndex:inPlace:)``'s buffer a record takes: its id, its pending id when it
    /// has one, and its packed legs.
    static func inPlaceByteCount(of record: TransferRecord) -> Int {
        16 + (record.transfer.kind.pendingID == nil ? 0 : 16) + record.appliedLegs.count * legByteCount
    }

    /// Binds a record to the ``transferColumnCount`` parameters of an `INSERT INTO transfer (transferColumns)
    /// VALUES (?, …), …` starting at parameter `firstIndex` (1 for the first row).
    ///
    /// The id, pending id and packed legs are written into `buffer` (exactly ``inPlaceByteCount(of:)`` bytes) and
    /// bound in place (``SQLiteFastStatement/bindInPlace(_:at:)``): SQLite would otherwise allocate a copy of each.
    /// The caller keeps `buffer` alive until the statement has run and its bindings are cleared.
    static func bind(
        _ record: TransferRecord, to insert: SQLiteFastStatement, firstIndex: Int32 = 1,
        inPlace buffer: UnsafeMutableRawBufferPointer
    ) {
        precondition(buffer.count == inPlaceByteCount(of: record), "a buffer of inPlaceByteCount(of:) bytes")
        let at = firstIndex - 1
        let transfer = record.transfer
        var kind: Int64
        var timeoutSeconds: Int64?
        var pendingID: TransferID?
        var postAmounts: Data?
        switch transfer.kind {
        case .single:
            kind = 0
        case .pending(let timeout):
            kind = 1
            timeoutSeconds = timeout
        case .postPending(let id, let amounts):
            kind = 2
            pendingID = id
            postAmounts = amounts.map(packed)
        case .voidPending(let id):
            kind = 3
            pendingID = id
        }
        buffer.storeBytes(of: transfer.id.rawValue.bigEndian, toByteOffset: 0, as: UInt128.self)
        insert.bind(Int64(record.sequence), at: at + 1)
        insert.bindInPlace(UnsafeRawBufferPointer(rebasing: buffer[0..<16]), at: at + 2)
        insert.bind(kind, at: at + 3)
        insert.bind(timeoutSeconds, at: at + 4)
        var legsStart = 16
        if let pendingID {
            buffer.storeBytes(of: pendingID.rawValue.bigEndian, toByteOffset: 16, as: UInt128.self)
            insert.bindInPlace(UnsafeRawBufferPointer(rebasing: buffer[16..<32]), at: at + 5)
            legsStart = 32
        } else {
            insert.bind(nil as TransferID?, at: at + 5)
        }
        insert.bind(postAmounts, at: at + 6)
        insert.bind(transfer.userData.paymentID, at: at + 7)
        insert.bind(transfer.userData.rail, at: at + 8)
        insert.bind(transfer.userData.reference, at: at + 9)
        insert.bind(record.timestampMs, at: at + 10)
        let legs = UnsafeMutableRawBufferPointer(rebasing: buffer[legsStart...])
        pack(record.appliedLegs, into: legs)
        insert.bindInPlace(UnsafeRawBufferPointer(legs), at: at + 11)
        insert.bind(record.pendingState.map(number), at: at + 12)
        insert.bind(record.expiresAtMs, at: at + 13)
    }

    /// The record in a row selected with ``transferColumns``.
    static func record(from row: Row) throws -> TransferRecord {
        let sequence: Int64 = row[0]
        let id = try identifier(row[1])
        let kindNumber: Int64 = row[2]
        let appliedLegs = try legs(row[10])
        let kind: TransferKind
        switch kindNumber {
        case 0: kind = .single
        case 1: kind = .pending(timeoutSeconds: row[3])
        case 2:
            let amounts: Data? = row[5]
            kind = .postPending(try identifier(row[4]), amounts: try amounts.map(unpackedAmounts))
        case 3: kind = .voidPending(try identifier(row[4]))
        default: throw corrupt("transfer kind \(kindNumber)")
        }
        let requestLegs: [TransferLeg]
        switch kind {
        case .single, .pending: requestLegs = appliedLegs
        case .postPending, .voidPending: requestLegs = []
        }
        let userData = TransferUserData(paymentID: row[6], rail: row[7], reference: row[8])
        let stateNumber: Int64? = row[11]
        return TransferRecord(
            transfer: Transfer(id: id, kind: kind, legs: requestLegs, userData: userData),
            sequence: UInt64(sequence), timestampMs: row[9], appliedLegs: appliedLegs,
            pendingState: try stateNumber.map(pendingState), expiresAtMs: row[12]
        )
    }

    /// The stored number of a pending state.
    static func number(_ state: PendingState) -> Int64 {
        switch state {
        case .open: 0
        case .posted: 1
        case .voided: 2
        case .expired: 3
        }
    }

    private static func pendingState(_ number: Int64) throws -> PendingState {
        switch number {
        case 0: .open
        case 1: .posted
        case 2: .voided
        case 3: .expired
        default: throw corrupt("pending state \(number)")
        }
    }

    // MARK: Packed BLOBs

    /// Packs legs into `buffer`, which holds exactly `legs.count × 43` bytes (the layout ``packed(_:)-([TransferLeg])``
    /// writes).
    static func pack(_ legs: [TransferLeg], into buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count == legs.count * legByteCount, "a buffer of 43 bytes per leg")
        var offset = 0
        for leg in legs {
            buffer.storeBytes(of: leg.debit.rawValue.bigEndian, toByteOffset: offset, as: UInt128.self)
            buffer.storeBytes(of: leg.credit.rawValue.bigEndian, toByteOffset: offset + 16, as: UInt128.self)
            buffer.storeBytes(
                of: UInt64(bitPattern: leg.amount.minorUnits).bigEndian, toByteOffset: offset + 32, as: UInt64.self
            )
            var code = leg.amount.currency.alphaCode
            code.withUTF8 { utf8 in
                precondition(utf8.count == 3, "an ISO 4217 alphabetic code is 3 ASCII letters")
                for index in 0..<3 { buffer[offset + 40 + index] = utf8[index] }
            }
            offset += legByteCount
        }
    }

    static func packed(_ legs: [TransferLeg]) -> Data {
        var bytes = [UInt8]()
        bytes.reserveCapacity(legs.count * legByteCount)
        for leg in legs {
            append(leg.debit.rawValue, to: &bytes)
            append(leg.credit.rawValue, to: &bytes)
            append(UInt64(bitPattern: leg.amount.minorUnits), to: &bytes)
            bytes.append(contentsOf: leg.amount.currency.alphaCode.utf8)
        }
        return Data(bytes)
    }

    static func legs(_ data: Data) throws -> [TransferLeg] {
        guard data.count % legByteCount == 0 else { throw corrupt("legs BLOB of \(data.count) bytes") }
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [TransferLeg] in
            var legs: [TransferLeg] = []
            legs.reserveCapacity(raw.count / legByteCount)
            var offset = 0
            while offset < raw.count {
                let debit: UInt128 = integer(raw, at: offset, as: UInt128.self)
                let credit: UInt128 = integer(raw, at: offset + 16, as: UInt128.self)
                let amount = Int64(bitPattern: integer(raw, at: offset + 32, as: UInt64.self))
                let code = String(decoding: raw[(offset + 40)..<(offset + 43)], as: UTF8.self)
                guard debit != 0, credit != 0 else { throw corrupt("a zero account id in legs") }
                guard let currency = Currency(alphaCode: code) else { throw corrupt("unknown currency \(code)") }
                legs.append(TransferLeg(
                    debit: LedgerIdentifier(debit), credit: LedgerIdentifier(credit),
                    amount: Money(minorUnits: amount, currency: currency)
                ))
                offset += legByteCount
            }
            return legs
        }
    }

    static func packed(_ amounts: [Int64]) -> Data {
        var bytes = [UInt8]()
        bytes.reserveCapacity(amounts.count * 8)
        for amount in amounts { append(UInt64(bitPattern: amount), to: &bytes) }
        return Data(bytes)
    }

    static func unpackedAmounts(_ data: Data) throws -> [Int64] {
        guard data.count % 8 == 0 else { throw corrupt("post amounts BLOB of \(data.count) bytes") }
        return data.withUnsafeBytes { raw in
            stride(from: 0, to: raw.count, by: 8).map { Int64(bitPattern: integer(raw, at: $0, as: UInt64.self)) }
        }
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        var bigEndian = value.bigEndian
        withUnsafeBytes(of: &bigEndian) { bytes.append(contentsOf: $0) }
    }

    private static func integer<T: FixedWidthInteger>(_ raw: UnsafeRawBufferPointer, at offset: Int, as: T.Type) -> T {
        T(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    static func corrupt(_ what: String) -> LedgerError {
        .storage("the ledger file holds a row this build cannot read (\(what))")
    }
}
