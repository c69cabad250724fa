/// The merchant accounts of a ``MerchantPresentedQR`` (tags 02–51), in payload order: a random-access collection
/// of ``MerchantAccountInformation``, written as an array literal (`[try .unionPay(merchantIdentifier: …)]`).
///
/// A decoded value's list points into its payload and builds an account only when the account is read, so decoding
/// allocates no array and `count` costs nothing; a built value's list wraps its array.
///
/// Guarantees: elements are in payload (or building) order; two lists are equal when their accounts are, however
/// they are held.
public struct MerchantAccountList: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// The accounts of a list built in code; empty for a decoded one.
    private let built: [MerchantAccountInformation]
    /// The decoded payload the accounts lie in; empty for a built list.
    private let text: String
    /// Where each decoded account lies in `text`.
    private let ranges: EMVAccountRanges
    /// How the decoded payload's lengths counted.
    private let counting: EMVLengthCounting
    /// True when every byte of the decoded payload is ASCII.
    private let isASCII: Bool
    /// True for a decoded list.
    private let isDecoded: Bool

    /// A list of `accounts`.
    /// - Parameters:
    ///   - accounts: the accounts, in order.
    public init(_ accounts: [MerchantAccountInformation]) {
        built = accounts
        text = ""
        ranges = EMVAccountRanges()
        counting = .characters
        isASCII = true
        isDecoded = false
    }

    /// A list of the accounts written out.
    /// - Parameters:
    ///   - elements: the accounts, in order.
    public init(arrayLiteral elements: MerchantAccountInformation...) {
        self.init(elements)
    }

    /// The accounts of a validated payload, at `ranges`.
    init(text: String, ranges: EMVAccountRanges, counting: EMVLengthCounting, isASCII: Bool) {
        built = []
        self.text = text
        self.ranges = ranges
        self.counting = counting
        self.isASCII = isASCII
        isDecoded = true
    }

    /// The index of the first account.
    public var startIndex: Int { 0 }

    /// One past the index of the last account.
    public var endIndex: Int { isDecoded ? ranges.count : built.count }

    /// The number of accounts.
    public var count: Int { isDecoded ? ranges.count : built.count }

    /// The account at `position`.
    /// - Parameters:
    ///   - position: an index in `startIndex..<endIndex`.
    public subscript(position: Int) -> MerchantAccountInformation {
        guard isDecoded else { return built[position] }
        let packed = ranges[position]
        let slice = EMVPayloadSlice(
            text: text, valueStart: EMVAccountRanges.start(packed), valueEnd: EMVAccountRanges.end(packed),
            path: EMVTagPath(), counting: counting, isASCII: isASCII, isTemplate: EMVAccountRanges.isTemplate(packed))
        return MerchantAccountInformation(
            uncheckedObject: EMVDataObject(id: EMVAccountRanges.id(packed), slice: slice))
    }

    /// The accounts as an array (the built array itself when the list was built from one).
    public var array: [MerchantAccountInformation] {
        isDecoded ? Array(self) : built
    }

    /// True when both hold equal accounts in the same order.
    /// - Parameters:
    ///   - lhs: a list.
    ///   - rhs: another list.
    public static func == (lhs: MerchantAccountList, rhs: MerchantAccountList) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    /// Hashes the accounts as an array of them hashes.
    /// - Parameters:
    ///   - hasher: the hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(array)
    }

    /// The accounts as an array prints them.
    public var description: String { array.description }
}
