import Foundation
import Testing

/// Loads the test fixtures copied from the Apache Avro test suite (see Fixtures/README.md).
enum Fixtures {
    static func url(_ name: String) throws -> URL {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return directory.appendingPathComponent(name)
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    /// One case of `schema-tests.txt`.
    struct SchemaCase: CustomTestStringConvertible, Sendable {
        var number: String
        var input: String
        var canonical: String
        var fingerprint: Int64?
        var testDescription: String { "case \(number)" }
    }

    /// Parses the `<<INPUT` / `<<canonical` / `<<fingerprint` format, including multi-line `<<INPUT ... INPUT`.
    static func schemaCases() throws -> [SchemaCase] {
        let lines = try text("schema-tests.txt").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var cases: [SchemaCase] = []
        var number = ""
        var input: String?
        var canonical: String?
        var fingerprint: Int64?
        func flush() {
            if let input, let canonical {
                cases.append(SchemaCase(number: number, input: input, canonical: canonical, fingerprint: fingerprint))
            }
            input = nil
            canonical = nil
            fingerprint = nil
        }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("// ") && line.dropFirst(3).allSatisfy(\.isNumber) {
                flush()
                number = String(line.dropFirst(3))
            } else if line == "<<INPUT" {
                var body: [String] = []
                index += 1
                while index < lines.count, lines[index] != "INPUT" {
                    body.append(lines[index])
                    index += 1
                }
                input = body.joined(separator: "\n")
            } else if line.hasPrefix("<<INPUT ") {
                input = String(line.dropFirst("<<INPUT ".count))
            } else if line.hasPrefix("<<canonical ") {
                canonical = String(line.dropFirst("<<canonical ".count))
            } else if line.hasPrefix("<<fingerprint ") {
                fingerprint = Int64(line.dropFirst("<<fingerprint ".count))
            }
            index += 1
        }
        flush()
        return cases
    }
}
