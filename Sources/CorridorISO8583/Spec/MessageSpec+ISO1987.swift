extension MessageSpec {
    /// Corridor's default wire format: ISO 8583:1987 with an ASCII MTI, ASCII-hex bitmaps and ASCII fields.
    ///
    /// Field lengths follow pyiso8583's `default_ascii` so the two read each other's messages; binary fields
    /// (52, 55, 64, 65, 96, 128) carry raw bytes. The same spec ships as `Samples/iso8583/corridor-ascii-1987.json`.
    public static let ascii1987 = MessageSpec(
        name: "corridor-ascii-1987", mtiEncoding: .ascii, bitmapEncoding: .asciiHex, fields: iso1987Fields)

    /// ISO 8583:1987 with an ASCII MTI, binary bitmaps (8 bytes each) and ASCII fields.
    public static let binaryBitmap1987 = MessageSpec(
        name: "corridor-binary-bitmap-1987", mtiEncoding: .ascii, bitmapEncoding: .binary, fields: iso1987Fields)

    /// ISO 8583:1987 in EBCDIC (code page 500) with binary bitmaps, as mainframe hosts speak it; the same spec
    /// ships as `Samples/iso8583/corridor-ebcdic-1987.json`.
    public static let ebcdic1987 = MessageSpec(
        name: "corridor-ebcdic-1987", mtiEncoding: .ebcdic, bitmapEncoding: .binary,
        fields: iso1987Fields.mapValues { field in
            var field = field
            if field.dataEncoding == .ascii { field.dataEncoding = .ebcdic }
            field.lengthEncoding = .ebcdic
            return field
        })

    /// ISO 8583:1987 with a BCD MTI, binary bitmaps, numeric fields in BCD and BCD length prefixes.
    public static let bcd1987 = MessageSpec(
        name: "corridor-bcd-1987", mtiEncoding: .bcd, bitmapEncoding: .binary,
        fields: iso1987Fields.mapValues { field in
            var field = field
            if field.kind == .n { field.dataEncoding = .bcd }
            if field.length.prefixDigits > 0 { field.lengthEncoding = .bcd }
            return field
        })

    /// Data elements 2...128 (ISO 8583:1987 clause 4.3), lengths as in pyiso8583's `default_ascii`.
    static let iso1987Fields: [Int: FieldSpec] = [
        2: FieldSpec("Primary Account Number (PAN)", .n, .llvar(max: 19), data: .ascii, isSensitive: true),
        3: FieldSpec("Processing Code", .n, .fixed(6), data: .ascii),
        4: FieldSpec("Amount, Transaction", .n, .fixed(12), data: .ascii),
        5: FieldSpec("Amount, Settlement", .n, .fixed(12), data: .ascii),
        6: FieldSpec("Amount, Cardholder Billing", .n, .fixed(12), data: .ascii),
        7: FieldSpec("Transmission Date and Time", .n, .fixed(10), data: .ascii),
        8: FieldSpec("Amount, Cardholder Billing Fee", .n, .fixed(8), data: .ascii),
        9: FieldSpec("Conversion Rate, Settlement", .n, .fixed(8), data: .ascii),
        10: FieldSpec("Conversion Rate, Cardholder Billing", .n, .fixed(8), data: .ascii),
        11: FieldSpec("System Trace Audit Number", .n, .fixed(6), data: .ascii),
        12: FieldSpec("Time, Local Transaction", .n, .fixed(6), data: .ascii),
        13: FieldSpec("Date, Local Transaction", .n, .fixed(4), data: .ascii),
        14: FieldSpec("Date, Expiration", .n, .fixed(4), data: .ascii),
        15: FieldSpec("Date, Settlement", .n, .fixed(4), data: .ascii),
        16: FieldSpec("Date, Conversion", .n, .fixed(4), data: .ascii),
        17: FieldSpec("Date, Capture", .n, .fixed(4), data: .ascii),
        18: FieldSpec("Merchant Type", .n, .fixed(4), data: .ascii),
        19: FieldSpec("Acquiring Institution Country Code", .n, .fixed(3), data: .ascii),
        20: FieldSpec("PAN Country Code", .n, .fixed(3), data: .ascii),
        21: FieldSpec("Forwarding Institution Country Code", .n, .fixed(3), data: .ascii),
        22: FieldSpec("Point-of-Service Entry Mode", .n, .fixed(3), data: .ascii),
        23: FieldSpec("PAN Sequence Number", .n, .fixed(3), data: .ascii),
        24: FieldSpec("Network International ID (NII)", .n, .fixed(3), data: .ascii),
        25: FieldSpec("Point-of-Service Condition Code", .n, .fixed(2), data: .ascii),
        26: FieldSpec("Point-of-Service Capture Code", .n, .fixed(2), data: .ascii),
        27: FieldSpec("Authorizing ID Response Length", .n, .fixed(1), data: .ascii),
        28: FieldSpec("Amount, Transaction Fee", .an, .fixed(9), data: .ascii),
        29: FieldSpec("Amount, Settlement Fee", .an, .fixed(9), data: .ascii),
        30: FieldSpec("Amount, Transaction Processing Fee", .an, .fixed(9), data: .ascii),
        31: FieldSpec("Amount, Settlement Processing Fee", .an, .fixed(9), data: .ascii),
        32: FieldSpec("Acquiring Institution ID Code", .n, .llvar(max: 11), data: .ascii),
        33: FieldSpec("Forwarding Institution ID Code", .n, .llvar(max: 11), data: .ascii),
        34: FieldSpec("Primary Account Number, Extended", .ans, .llvar(max: 28), data: .ascii, isSensitive: true),
        35: FieldSpec("Track 2 Data", .z, .llvar(max: 37), data: .ascii, isSensitive: true),
        36: FieldSpec("Track 3 Data", .ans, .lllvar(max: 104), data: .ascii, isSensitive: true),
        37: FieldSpec("Retrieval Reference Number", .an, .fixed(12), data: .ascii),
        38: FieldSpec("Authorization ID Response", .an, .fixed(6), data: .ascii),
        39: FieldSpec("Response Code", .an, .fixed(2), data: .ascii),
        40: FieldSpec("Service Restriction Code", .an, .fixed(3), data: .ascii),
        41: FieldSpec("Card Acceptor Terminal ID", .ans, .fixed(8), data: .ascii),
        42: FieldSpec("Card Acceptor ID Code", .ans, .fixed(15), data: .ascii),
        43: FieldSpec("Card Acceptor Name/Location", .ans, .fixed(40), data: .ascii),
        44: FieldSpec("Additional Response Data", .an, .llvar(max: 25), data: .ascii),
        45: FieldSpec("Track 1 Data", .ans, .llvar(max: 76), data: .ascii, isSensitive: true),
        46: FieldSpec("Additional Data - ISO", .ans, .lllvar(max: 999), data: .ascii),
        47: FieldSpec("Additional Data - National", .ans, .lllvar(max: 999), data: .ascii),
        48: FieldSpec("Additional Data - Private", .ans, .lllvar(max: 999), data: .ascii),
        49: FieldSpec("Currency Code, Transaction", .n, .fixed(3), data: .ascii),
        50: FieldSpec("Currency Code, Settlement", .n, .fixed(3), data: .ascii),
        51: FieldSpec("Currency Code, Cardholder Billing", .n, .fixed(3), data: .ascii),
        52: FieldSpec("PIN Data", .b, .fixed(8), data: .binary, isSensitive: true),
        53: FieldSpec("Security-Related Control Information", .n, .fixed(16), data: .ascii),
        54: FieldSpec("Additional Amounts", .an, .lllvar(max: 240), data: .ascii),
        55: FieldSpec("ICC Data (EMV chip data, BER-TLV)", .b, .lllvar(max: 255), data: .binary),
        56: FieldSpec("Reserved ISO", .ans, .lllvar(max: 999), data: .ascii),
        57: FieldSpec("Reserved National", .ans, .lllvar(max: 999), data: .ascii),
        58: FieldSpec("Reserved National", .ans, .lllvar(max: 999), data: .ascii),
        59: FieldSpec("Reserved National", .ans, .lllvar(max: 999), data: .ascii),
        60: FieldSpec("Reserved National", .ans, .lllvar(max: 999), data: .ascii),
        61: FieldSpec("Reserved Private", .ans, .lllvar(max: 999), data: .ascii),
        62: FieldSpec("Reserved Private", .ans, .lllvar(max: 999), data: .ascii),
        63: FieldSpec("Reserved Private", .ans, .lllvar(max: 999), data: .ascii),
        64: FieldSpec("MAC", .b, .fixed(8), data: .binary),
        65: FieldSpec("Bitmap, Extended", .b, .fixed(8), data: .binary),
        66: FieldSpec("Settlement Code", .n, .fixed(1), data: .ascii),
        67: FieldSpec("Extended Payment Code", .n, .fixed(2), data: .ascii),
        68: FieldSpec("Receiving Institution Country Code", .n, .fixed(3), data: .ascii),
        69: FieldSpec("Settlement Institution Country Code", .n, .fixed(3), data: .ascii),
        70: FieldSpec("Network Management Information Code", .n, .fixed(3), data: .ascii),
        71: FieldSpec("Message Number", .n, .fixed(4), data: .ascii),
        72: FieldSpec("Message Number, Last", .n, .fixed(4), data: .ascii),
        73: FieldSpec("Date, Action", .n, .fixed(6), data: .ascii),
        74: FieldSpec("Credits, Number", .n, .fixed(10), data: .ascii),
        75: FieldSpec("Credits, Reversal Number", .n, .fixed(10), data: .ascii),
        76: FieldSpec("Debits, Number", .n, .fixed(10), data: .ascii),
        77: FieldSpec("Debits, Reversal Number", .n, .fixed(10), data: .ascii),
        78: FieldSpec("Transfer, Number", .n, .fixed(10), data: .ascii),
        79: FieldSpec("Transfer, Reversal Number", .n, .fixed(10), data: .ascii),
        80: FieldSpec("Inquiries, Number", .n, .fixed(10), data: .ascii),
        81: FieldSpec("Authorizations, Number", .n, .fixed(10), data: .ascii),
        82: FieldSpec("Credits, Processing Fee Amount", .n, .fixed(12), data: .ascii),
        83: FieldSpec("Credits, Transaction Fee Amount", .n, .fixed(12), data: .ascii),
        84: FieldSpec("Debits, Processing Fee Amount", .n, .fixed(12), data: .ascii),
        85: FieldSpec("Debits, Transaction Fee Amount", .n, .fixed(12), data: .ascii),
        86: FieldSpec("Credits, Amount", .n, .fixed(16), data: .ascii),
        87: FieldSpec("Credits, Reversal Amount", .n, .fixed(16), data: .ascii),
        88: FieldSpec("Debits, Amount", .n, .fixed(16), data: .ascii),
        89: FieldSpec("Debits, Reversal Amount", .n, .fixed(16), data: .ascii),
        90: FieldSpec("Original Data Elements", .n, .fixed(42), data: .ascii),
        91: FieldSpec("File Update Code", .an, .fixed(1), data: .ascii),
        92: FieldSpec("File Security Code", .an, .fixed(2), data: .ascii),
        93: FieldSpec("Response Indicator", .an, .fixed(5), data: .ascii),
        94: FieldSpec("Service Indicator", .an, .fixed(7), data: .ascii),
        95: FieldSpec("Replacement Amounts", .an, .fixed(42), data: .ascii),
        96: FieldSpec("Message Security Code", .b, .fixed(8), data: .binary),
        97: FieldSpec("Amount, Net Settlement", .an, .fixed(17), data: .ascii),
        98: FieldSpec("Payee", .ans, .fixed(25), data: .ascii),
        99: FieldSpec("Settlement Institution ID Code", .n, .llvar(max: 11), data: .ascii),
        100: FieldSpec("Receiving Institution ID Code", .n, .llvar(max: 11), data: .ascii),
        101: FieldSpec("File Name", .ans, .llvar(max: 17), data: .ascii),
        102: FieldSpec("Account ID 1", .ans, .llvar(max: 28), data: .ascii),
        103: FieldSpec("Account ID 2", .ans, .llvar(max: 28), data: .ascii),
        104: FieldSpec("Transaction Description", .ans, .lllvar(max: 100), data: .ascii),
        105: FieldSpec("Reserved for ISO Use", .ans, .lllvar(max: 999), data: .ascii),
        106: FieldSpec("Reserved for ISO Use", .ans, .lllvar(max: 999), data: .ascii),
        107: FieldSpec("Reserved for ISO Use", .ans, .lllvar(max: 999), data: .ascii),
        108: FieldSpec("Reserved for ISO Use", .ans, .lllvar(max: 999), data: .ascii),
        109: FieldSpec("Reserved for ISO Use", .ans, .lllvar(max: 999), data: .ascii),
        110: FieldSpec("Reserved for ISO Use", .ans, .lllvar(max: 999), data: .ascii),
        111: FieldSpec("Reserved for ISO Use", .ans, .lllvar(max: 999), data: .ascii),
        112: FieldSpec("Reserved for National Use", .ans, .lllvar(max: 999), data: .ascii),
        113: FieldSpec("Reserved for National Use", .ans, .lllvar(max: 999), data: .ascii),
        114: FieldSpec("Reserved for National Use", .ans, .lllvar(max: 999), data: .ascii),
        115: FieldSpec("Reserved for National Use", .ans, .lllvar(max: 999), data: .ascii),
        116: FieldSpec("Reserved for National Use", .ans, .lllvar(max: 999), data: .ascii),
        117: FieldSpec("Reserved for National Use", .ans, .lllvar(max: 999), data: .ascii),
        118: FieldSpec("Reserved for National Use", .ans, .lllvar(max: 999), data: .ascii),
        119: FieldSpec("Reserved for National Use", .ans, .lllvar(max: 999), data: .ascii),
        120: FieldSpec("Reserved for Private Use", .ans, .lllvar(max: 999), data: .ascii),
        121: FieldSpec("Reserved for Private Use", .ans, .lllvar(max: 999), data: .ascii),
        122: FieldSpec("Reserved for Private Use", .ans, .lllvar(max: 999), data: .ascii),
        123: FieldSpec("Reserved for Private Use", .ans, .lllvar(max: 999), data: .ascii),
        124: FieldSpec("Reserved for Private Use", .ans, .lllvar(max: 999), data: .ascii),
        125: FieldSpec("Reserved for Private Use", .ans, .lllvar(max: 999), data: .ascii),
        126: FieldSpec("Reserved for Private Use", .ans, .lllvar(max: 999), data: .ascii),
        127: FieldSpec("Reserved for Private Use", .ans, .lllvar(max: 999), data: .ascii),
        128: FieldSpec("MAC", .b, .fixed(8), data: .binary),
    ]
}
