// swift-tools-version: 6.1
// Corridor: a cross-border QR-code and card payment gateway simulator.
// Module map and dependency rules: ../shared/DESIGN.md §2. Arrows only point down this file.

import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Corridor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "corridor", targets: ["corridor"]),
        .executable(name: "corridor-bench", targets: ["corridor-bench"]),
        .executable(name: "png-c-baseline", targets: ["png-c-baseline"]),
        .library(name: "CorridorCore", targets: ["CorridorCore"]),
        .library(name: "CorridorMerchantQR", targets: ["CorridorMerchantQR"]),
        .library(name: "CorridorQRImage", targets: ["CorridorQRImage"]),
        .library(name: "CorridorLedger", targets: ["CorridorLedger"]),
        .library(name: "CorridorISO8583", targets: ["CorridorISO8583"]),
        .library(name: "CorridorIssuer", targets: ["CorridorIssuer"]),
        .library(name: "CorridorISO20022", targets: ["CorridorISO20022"]),
        .library(name: "CorridorCBDC", targets: ["CorridorCBDC"]),
        .library(name: "CorridorGateway", targets: ["CorridorGateway"]),
        .library(name: "CorridorServer", targets: ["CorridorServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.9.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
    ],
    targets: [
        // MARK: Domain core
        .target(
            name: "CorridorCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSwift
        ),

        // MARK: System C libraries (each has exactly one importer)
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"]), .brew(["qrencode"])]
        ),
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        // The one C function that drives libpng's classic API; its setjmp/longjmp never leave C.
        .target(name: "CPNGWriter", dependencies: ["CPNG"]),

        // MARK: Images and payloads
        .target(
            name: "CorridorQRImage",
            dependencies: ["CQREncode", "CPNGWriter"],
            swiftSettings: strictSwift
        ),
        // CRC-16 by carry-less multiplication (PCLMULQDQ) for the EMV and SBP checksums; -1 where unavailable.
        .target(name: "CCRC16"),
        .target(
            name: "CorridorMerchantQR",
            dependencies: ["CorridorCore", "CCRC16"],
            swiftSettings: strictSwift
        ),

        .target(
            name: "CorridorISO8583",
            dependencies: ["CorridorCore"],
            swiftSettings: strictSwift
        ),

        // Typed ISO 20022 settlement messages (pacs, camt, head), a deterministic XML writer and a reader.
        .target(
            name: "CorridorISO20022",
            dependencies: ["CorridorCore"],
            resources: [.copy("Schemas")],
            swiftSettings: strictSwift
        ),

        // MARK: Settlement backend
        .target(
            name: "CorridorLedger",
            dependencies: ["CorridorCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CorridorLedgerSQLite",
            dependencies: [
                "CorridorLedger",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The hot statements call SQLite's C API directly (see SQLiteLedgerTransaction.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CorridorLedgerPostgres",
            dependencies: [
                "CorridorLedger",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),

        // MARK: Card rail
        // The issuer host simulator: card accounts, authorizations, reversals, test-mode outcomes (DESIGN.md §7).
        .target(
            name: "CorridorIssuer",
            dependencies: [
                "CorridorCore", "CorridorISO8583", "CorridorLedger",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift
        ),

        // MARK: The digital ruble
        // The two-tier CBDC model (DESIGN.md §5) on the shared settlement backend.
        .target(
            name: "CorridorCBDC",
            dependencies: [
                "CorridorCore", "CorridorLedger", "CorridorMerchantQR",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift
        ),

        // MARK: The gateway
        // The flow of DESIGN.md §1: directory, routing, screening, FX, fees, posting, messages, clearing, trails.
        .target(
            name: "CorridorGateway",
            dependencies: [
                "CorridorCore", "CorridorMerchantQR", "CorridorISO8583", "CorridorISO20022", "CorridorLedger",
                "CorridorIssuer", "CorridorCBDC",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift
        ),

        // The gateway's payment records in the same SQLite file as the ledger (GRDB).
        .target(
            name: "CorridorGatewaySQLite",
            dependencies: [
                "CorridorCore", "CorridorGateway", "CorridorISO20022", "CorridorISO8583",
                // SQLiteBusyWait: the same wait for the shared file's write lock as the ledger's.
                "CorridorLedgerSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift
        ),

        // The gateway's payment records in the PostgreSQL ledger's schema (postgres-nio), for several processes.
        .target(
            name: "CorridorGatewayPostgres",
            dependencies: [
                "CorridorGateway", "CorridorISO20022",
                // PostgresLedgerConfiguration (URL, TLS, schema) and the schema's migration lock, shared with the ledger.
                "CorridorLedgerPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),

        // MARK: Scenarios
        // Scenario files (world, population, traffic, steps, expectations) run through the real gateway (issue 7).
        .target(
            name: "CorridorScenario",
            dependencies: [
                "CorridorCore", "CorridorLedger", "CorridorMerchantQR", "CorridorISO20022", "CorridorGateway", "CorridorCBDC",
                "CorridorIssuer",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSwift
        ),

        // MARK: Network faces
        // ISO 8583 over TCP (SwiftNIO) and the HTTP API with its dashboard (Hummingbird 2), over one gateway.
        .target(
            name: "CorridorServer",
            dependencies: [
                "CorridorCore", "CorridorISO8583", "CorridorLedger", "CorridorMerchantQR", "CorridorQRImage",
                "CorridorGateway", "CorridorCBDC", "CorridorScenario", "CorridorISO20022", "CorridorIssuer",
                "CorridorLedgerSQLite",
                // PostgresConnection.queryUnlessClosed, which every statement of the HTTP face's PostgreSQL table uses.
                "CorridorLedgerPostgres",
                // The HTTP face's own durable tables (API key hashes, idempotent responses) in the backend's database.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/openapi.yaml")],
            swiftSettings: strictSwift
        ),

        // MARK: Test support (used by test targets and the benchmark only)
        .target(
            name: "CorridorTesting",
            dependencies: ["CorridorCore", "CorridorLedger", "CorridorISO20022"],
            swiftSettings: strictSwift
        ),

        // MARK: Faces
        .executableTarget(
            name: "corridor",
            dependencies: [
                "CorridorCore", "CorridorMerchantQR", "CorridorQRImage",
                "CorridorLedger", "CorridorLedgerSQLite", "CorridorLedgerPostgres",
                "CorridorISO8583", "CorridorIssuer", "CorridorServer", "CorridorISO20022", "CorridorGateway",
                "CorridorGatewaySQLite", "CorridorGatewayPostgres", "CorridorCBDC", "CorridorScenario",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),

        // MARK: Tools
        .executableTarget(
            name: "corridor-bench",
            dependencies: [
                "CorridorCore", "CorridorMerchantQR", "CorridorQRImage", "CPNGBaseline",
                "CorridorLedger", "CorridorLedgerSQLite", "CorridorLedgerPostgres", "CorridorTesting",
                "CorridorISO8583", "CorridorIssuer", "CorridorServer", "CorridorGateway", "CorridorISO20022", "CorridorCBDC",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/corridor-bench",
            swiftSettings: strictSwift
        ),
        // A plain C loop over libqrencode + libpng: the baseline that `png_per_s` is compared with.
        .target(name: "CPNGBaseline", dependencies: ["CQREncode", "CPNG"], path: "Tools/png-baseline/lib"),
        .executableTarget(name: "png-c-baseline", dependencies: ["CPNGBaseline"], path: "Tools/png-baseline/main"),

        // MARK: Tests
        .testTarget(
            name: "CorridorCoreTests",
            dependencies: ["CorridorCore", "CorridorTesting", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "CorridorMerchantQRTests",
            dependencies: ["CorridorMerchantQR", "CorridorTesting"]
        ),
        .testTarget(name: "CorridorQRImageTests", dependencies: ["CorridorQRImage", "CorridorTesting"]),
        .testTarget(
            name: "CorridorLedgerTests",
            dependencies: [
                "CorridorLedger", "CorridorLedgerSQLite", "CorridorLedgerPostgres", "CorridorTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "CorridorCLITests", dependencies: ["CorridorTesting"]),
        .testTarget(name: "CorridorISO8583Tests", dependencies: ["CorridorISO8583", "CorridorTesting"]),
        .testTarget(
            name: "CorridorISO20022Tests",
            dependencies: ["CorridorISO20022", "CorridorTesting"]
        ),
        .testTarget(
            name: "CorridorCBDCTests",
            dependencies: [
                "CorridorCBDC", "CorridorCore", "CorridorLedger", "CorridorLedgerSQLite", "CorridorMerchantQR",
                "CorridorTesting", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "CorridorGatewayTests",
            dependencies: [
                "CorridorGateway", "CorridorISO20022", "CorridorLedger", "CorridorLedgerSQLite", "CorridorIssuer",
                "CorridorMerchantQR", "CorridorISO8583", "CorridorTesting", "CorridorGatewaySQLite", "CorridorCBDC",
                "CorridorGatewayPostgres", "CorridorLedgerPostgres",
            ]
        ),
        .testTarget(
            name: "CorridorScenarioTests",
            dependencies: [
                "CorridorScenario", "CorridorGateway", "CorridorCBDC", "CorridorLedger", "CorridorLedgerSQLite",
                "CorridorTesting",
            ]
        ),
        .testTarget(
            name: "CorridorIssuerTests",
            dependencies: ["CorridorIssuer", "CorridorLedger", "CorridorLedgerSQLite", "CorridorTesting"]
        ),
        .testTarget(
            name: "CorridorServerTests",
            dependencies: [
                "CorridorServer", "CorridorISO8583", "CorridorTesting", "CorridorGateway", "CorridorGatewaySQLite",
                "CorridorGatewayPostgres",
                "CorridorLedger", "CorridorLedgerSQLite", "CorridorLedgerPostgres", "CorridorCBDC", "CorridorIssuer",
                "CorridorCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                "CorridorScenario", "CorridorISO20022",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
