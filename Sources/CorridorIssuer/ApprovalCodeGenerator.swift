import CorridorCore
import Foundation

/// Issues approval codes (field 38, six alphanumerics) and retrieval reference numbers (field 37, twelve
/// characters: the Julian date `YDDD`, the hour `hh`, then a six-digit sequence), unique within a host's run.
///
/// The sequence starts from a seed (the clock's milliseconds by default), so two runs on the same day do not
/// repeat each other's numbers in practice, and a seeded run repeats itself exactly.
struct ApprovalCodeGenerator: Sendable {
    private var sequence: UInt64
    private static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)

    init(seed: UInt64) {
        sequence = seed
    }

    /// The next approval code and RRN.
    mutating func next(at date: Date) -> (approvalCode: String, rrn: String) {
        sequence &+= 1
        var value = sequence
        var code = [UInt8](repeating: 0, count: 6)
        for index in (0..<6).reversed() {
            code[index] = Self.alphabet[Int(value % UInt64(Self.alphabet.count))]
            value /= UInt64(Self.alphabet.count)
        }
        let civil = CivilDate(unixMilliseconds: date.unixMilliseconds)
        let rrn = "\(civil.year % 10)" + IssuerHost.digits(civil.dayOfYear, width: 3)
            + IssuerHost.digits(civil.hour, width: 2) + IssuerHost.digits(sequence % 1_000_000, width: 6)
        return (String(decoding: code, as: UTF8.self), rrn)
    }
}
