/// One entry of a message made of a group header and a list of transactions (pacs.008 and pacs.009 `CdtTrfTxInf`,
/// pacs.004 `TxInf`): how it is written and read.
protocol GroupMessageEntry {
    /// Reads the entry from its element.
    init(element: XMLElement) throws(ISO20022Error)
    /// Writes the entry's element; `path` (built only for an error) names it.
    func write(to writer: inout XMLStreamWriter, path: () -> String, text: Transliterator) throws(ISO20022Error)
}

extension CreditTransferTransaction: GroupMessageEntry {}
extension FinancialInstitutionCreditTransferTransaction: GroupMessageEntry {}
extension PaymentReturnTransaction: GroupMessageEntry {}

/// Writing and reading `GrpHdr` followed by the entries, the part pacs.008, pacs.009 and pacs.004 share.
enum GroupMessage {
    /// Writes the content of the message's root element: `GrpHdr` (with `NbOfTxs` counted here), then the entries,
    /// each named `entryName`.
    /// - Parameter root: the root element's name, for the paths of errors.
    /// - Throws: `missingElement` when there is no entry, or whatever an entry's writer throws.
    static func write<Entry: GroupMessageEntry>(
        root: String, header: GroupHeader, entries: [Entry], entryName: String, to writer: inout XMLStreamWriter,
        text: Transliterator
    ) throws(ISO20022Error) {
        // Paths are built only for an error.
        func path() -> String { "/Document/" + root }
        guard !entries.isEmpty else { throw .missingElement(path: path() + "/" + entryName) }
        try header.write(numberOfTransactions: entries.count, to: &writer, path: path, text: text)
        // Each entry is still copied out of the array before it is written (a retain per field, ~5% of a pacs.008:
        // neither a buffer pointer nor inlining the entry's writer avoided it).
        for index in entries.indices {
            try entries[index].write(
                to: &writer, path: { path() + "/" + entryName + (index > 0 ? "[\(index + 1)]" : "") }, text: text)
        }
    }

    /// The header and entries of a root element; `NbOfTxs` must equal the number of entries.
    /// - Parameter entriesRequired: whether a message without entries is refused (the schema may allow none).
    static func read<Entry: GroupMessageEntry>(
        _ element: XMLElement, entryName: String, entriesRequired: Bool
    ) throws(ISO20022Error) -> (header: GroupHeader, entries: [Entry]) {
        let header = try element.required("GrpHdr")
        var entries: [Entry] = []
        for child in element.children(entryName) { entries.append(try Entry(element: child)) }
        if entriesRequired, entries.isEmpty { throw .missingElement(path: element.path + "/" + entryName) }
        try MessageCoding.checkCount(header, actual: entries.count)
        return (try GroupHeader(element: header), entries)
    }
}
