import Foundation
import KafkaSkillModel
import Yams

/// Parses the files under `assets/` by their extension and reports what does not parse.
enum AssetParser {
    struct Problem: Equatable {
        let line: Int
        let message: String
    }

    static func problems(in text: String, path: String) -> [Problem] {
        switch (path as NSString).pathExtension.lowercased() {
        case "yaml", "yml":
            do {
                // YamlSequence records a parse error instead of throwing it from next().
                var documents = try Yams.compose_all(yaml: text)
                while documents.next() != nil {}
                if let error = documents.error { throw error }
                return []
            } catch let error as YamlError {
                let diagnostic = YAMLSource(file: path).diagnostic(for: error)
                let message = SkillKitError.malformedYAML(diagnostic.location, problem: diagnostic.message).message
                return [Problem(line: diagnostic.location.line, message: "YAML does not parse: \(message)")]
            } catch {
                return [Problem(line: 0, message: "YAML does not parse: \(error)")]
            }
        case "json":
            do {
                _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
                return []
            } catch {
                return [Problem(line: 0, message: "JSON does not parse: \(error.localizedDescription)")]
            }
        case "properties":
            return text.components(separatedBy: "\n").enumerated().compactMap { index, line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("!") { return nil }
                guard let equals = trimmed.firstIndex(of: "="), equals != trimmed.startIndex else {
                    return Problem(line: index + 1, message: "Properties line is not `key=value`: \(trimmed)")
                }
                return nil
            }
        default:
            return []
        }
    }
}
