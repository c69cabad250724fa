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
    /// The decoded value whose payload holds the accounts; nil for a built list.
    private let decoded: MerchantPresentedQR.DecodedBox?

    /// A list of `accounts`.
    /// - Parameters:
    ///   - accounts: the accounts, in order.
    public init(_ accounts: [MerchantAccountInformation]) {
        built = accounts
        decoded = nil
    }

    /// A list of the accounts written out.
    /// - Parameters:
    ///   - elements: the accounts, in order.
    public init(arrayLiteral elements: MerchantAccountInformation...) {
        self.init(elements)
    }

    /// The accounts of a decoded value: one reference to its storage.
    init(decoded box: MerchantPresentedQR.DecodedBox) {
        built = []
        decoded = box
    }

    /// The index of the first account.
    public var startIndex: Int { 0 }

    /// One past the index of the last account.
    public var endIndex: Int { count }

    /// The number of accounts.
    public var count: Int { decoded?.decoded.accountRanges.count ?? built.count }

    /// The account at `position`.
    /// - Parameters:
    ///   - position: an index in `startIndex..<endIndex`.
    public subscript(position: Int) -> MerchantAccountInformation {
        guard let decoded else { return built[position] }
        return decoded.decoded.account(at: position)
    }

    /// The accounts as an array (the built array itself when the list was built from one).
    public var array: [MerchantAccountInformation] {
        decoded == nil ? built : Array(self)
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
