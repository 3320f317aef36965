import Foundation

extension ReviewReport {
    private struct Document: Encodable {
        struct Summary: Encodable {
            var files: Int
            var findings: Int
            var errors: Int
            var warnings: Int
            var info: Int
        }

        var findings: [Finding]
        var summary: Summary
        var model: ModelReviewSummary?
        var notes: [String]
    }

    func jsonRendering() -> String {
        let document = Document(
            findings: findings,
            summary: .init(files: filesReviewed, findings: findings.count, errors: count(of: .error), warnings: count(of: .warning), info: count(of: .info)),
            model: modelReview,
            notes: notes
        )
        return Self.encode(document)
    }

    /// Encodes a report document as stable, pretty JSON.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every encoded type holds only strings, integers and optionals, which cannot fail to encode.
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
