// Tools/fuzz.sh compiles this module with swiftc alone, without C targets: there the tables do all the work.
#if canImport(CCRC16)
    import CCRC16
#endif

/// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR.
///
/// EMV QRCPS MPM 4.7.3 uses it for tag 63 and SBP links use it for `crc`. The check value of the ASCII bytes
/// `123456789` is 0x29B1.
public enum CRC16 {
    /// The value before any byte is processed.
    public static let initialValue: UInt16 = 0xFFFF

    /// The checksum of `bytes`, continuing from `initial`.
    /// - Parameters:
    ///   - bytes: the bytes to check, e.g. a payload's UTF-8 up to and including `6304`.
    ///   - initial: the running value, ``initialValue`` for a fresh checksum.
    @inlinable
    public static func checksum(_ bytes: some Sequence<UInt8>, initial: UInt16 = initialValue) -> UInt16 {
        var crc = initial
        for byte in bytes {
            crc = (crc << 8) ^ table[Int(UInt8(truncatingIfNeeded: crc >> 8) ^ byte)]
        }
        return crc
    }

    /// The checksum of an unsafe byte range, the hot path of the EMV encoder and decoder.
    /// - Parameters:
    ///   - bytes: the buffer.
    ///   - initial: the running value, ``initialValue`` for a fresh checksum.
    ///
    /// From 32 bytes on x86-64, by carry-less multiplication (`Sources/CCRC16`: sixteen bytes per two PCLMULQDQ,
    /// about a tenth of the table's work on an EMV payload). Otherwise sixteen bytes at a time ("slicing by 16"), then
    /// eight, then one: the two bytes that meet the running value go through the tables for their distance from the
    /// end of the block, the others through theirs, and the lookups are XORed together. Sixteen tables of 256
    /// entries are 8 KiB, which stays in the first-level cache.
    public static func checksum(_ bytes: UnsafeBufferPointer<UInt8>, initial: UInt16 = initialValue) -> UInt16 {
        #if canImport(CCRC16)
            if bytes.count >= 32, let base = bytes.baseAddress {
                let folded = corridor_crc16_ccitt_fold(base, bytes.count, initial)
                if folded >= 0 { return UInt16(truncatingIfNeeded: folded) }
            }
        #endif
        return tableChecksum(bytes, initial: initial)
    }

    /// The checksum by the slicing-by-16 tables alone (also the reference the folded one is tested against).
    /// - Parameters:
    ///   - bytes: the buffer.
    ///   - initial: the running value, ``initialValue`` for a fresh checksum.
    static func tableChecksum(_ bytes: UnsafeBufferPointer<UInt8>, initial: UInt16 = initialValue) -> UInt16 {
        slicingTables.withUnsafeBufferPointer { table in
            let t = table.baseAddress.unsafelyUnwrapped
            var crc = initial
            guard var p = bytes.baseAddress else { return crc }
            var remaining = bytes.count
            @inline(__always) func at(_ slice: Int, _ byte: UInt8) -> UInt16 { t[slice &* 256 &+ Int(byte)] }
            while remaining >= 16 {
                let high = UInt8(truncatingIfNeeded: crc >> 8) ^ p[0]
                let low = UInt8(truncatingIfNeeded: crc) ^ p[1]
                crc = at(15, high) ^ at(14, low) ^ at(13, p[2]) ^ at(12, p[3]) ^ at(11, p[4]) ^ at(10, p[5])
                    ^ at(9, p[6]) ^ at(8, p[7]) ^ at(7, p[8]) ^ at(6, p[9]) ^ at(5, p[10]) ^ at(4, p[11])
                    ^ at(3, p[12]) ^ at(2, p[13]) ^ at(1, p[14]) ^ at(0, p[15])
                p += 16
                remaining &-= 16
            }
            if remaining >= 8 {
                let high = UInt8(truncatingIfNeeded: crc >> 8) ^ p[0]
                let low = UInt8(truncatingIfNeeded: crc) ^ p[1]
                crc = at(7, high) ^ at(6, low) ^ at(5, p[2]) ^ at(4, p[3]) ^ at(3, p[4]) ^ at(2, p[5])
                    ^ at(1, p[6]) ^ at(0, p[7])
                p += 8
                remaining &-= 8
            }
            while remaining > 0 {
                crc = (crc << 8) ^ at(0, UInt8(truncatingIfNeeded: crc >> 8) ^ p[0])
                p += 1
                remaining &-= 1
            }
            return crc
        }
    }

    /// The checksum of a string's UTF-8 bytes.
    /// - Parameters:
    ///   - text: the text, e.g. an SBP link up to `&crc=`.
    public static func checksum(_ text: String) -> UInt16 {
        if let value = text.utf8.withContiguousStorageIfAvailable({ checksum($0) }) { return value }
        return checksum(Array(text.utf8))
    }

    /// Four uppercase hexadecimal digits, as EMV tag 63 and the SBP `crc` parameter carry them.
    /// - Parameters:
    ///   - value: the checksum.
    public static func hexText(_ value: UInt16) -> String {
        let bytes = hexBytes(value)
        return String(unsafeUninitializedCapacity: 4) { buffer in
            buffer[0] = bytes.0
            buffer[1] = bytes.1
            buffer[2] = bytes.2
            buffer[3] = bytes.3
            return 4
        }
    }

    /// The four uppercase hexadecimal digits of `value` as ASCII bytes.
    @inlinable
    static func hexBytes(_ value: UInt16) -> (UInt8, UInt8, UInt8, UInt8) {
        @inline(__always) func digit(_ nibble: UInt16) -> UInt8 {
            let n = UInt8(truncatingIfNeeded: nibble & 0xF)
            return n < 10 ? 0x30 + n : 0x37 + n
        }
        return (digit(value >> 12), digit(value >> 8), digit(value >> 4), digit(value))
    }

    /// Sixteen tables of 256 entries: table k is the effect of a byte followed by k zero bytes.
    static let slicingTables: [UInt16] = {
        var tables = table
        for k in 1..<16 {
            for index in 0..<256 {
                let previous = tables[(k - 1) * 256 + index]
                tables.append((previous << 8) ^ table[Int(previous >> 8)])
            }
        }
        return tables
    }()

    /// The byte-at-a-time lookup table for polynomial 0x1021.
    @usableFromInline
    static let table: [UInt16] = (0..<256).map { index in
        var crc = UInt16(index) << 8
        for _ in 0..<8 {
            crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1
        }
        return crc
    }
}
