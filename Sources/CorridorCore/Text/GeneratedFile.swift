/// A file a run produced, named relative to its output folder, whose text is made when it is read.
///
/// A day's camt.053 statements and camt.054 notifications hold one entry per booking: at a million payments they
/// are hundreds of megabytes of XML. Kept as text they set a run's peak memory; made one file at a time, as they are
/// written or served, they cost one file's text.
public struct GeneratedFile: Sendable {
    /// The file's path relative to the output folder (`clearing/2026-07-01/camt.053-2026-07-01-001.xml`).
    public let name: String
    private let make: @Sendable () -> String

    /// The file's text, made on each read (the same text every time).
    public var text: String { make() }

    /// A file whose text is already made.
    public init(name: String, text: String) {
        self.name = name
        make = { text }
    }

    /// A file whose text `make` produces when read; `make` must give the same text every time.
    public init(name: String, make: @escaping @Sendable () -> String) {
        self.name = name
        self.make = make
    }

    /// The same file under another name (a run's clearing files go under `clearing/<date>/`).
    public func renamed(_ name: String) -> GeneratedFile {
        GeneratedFile(name: name, make: make)
    }
}
