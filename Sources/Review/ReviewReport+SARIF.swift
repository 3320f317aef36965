import Foundation

extension ReviewReport {
    private struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    private struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    private struct Tool: Encodable {
        var driver: Driver
    }

    private struct Driver: Encodable {
        var name = "kafka-skill review"
        var rules: [Rule]
    }

    private struct Text: Encodable {
        var text: String
    }

    private struct Rule: Encodable {
        struct Configuration: Encodable {
            var level: String
        }

        var id: String
        var shortDescription: Text
        var fullDescription: Text
        var defaultConfiguration: Configuration
    }

    private struct Result: Encodable {
        struct Properties: Encodable {
            var source: String
            var suggestedFix: String?
        }

        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
        var properties: Properties
    }

    private struct Location: Encodable {
        struct Physical: Encodable {
            var artifactLocation: Artifact
            var region: Region
        }

        struct Artifact: Encodable {
            var uri: String
        }

        struct Region: Encodable {
            var startLine: Int
        }

        var physicalLocation: Physical
    }

    func sarifRendering() -> String {
        let known = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var ruleIDs: [String] = []
        for id in rules.map(\.id) + findings.map(\.ruleID) where !ruleIDs.contains(id) {
            ruleIDs.append(id)
        }
        let sarifRules = ruleIDs.map { id -> Rule in
            let rule = known[id]
            return Rule(
                id: id,
                shortDescription: Text(text: rule?.rule ?? "Issue found by the model review outside the lesson rules."),
                fullDescription: Text(text: rule.map { "\($0.rule) \($0.why)" } ?? "The model reported an issue that no lesson rule covers."),
                defaultConfiguration: .init(level: Self.level(rule?.severity ?? .warning))
            )
        }
        let index = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })
        let results = findings.map { finding in
            Result(
                ruleId: finding.ruleID,
                ruleIndex: index[finding.ruleID] ?? 0,
                level: Self.level(finding.severity),
                message: Text(text: finding.message),
                locations: [Location(physicalLocation: .init(artifactLocation: .init(uri: Self.uri(finding.file)), region: .init(startLine: finding.line)))],
                properties: .init(source: finding.source.rawValue, suggestedFix: finding.suggestedFix)
            )
        }
        return Self.encode(Log(runs: [Run(tool: Tool(driver: Driver(rules: sarifRules)), results: results)]))
    }

    private static func level(_ severity: Severity) -> String {
        switch severity {
        case .info: "note"
        case .warning: "warning"
        case .error: "error"
        }
    }

    /// A relative path as a URI reference: spaces and other reserved characters percent-encoded.
    private static func uri(_ path: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/".utf8)
        return path.utf8.map { byte in
            allowed.contains(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }.joined()
    }
}
