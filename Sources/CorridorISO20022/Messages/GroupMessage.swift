/// One entry of a message made of a group header and a list of transactions (pacs.008 and pacs.009 `CdtTrfTxInf`,
/// pacs.004 `TxInf`): how it is written and read.
protocol GroupMessageEntry {
    /// Reads the entry from its element.
    init(element: XMLElement) throws(ISO20022Error)
    /// Writes the entry; `path` names it in errors.
    func element(path: String, text: Transliterator) throws(ISO20022Error) -> XMLElement
}

extension CreditTransferTransaction: GroupMessageEntry {}
extension FinancialInstitutionCreditTransferTransaction: GroupMessageEntry {}
extension PaymentReturnTransaction: GroupMessageEntry {}

/// Writing and reading `GrpHdr` followed by the entries, the part pacs.008, pacs.009 and pacs.004 share.
enum GroupMessage {
    /// The message's root element: `GrpHdr` (with `NbOfTxs` counted here), then one `entryName` per entry.
    /// - Throws: `missingElement` when there is no entry, or whatever an entry's writer throws.
    static func element<Entry: GroupMessageEntry>(
        root: String, header: GroupHeader, entries: [Entry], entryName: String, text: Transliterator
    ) throws(ISO20022Error) -> XMLElement {
        let path = "/Document/" + root
        guard !entries.isEmpty else { throw .missingElement(path: path + "/" + entryName) }
        var children = [try header.element(numberOfTransactions: entries.count, path: path, text: text)]
        for (index, entry) in entries.enumerated() {
            let here = path + "/" + entryName + (index > 0 ? "[\(index + 1)]" : "")
            children.append(try entry.element(path: here, text: text))
        }
        return XMLElement(root, children: children)
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
