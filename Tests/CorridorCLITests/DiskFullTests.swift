#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Issue 9 §2, disk full: card payments into a SQLite file on a file system that runs out of space. The payment
/// that hits the wall gets a clear error (SQLite's "database or disk is full", or the gateway's 96 "booked but not
/// recorded; retry with the same id"), never a crash; once space is back, retrying that id completes it exactly
/// once, every payment acknowledged before is there, the ledger verifies and SQLite's integrity check passes.
///
/// The file system is a 2 MiB tmpfs mounted for the test (root) and nearly filled; without the right to mount, the
/// same wall is a file-size limit (`ulimit -f`, SIGXFSZ ignored, so writes fail with EFBIG); setting
/// `CORRIDOR_DISK_FULL_BY_ULIMIT=1` takes that way even as root.
@Suite("disk full", .serialized)
struct DiskFullTests {
    static let card = ["pay", "card", "--pan", "2200700000001239", "--expiry", "2912", "--merchant", "beijing-restaurant",
                       "--amount", "1.00 CNY", "--json"]

    /// Where the database lives and how its room runs out.
    final class SmallDisk {
        let scratch: Scratch
        let directory: String
        private(set) var mounted = false
        private var fillerPath: String { directory + "/filler" }
        /// The file-size limit in KiB when no tmpfs could be mounted.
        private(set) var fileSizeLimitKiB: Int?

        init() throws {
            scratch = try Scratch()
            directory = scratch.path("disk")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let mount = Process()
            mount.executableURL = URL(fileURLWithPath: "/bin/mount")
            mount.arguments = ["-t", "tmpfs", "-o", "size=2m", "tmpfs", directory]
            mount.standardError = FileHandle.nullDevice
            // CORRIDOR_DISK_FULL_BY_ULIMIT=1 tries the fallback even as root.
            let forceLimit = ProcessInfo.processInfo.environment["CORRIDOR_DISK_FULL_BY_ULIMIT"] == "1"
            if !forceLimit, (try? mount.run()) != nil {
                mount.waitUntilExit()
                mounted = mount.terminationStatus == 0
            }
        }

        deinit {
            guard mounted else { return }
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [directory]
            try? umount.run()
            umount.waitUntilExit()
        }

        /// Leaves about `kibibytes` of room for the database to grow.
        func leaveRoom(kibibytes: Int) throws {
            if mounted {
                var stats = statvfs()
                try #require(statvfs(directory, &stats) == 0)
                let free = Int(stats.f_bavail) * Int(stats.f_frsize)
                let filler = max(0, free - kibibytes * 1024)
                try #require(FileManager.default.createFile(atPath: fillerPath, contents: Data(count: filler)))
            } else {
                let size = (try FileManager.default.attributesOfItem(atPath: directory + "/corridor.sqlite")[.size] as? Int) ?? 0
                fileSizeLimitKiB = size / 1024 + kibibytes
            }
        }

        /// Gives the room back.
        func free() throws {
            if mounted { try FileManager.default.removeItem(atPath: fillerPath) }
            fileSizeLimitKiB = nil
        }

        /// Runs `corridor` under the current limit.
        func run(_ arguments: [String]) throws -> CorridorBinary.Result {
            guard let limit = fileSizeLimitKiB else { return try CorridorBinary.run(arguments) }
            return try CorridorBinary.run(arguments, shellPrefix: "trap '' XFSZ; ulimit -f \(limit);")
        }
    }

    @Test func aFullDiskRefusesClearlyAndLosesNothing() throws {
        let disk = try SmallDisk()
        let common = ["--backend", "sqlite:" + disk.directory + "/corridor.sqlite", "--token-key-file", disk.scratch.path("corridor.key")]
        let first = try CorridorBinary.run(Self.card + ["--id", "P0"] + common)
        #expect(first.status == 0, "\(first)")
        try disk.leaveRoom(kibibytes: 300)

        var acknowledged = ["P0"]
        var refused: (id: String, result: CorridorBinary.Result)?
        for index in 1...400 {
            let id = "P\(index)"
            let result = try disk.run(Self.card + ["--id", id] + common)
            if result.status == 0 { acknowledged.append(id); continue }
            refused = (id, result)
            break
        }
        let wall = try #require(refused, "the disk never filled")
        #expect(wall.result.status == 1, "\(wall.result)")
        let answer = wall.result.standardError + wall.result.output
        #expect(answer.contains("disk is full") || answer.contains("retry with the same id") || answer.contains("too large"),
                "\(wall.result)")
        #expect(!answer.contains("Fatal error"), "\(wall.result)")
        #expect(acknowledged.count > 1, "nothing was paid before the disk filled")

        try disk.free()
        let retried = try CorridorBinary.json(Self.card + ["--id", wall.id] + common)
        #expect(retried.result.status == 0, "retrying \(wall.id) once there is room: \(retried.result)")
        acknowledged.append(wall.id)

        let verify = try CorridorBinary.run(["ledger", "verify"] + common.prefix(2))
        #expect(verify.status == 0, "\(verify)")
        let integrity = try ExternalTool.python.run([
            "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma integrity_check').fetchone()[0])",
            disk.directory + "/corridor.sqlite"])
        #expect(String(decoding: integrity.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        // Every acknowledged payment is there once: its trail says approved and it has as many postings as P0.
        let export = try CorridorBinary.run(["ledger", "export"] + common.prefix(2)).lines
        func postings(_ id: String) -> Int { export.filter { $0.hasSuffix("," + id) }.count }
        #expect(postings("P0") > 0)
        for id in acknowledged {
            let trail = try CorridorBinary.run(["trail", id, "--json"] + common)
            #expect(trail.output.contains("\"approved\""), "\(id): \(trail)")
            #expect(postings(id) == postings("P0"), "\(id) is not posted exactly once")
        }
    }
}
