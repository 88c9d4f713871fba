// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Frontline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "frontline", targets: ["frontline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // System library shims: a module map and a shim.h each, nothing else.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLinux"),

        // The three inner modules never import each other; only FrontlineAPI sees all three.
        .target(
            name: "FrontlineHTTP",
            dependencies: ["CZlib", "CLinux", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),
        .target(name: "FrontlineStorage", dependencies: ["CSQLite"], swiftSettings: strict),
        .target(name: "FrontlineExtraction", swiftSettings: strict),
        .target(
            name: "FrontlineAPI",
            dependencies: [
                "FrontlineHTTP", "FrontlineStorage", "FrontlineExtraction", "CZlib",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "frontline",
            dependencies: [
                "FrontlineAPI", "FrontlineStorage", "FrontlineExtraction",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "frontline-crashtest", dependencies: ["FrontlineStorage"], swiftSettings: strict),

        // libFuzzer harness for the request parser (SWIFT-LINUX.md (d)); plain builds replay a corpus.
        .executableTarget(
            name: "FuzzRequestParser", dependencies: ["FrontlineHTTP"],
            swiftSettings: strict + [.unsafeFlags(["-parse-as-library"])]),

        // Tests
        .target(name: "FrontlineTestSupport", path: "Tests/FrontlineTestSupport", swiftSettings: strict),
        .testTarget(
            name: "FrontlineHTTPTests",
            dependencies: ["FrontlineHTTP", "FrontlineTestSupport", "CZlib"],
            swiftSettings: strict),
        .testTarget(
            name: "FrontlineStorageTests",
            dependencies: ["FrontlineStorage", "FrontlineTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "FrontlineExtractionTests",
            dependencies: ["FrontlineExtraction", "FrontlineTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(
            name: "FrontlineAPITests",
            // `frontline` so that the CLI tests find the binary built beside the test bundle.
            dependencies: ["FrontlineAPI", "FrontlineHTTP", "FrontlineStorage", "FrontlineExtraction", "FrontlineTestSupport", "frontline"],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
