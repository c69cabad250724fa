import ArgumentParser
import CorridorMerchantQR
import CorridorQRImage
import Foundation

extension QRCommand {
    /// `corridor qr batch FILE.csv|FILE.jsonl --out-dir DIR [--format png|svg]`: one image per merchant row.
    struct Batch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make one QR image per merchant row of a CSV or JSON Lines file, on every core.",
            discussion: """
                Columns (a CSV header or JSON keys; an empty value is absent): id, the image's file name \
                (letters, digits, '.', '-', '_'); format, emv, sbp or gost; then the options of \
                `qr make <format>` without their dashes.

                emv: name, city, country, mcc, currency, amount, network, template-id, guid, account, dynamic \
                (yes/no), bill, store, terminal, reference, purpose, alt-language, alt-name, alt-city, tip \
                (prompt, "fixed 5.00" or "percent 3"), postal-code.

                sbp: sbp-id (the link's 32-character id, --id of qr make sbp), seed, type, bank, sum.

                gost: name, personal-acc, bank-name, bic, corresp-acc, sum, purpose, inn, kpp, encoding, separator.

                Amounts and sums are decimal (rubles for sbp and gost). Each row becomes DIR/<id>.png or .svg. \
                A bad row is reported with its row number while the others are still made; the exit status is \
                then 1.
                """
        )

        @Argument(help: "The rows: a .csv file with a header, or a .jsonl file with one object per line.")
        var file: String

        @Option(name: .customLong("out-dir"), help: ArgumentHelp("Directory for the images (created).", valueName: "dir"))
        var outDirectory: String

        @Option(help: "Image format.")
        var format: QRImageFormat = .png

        @Option(help: "Rows made at once (default: the number of active processors).")
        var jobs: Int?

        @OptionGroup var image: QRImageOptions

        /// The longest row id, in characters.
        static let identifierLengthMax = 128

        mutating func validate() throws {
            let lowered = file.lowercased()
            guard lowered.hasSuffix(".csv") || lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") else {
                throw ValidationError("FILE: \"\(file)\" does not end in .csv or .jsonl")
            }
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw ValidationError("FILE: \"\(file)\" is not a readable file")
            }
            if let jobs, !(1...1024).contains(jobs) { throw ValidationError("--jobs: \(jobs) is not 1 to 1024") }
        }

        func run() async throws {
            let rows: [BatchRow]
            do {
                rows = try BatchRow.read(file: file)
                try FileManager.default.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
            } catch let failure as QRCommandFailure {
                Console.error("error: \(failure.message)")
                throw ExitCode.failure
            } catch {
                Console.error("error: cannot create \(outDirectory): \(error.localizedDescription)")
                throw ExitCode.failure
            }
            let width = jobs ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
            let job = BatchJob(outDirectory: outDirectory, format: format, settings: image.settings)
            let duplicates = Self.duplicateRowNumbers(rows)
            var progress = ProgressBar(total: rows.count, isEnabled: Console.standardErrorIsTerminal)

            var failures: [(row: BatchRow, message: String)] = []
            var written = 0
            await withTaskGroup(of: (BatchRow, String?).self) { group in
                var next = 0
                func addNext() {
                    let row = rows[next]
                    let isDuplicate = duplicates.contains(row.number)
                    next += 1
                    group.addTask {
                        if isDuplicate { return (row, "id \(row.values["id"] ?? "") appears in an earlier row") }
                        return (row, job.make(row))
                    }
                }
                while next < min(width, rows.count) { addNext() }
                while let (row, failure) = await group.next() {
                    if let failure { failures.append((row, failure)) } else { written += 1 }
                    progress.update(done: written + failures.count, failed: failures.count)
                    if next < rows.count { addNext() }
                }
            }
            progress.finish()
            for (row, message) in failures.sorted(by: { $0.row.number < $1.row.number }) {
                let id = row.values["id"].map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : ", id \($0)" } ?? ""
                Console.error("row \(row.number) (line \(row.line)\(id)): \(message)")
            }
            Console.line(
                "qr batch: \(written) of \(rows.count) images written to \(outDirectory) (\(format.rawValue), "
                    + "\(width) at once), \(failures.count) failed")
            if !failures.isEmpty { throw ExitCode.failure }
        }

        /// Row numbers whose id an earlier row already used.
        static func duplicateRowNumbers(_ rows: [BatchRow]) -> Set<Int> {
            var seen: Set<String> = []
            var duplicates: Set<Int> = []
            for row in rows {
                guard let id = row.values["id"]?.trimmingSpaces, !id.isEmpty else { continue }
                if !seen.insert(id).inserted { duplicates.insert(row.number) }
            }
            return duplicates
        }
    }
}

/// What every row of one `qr batch` run shares; ``make(_:)`` is safe to call from many tasks at once.
struct BatchJob: Sendable {
    let outDirectory: String
    let format: QRImageFormat
    let settings: QRImageSettings

    /// Makes one row's image; returns nil on success or the message naming the row's problem.
    func make(_ row: BatchRow) -> String? {
        if let problem = row.problem { return problem }
        let values = MerchantQRFieldValues(row.values)
        guard let id = values["id"] else { return "column id: is required" }
        guard id.count <= QRCommand.Batch.identifierLengthMax, !id.hasPrefix("."),
            id.unicodeScalars.allSatisfy({ Self.identifierScalars.contains($0) })
        else {
            return "column id: \"\(id)\" is not 1-\(QRCommand.Batch.identifierLengthMax) letters, digits, '.', '-', '_'"
        }
        let payload: MerchantQRPayload
        do {
            switch values["format"]?.lowercased() {
            case "emv": payload = try EMVFields(values: values).payload()
            case "sbp": payload = try SBPFields(values: values).payload()
            case "gost": payload = try GOSTFields(values: values).payload()
            default: return "column format: \"\(values["format"] ?? "")\" is not emv, sbp or gost"
            }
        } catch {
            return "column \(error.key): \(error.reason)"
        }
        do {
            let matrix = try payload.matrix(errorCorrection: settings.errorCorrection)
            try settings.write(matrix, as: format, toFile: outDirectory + "/" + id + "." + format.rawValue)
        } catch {
            return error.description
        }
        return nil
    }

    private static let identifierScalars = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_".unicodeScalars)
}
