import ArgumentParser
import CorridorMerchantQR
import CorridorQRImage

extension QRCommand {
    /// `corridor qr make emv|sbp|gost [options] [--out FILE.png|FILE.svg] [--payload-only]`.
    struct Make: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a payload from options, print it, and write its image with --out.",
            subcommands: [EMV.self, SBP.self, GOST.self]
        )
    }
}

/// The output options every `qr make` format shares.
struct QRMakeOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write the QR image to this file; .png or .svg picks the format.", valueName: "file"))
    var out: String?

    @Flag(name: .customLong("payload-only"), help: "Print only the payload.")
    var payloadOnly = false

    @OptionGroup var image: QRImageOptions

    mutating func validate() throws {
        if let out, QRImageFormat(path: out) == nil {
            throw ValidationError("--out: \"\(out)\" does not end in .png or .svg")
        }
    }

    /// Prints the payload, writes the image when `--out` was given, and says what was written.
    /// - Throws: `ExitCode.failure` after printing the reason when the image cannot be made or written.
    func emit(_ payload: MerchantQRPayload) throws {
        Console.line(payload.text)
        guard let out, let format = QRImageFormat(path: out) else { return }
        do {
            let matrix = try payload.matrix(errorCorrection: image.errorCorrection)
            try image.settings.write(matrix, as: format, toFile: out)
            if !payloadOnly {
                let encoding = payload.bytes.elementsEqual(payload.text.utf8) ? "UTF-8" : "its declared code page"
                Console.line(
                    "wrote \(out) (\(format.rawValue), QR version \(matrix.version), EC \(image.errorCorrection), "
                        + "\(payload.bytes.count) bytes in \(encoding))")
            }
        } catch {
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}

extension QRCommand.Make {
    /// `corridor qr make emv`.
    struct EMV: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "emv",
            abstract: "An EMVCo merchant-presented QR payload (UnionPay, Visa, wallets with a GUID template)."
        )

        @Option(help: "Merchant name, tag 59 (1-25 printable ASCII characters).")
        var name: String
        @Option(help: "Merchant city, tag 60 (1-15 printable ASCII characters).")
        var city: String
        @Option(help: "Country, ISO 3166 alpha-2 or alpha-3, tag 58.")
        var country: String
        @Option(help: "Merchant category code, four digits, tag 52.")
        var mcc: String
        @Option(help: "Currency, ISO 4217 alpha or numeric code, tag 53.")
        var currency: String
        @Option(help: "Exact amount in the currency (86.50), tag 54; makes the code dynamic.")
        var amount: String?
        @Option(help: "Network of --account: visa, mastercard, discover, amex, jcb, unionpay (tags 02-15), alipay, pix, promptpay, qris (templates).")
        var network: String?
        @Option(name: .customLong("template-id"), help: "Instead of --network: a template tag, 26-51, with --guid.")
        var templateID: String?
        @Option(help: "Globally unique identifier of the --template-id template (sub-ID 00).")
        var guid: String?
        @Option(help: "Merchant identifier at the network, or sub-ID 01 of the template.")
        var account: String?
        @Flag(help: "Mark the code dynamic (tag 01 = 12) without an amount.")
        var dynamic = false
        @Option(help: "Bill number, tag 62.01.")
        var bill: String?
        @Option(help: "Store label, tag 62.03.")
        var store: String?
        @Option(help: "Terminal label, tag 62.07.")
        var terminal: String?
        @Option(help: "Reference label, tag 62.05.")
        var reference: String?
        @Option(help: "Purpose of transaction, tag 62.08.")
        var purpose: String?
        @Option(name: .customLong("alt-language"), help: "Language of --alt-name, two letters (zh, ru), tag 64.00.")
        var altLanguage: String?
        @Option(name: .customLong("alt-name"), help: "Merchant name in that language, tag 64.01.")
        var altName: String?
        @Option(name: .customLong("alt-city"), help: "Merchant city in that language, tag 64.02.")
        var altCity: String?
        @Option(
            parsing: .upToNextOption,
            help: ArgumentHelp("Tip or fee, tags 55-57: prompt, fixed AMOUNT or percent P.", valueName: "kind"))
        var tip: [String] = []
        @Option(name: .customLong("postal-code"), help: "Postal code, tag 61.")
        var postalCode: String?

        @OptionGroup var output: QRMakeOutputOptions

        /// The options as `qr batch` column values.
        var values: MerchantQRFieldValues {
            var values = [
                "name": name, "city": city, "country": country, "mcc": mcc, "currency": currency,
                "tip": tip.joined(separator: " "), "dynamic": dynamic ? "yes" : "",
            ]
            let optional: [(String, String?)] = [
                ("amount", amount), ("network", network), ("template-id", templateID), ("guid", guid),
                ("account", account), ("bill", bill), ("store", store), ("terminal", terminal),
                ("reference", reference), ("purpose", purpose), ("alt-language", altLanguage),
                ("alt-name", altName), ("alt-city", altCity), ("postal-code", postalCode),
            ]
            for case let (key, value?) in optional { values[key] = value }
            return MerchantQRFieldValues(values)
        }

        mutating func validate() throws {
            do {
                _ = try EMVFields(values: values).payload()
            } catch {
                throw ValidationError(error.optionMessage)
            }
        }

        func run() async throws {
            try output.emit(try EMVFields(values: values).payload())
        }
    }

    /// `corridor qr make sbp`.
    struct SBP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sbp",
            abstract: "An SBP payment link (https://qr.nspk.ru/…)."
        )

        @Option(help: "QR code id, 32 characters A-Z and 0-9 (default: generated from --seed).")
        var id: String?
        @Option(help: "Seed the id is generated from when --id is not given.")
        var seed: String?
        @Option(help: "01 (static) or 02 (dynamic); default 02 with --sum, else 01.")
        var type: String?
        @Option(help: "The merchant bank's 12-digit SBP member id.")
        var bank: String
        @Option(help: "Amount in rubles (1559.50), exact to the kopeck; the link carries kopecks (sum=155950).")
        var sum: String?

        @OptionGroup var output: QRMakeOutputOptions

        var values: MerchantQRFieldValues {
            var values = ["bank": bank]
            for case let (key, value?) in [("sbp-id", id), ("seed", seed), ("type", type), ("sum", sum)] {
                values[key] = value
            }
            return MerchantQRFieldValues(values)
        }

        mutating func validate() throws {
            do {
                _ = try SBPFields(values: values).payload()
            } catch {
                // The batch column is sbp-id (id names the row there); the option is --id.
                throw ValidationError(error.key == "sbp-id" ? "--id: \(error.reason)" : error.optionMessage)
            }
        }

        func run() async throws {
            try output.emit(try SBPFields(values: values).payload())
        }
    }

    /// `corridor qr make gost`.
    struct GOST: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gost",
            abstract: "A GOST R 56042-2014 bank-transfer payload (ST0001…)."
        )

        @Option(help: "Payee name (Name, 1-160 characters).")
        var name: String
        @Option(name: .customLong("personal-acc"), help: "Payee account (PersonalAcc, 20 digits).")
        var personalAccount: String
        @Option(name: .customLong("bank-name"), help: "Payee bank (BankName, 1-45 characters).")
        var bankName: String
        @Option(help: "Bank BIC (BIK, 9 digits).")
        var bic: String
        @Option(name: .customLong("corresp-acc"), help: "Bank correspondent account (CorrespAcc, 20 digits).")
        var correspondentAccount: String
        @Option(help: "Amount in rubles (12500.00); the payload carries kopecks (Sum=1250000).")
        var sum: String?
        @Option(help: "Payment purpose (Purpose, at most 210 characters).")
        var purpose: String?
        @Option(help: "Payee taxpayer number (PayeeINN, at most 12 digits).")
        var inn: String?
        @Option(help: "Payee tax registration reason code (KPP, 9 characters).")
        var kpp: String?
        @Option(help: "1 (windows-1251), 2 (UTF-8) or 3 (KOI8-R).")
        var encoding: String = "2"
        @Option(help: "Separator between pairs, one ASCII punctuation character.")
        var separator: String = "|"

        @OptionGroup var output: QRMakeOutputOptions

        var values: MerchantQRFieldValues {
            var values = [
                "name": name, "personal-acc": personalAccount, "bank-name": bankName, "bic": bic,
                "corresp-acc": correspondentAccount, "encoding": encoding, "separator": separator,
            ]
            for case let (key, value?) in [("sum", sum), ("purpose", purpose), ("inn", inn), ("kpp", kpp)] {
                values[key] = value
            }
            return MerchantQRFieldValues(values)
        }

        mutating func validate() throws {
            do {
                _ = try GOSTFields(values: values).payload()
            } catch {
                throw ValidationError(error.optionMessage)
            }
        }

        func run() async throws {
            try output.emit(try GOSTFields(values: values).payload())
        }
    }
}
