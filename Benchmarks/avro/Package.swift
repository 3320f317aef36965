// swift-tools-version:6.1
import Foundation
import PackageDescription

// Built by run.sh in release mode. It uses the Avro library of the main package two levels up; SwiftPM names a
// path dependency after its folder, so the name is read from the checkout rather than assumed.
let rootPath = "../.."
let rootIdentity = URL(fileURLWithPath: Context.packageDirectory)
    .appendingPathComponent(rootPath)
    .standardizedFileURL
    .lastPathComponent
    .lowercased()

let package = Package(
    name: "AvroBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: rootPath),
    ],
    targets: [
        .executableTarget(
            name: "AvroBenchmark",
            dependencies: [.product(name: "Avro", package: rootIdentity)],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
