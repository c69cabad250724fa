import Testing

/// A PNG split into its chunks, for header checks (ISO/IEC 15948 §5.3).
struct PNGChunks {
    struct Chunk {
        let type: String
        let data: [UInt8]
        let crc: UInt32

        /// Whether the stored CRC-32 matches the type and data.
        var crcIsValid: Bool { PNGChunks.crc32(Array(type.utf8) + data) == crc }
    }

    /// IHDR's fields.
    struct Header {
        let width: UInt32
        let height: UInt32
        let bitDepth: UInt8
        let colourType: UInt8
        let interlace: UInt8
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// A limit on the chunks read, so a malformed file cannot loop for long.
    static let chunkCountMax = 10_000

    let chunks: [Chunk]

    init(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(bytes.starts(with: Self.signature), "not a PNG signature", sourceLocation: sourceLocation)
        var offset = Self.signature.count
        var chunks: [Chunk] = []
        while offset < bytes.count, chunks.count < Self.chunkCountMax {
            try #require(offset + 12 <= bytes.count, "chunk header past the end", sourceLocation: sourceLocation)
            let length = Int(Self.uint32(bytes, offset))
            try #require(offset + 12 + length <= bytes.count, "chunk past the end", sourceLocation: sourceLocation)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let data = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            chunks.append(Chunk(type: type, data: data, crc: Self.uint32(bytes, offset + 8 + length)))
            offset += 12 + length
        }
        self.chunks = chunks
    }

    func header(sourceLocation: SourceLocation = #_sourceLocation) throws -> Header {
        let ihdr = try #require(chunks.first, sourceLocation: sourceLocation)
        try #require(ihdr.type == "IHDR" && ihdr.data.count == 13, "IHDR is not first", sourceLocation: sourceLocation)
        return Header(
            width: Self.uint32(ihdr.data, 0), height: Self.uint32(ihdr.data, 4),
            bitDepth: ihdr.data[8], colourType: ihdr.data[9], interlace: ihdr.data[12]
        )
    }

    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// CRC-32 as PNG uses it (ISO 3309, reflected polynomial 0xEDB88320).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
