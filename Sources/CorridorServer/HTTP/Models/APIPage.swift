/// One page of a list: the items and the cursor of the next page (nil on the last).
public struct APIPage<Item: Sendable>: Sendable {
    /// The items, in the list's stable order.
    public let items: [Item]
    /// Pass as `?cursor=` to get the next page; absent on the last page.
    public let nextCursor: String?

    /// Creates a page.
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// `?limit=` and `?cursor=` of a list request.
public struct PageRequest: Sendable, Hashable {
    /// Items wanted, 1…``HTTPLimits/pageSizeMax``.
    public let limit: Int
    /// The cursor from the previous page.
    public let cursor: String?

    /// Creates a page request.
    public init(limit: Int = HTTPLimits.pageSizeDefault, cursor: String? = nil) {
        self.limit = limit
        self.cursor = cursor
    }

    /// Pages a sorted list of items with string keys: the items after the cursor's key.
    public func page<Item>(_ sorted: [Item], key: (Item) -> String) -> APIPage<Item> {
        let start =
            cursor.map { cursor in sorted.firstIndex { key($0) > cursor } ?? sorted.endIndex } ?? sorted.startIndex
        let slice = Array(sorted[start..<min(sorted.endIndex, start + limit)])
        let more = start + limit < sorted.endIndex
        return APIPage(items: slice, nextCursor: more ? slice.last.map(key) : nil)
    }
}

extension APIPage: Encodable where Item: Encodable {}
