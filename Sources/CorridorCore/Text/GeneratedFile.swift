/// A file a run produced, named relative to its output folder, whose bytes are made when they are read.
///
/// A day's camt.053 statements and camt.054 notifications hold one entry per booking: at a million payments they
/// are hundreds of megabytes of XML. Kept as text they set a run's peak memory; made one file at a time, in pieces,
/// as they are written or served, they cost a buffer.
public struct GeneratedFile: Sendable {
    /// Hands the file's bytes, in order, to a sink that sees each piece only during its call.
    public typealias Producer = @Sendable (_ sink: @escaping (UnsafeRawBufferPointer) -> Void) -> Void

    /// The file's path relative to the output folder (`clearing/2026-07-01/camt.053-2026-07-01-001.xml`).
    public let name: String
    private let produce: Producer

    /// A file whose text is already made.
    public init(name: String, text: String) {
        self.name = name
        produce = { sink in
            var text = text
            text.withUTF8 { sink(UnsafeRawBufferPointer($0)) }
        }
    }

    /// A file whose bytes `produce` makes when read; it must make the same bytes every time.
    public init(name: String, producing produce: @escaping Producer) {
        self.name = name
        self.produce = produce
    }

    /// The file's text, made on each read (the same text every time).
    public var text: String {
        let bytes = ByteCollector()
        produce { bytes.append($0) }
        return String(decoding: bytes.bytes, as: UTF8.self)
    }

    /// Hands the file's bytes to `sink` in pieces, in order, without holding them all.
    public func write(to sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        produce(sink)
    }

    /// The same file under another name (a run's clearing files go under `clearing/<date>/`).
    public func renamed(_ name: String) -> GeneratedFile {
        GeneratedFile(name: name, producing: produce)
    }
}

/// The pieces of one file read as text.
private final class ByteCollector {
    var bytes: [UInt8] = []
    func append(_ piece: UnsafeRawBufferPointer) { bytes.append(contentsOf: piece) }
}
