import CorridorCore

/// One person or organisation on a watch list (a sanctions list, a PEP list, the bank's own list).
///
/// Guarantees (when built by ``WatchList/init(csv:)``): `id`, `name` and `list` are non-empty and trimmed;
/// `aliases` and `idNumbers` hold no empty strings.
public struct WatchListEntry: Sendable, Hashable {
    /// The entry's id, unique within a ``WatchList`` (the list publisher's reference, e.g. `CDL-0001`).
    public let id: String
    /// The primary name, in any script (Latin, Cyrillic, Chinese).
    public let name: String
    /// Other names and spellings the entry is known by, in any script.
    public let aliases: [String]
    /// The country the entry is tied to (nationality or registration), when the list gives one. Informational:
    /// it never suppresses a hit, since a listed person abroad is still listed.
    public let country: Country?
    /// Passport, registration or tax numbers (INN, OGRN, USCC, …) as the list writes them.
    public let idNumbers: [String]
    /// The name of the list the entry comes from; it appears in the audit log, never in a payer-facing reason.
    public let list: String

    /// Creates an entry.
    /// - Parameters:
    ///   - id: the entry's id, unique within its watch list.
    ///   - name: the primary name.
    ///   - aliases: other names and spellings.
    ///   - country: the country the entry is tied to, if any.
    ///   - idNumbers: identity or registration numbers.
    ///   - list: the list's name.
    public init(
        id: String, name: String, aliases: [String] = [], country: Country? = nil, idNumbers: [String] = [],
        list: String
    ) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.country = country
        self.idNumbers = idNumbers
        self.list = list
    }

    /// The primary name followed by the aliases: every spelling a subject's name is compared with.
    public var names: [String] { [name] + aliases }
}
