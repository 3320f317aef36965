// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for the parsers that take outside input. Build and run them with `scripts/fuzz.sh`
/// (`-sanitize=fuzzer,address`); each target is an executable whose `main` is libFuzzer's.
let fuzzSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: products.map { .product(name: $0, package: "KafkaSkill") },
        swiftSettings: fuzzSettings)
}

let package = Package(
    name: "KafkaSkillFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "KafkaSkill", path: "..")],
    targets: [
        fuzzTarget("FuzzAvroSchema", ["Avro"]),
        fuzzTarget("FuzzAvroBinary", ["Avro"]),
        fuzzTarget("FuzzAvroCodable", ["Avro"]),
        fuzzTarget("FuzzWireFormat", ["Avro", "SchemaRegistry"]),
        fuzzTarget("FuzzRegistryBody", ["Avro"]),
    ],
    swiftLanguageModes: [.v6]
)
