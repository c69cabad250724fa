import ArgumentParser

/// `corridor iso8583 decode|encode`: ISO 8583 messages to fields and back (issue 4 §1).
///
/// Exit status: 0 success; 1 a message that does not unpack or pack, or an unreadable input file; 64 bad options
/// (a `ValidationError` naming the option, including an unknown `--spec`).
struct ISO8583Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iso8583",
        abstract: "Decode and encode ISO 8583 card messages.",
        discussion: """
            Specs: ascii1987 (default), binary1987, ebcdic1987, bcd1987, or the path of a pyiso8583 JSON spec \
            file. Exit status: 0 success, 1 a message that does not decode or encode, 64 bad options.
            """,
        subcommands: [Decode.self, Encode.self]
    )
}
