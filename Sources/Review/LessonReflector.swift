public import Foundation
import Yams
import KafkaSkillModel

/// Reviews one lesson's part of the skill against the lesson's objectives and reflection questions,
/// and writes the model's suggested spec changes as a patch for a person to apply.
///
/// The patch is never applied: it is written to the output folder (`lesson-NN.patch`) and its path
/// returned, so the suggestions go through the same review as any other change.
public struct LessonReflector: Sendable {
    /// The folder paths in the patch are relative to (the repository root).
    public var baseDirectory: URL
    /// The folder of lesson specs.
    public var lessonsDirectory: URL
    /// The skill folder whose pages for the lesson are reviewed.
    public var skillDirectory: URL
    /// The folder the patch is written to.
    public var outputDirectory: URL
    /// The model to ask; reflection needs one.
    public var model: ModelConfiguration?

    /// Creates a reflector.
    /// - Parameters:
    ///   - baseDirectory: The folder paths in the patch are relative to.
    ///   - lessonsDirectory: The folder of lesson specs.
    ///   - skillDirectory: The skill folder.
    ///   - outputDirectory: The folder the patch is written to.
    ///   - model: The model to ask.
    public init(baseDirectory: URL, lessonsDirectory: URL, skillDirectory: URL, outputDirectory: URL, model: ModelConfiguration?) {
        self.baseDirectory = baseDirectory
        self.lessonsDirectory = lessonsDirectory
        self.skillDirectory = skillDirectory
        self.outputDirectory = outputDirectory
        self.model = model
    }

    /// Reviews a lesson and writes the suggested changes as a patch.
    /// - Parameter number: The lesson's number (`3` for `lessons/03-*.yaml`).
    /// - Returns: The summary, the patch's location and what was dropped.
    /// - Throws: ``ReviewError/modelNotConfigured(_:)`` without a model,
    ///   ``ReviewError/lessonNotFound(number:directory:)``, and the model client's errors.
    public func reflect(lesson number: Int) async throws -> ReflectionResult {
        guard let model else {
            throw ReviewError.modelNotConfigured("reflecting on a lesson asks a model; \(ModelConfiguration.enableHint)")
        }
        let prefix = LessonNumber.padded(number) + "-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lessonsDirectory.path)) ?? []
        guard let name = names.sorted().first(where: { $0.hasPrefix(prefix) && $0.hasSuffix(".yaml") }) else {
            throw ReviewError.lessonNotFound(number: number, directory: lessonsDirectory.path)
        }
        let file = lessonsDirectory.appendingPathComponent(name)
        let spec: String
        do {
            spec = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ReviewError.unreadable(path: file.path, reason: error.localizedDescription)
        }
        let displayPath = ReviewSourceCollector(baseDirectory: baseDirectory).displayPath(of: file)
        let slug = String(name.dropFirst(prefix.count).dropLast(".yaml".count))
        let rules = try ReviewRuleLoader().rules(inYAML: spec, path: file.path)
        let topic = ReflectionPrompt.facts(of: spec).topic
        let pages = try SkillReference.load(fromSkill: skillDirectory).filter { page in
            page.name.contains(slug) || page.name.contains("/" + prefix) || topic.map { page.name == "references/\($0).md" } == true
                || rules.contains { page.text.contains($0.id) }
        }
        let prompt = ReflectionPrompt(spec: spec, path: displayPath, pages: pages, tokenBudget: model.tokenBudget).prompt()
        let answer = try await ModelClient(configuration: model).complete(prompt)
        if let problem = JSONSchemaValidator().problems(in: answer.json, schema: ReflectionPrompt.schema).first {
            throw ReviewError.malformedResponse(model.provider, reason: problem)
        }
        var edited = spec
        var reasons: [String] = []
        var dropped = 0
        for edit in answer.json["edits"]?.arrayValue ?? [] {
            guard let find = edit["find"]?.stringValue, let replace = edit["replace"]?.stringValue,
                  let candidate = Self.replacingOnce(find, with: replace, in: edited),
                  (try? Yams.compose(yaml: candidate)) != nil else {
                dropped += 1
                continue
            }
            edited = candidate
            reasons.append(edit["reason"]?.stringValue ?? "")
        }
        var patchFile: URL?
        let diff = UnifiedDiff.between(spec, edited, path: displayPath)
        if !diff.isEmpty {
            let summary = answer.json["summary"]?.stringValue ?? ""
            var text = "Suggested changes to \(displayPath) from `kafka-skill review --lesson \(number)` (\(model.provider), \(model.model)).\n"
            text += "Nothing has been applied. Read it, then apply it with: git apply <this file>\n\n"
            text += "Summary: \(summary)\n"
            text += reasons.map { "* \($0)\n" }.joined()
            text += "\n" + diff
            let url = outputDirectory.appendingPathComponent("lesson-\(LessonNumber.padded(number)).patch")
            do {
                try AtomicFile.write(text, to: url)
            } catch {
                throw ReviewError.writeFailed(path: error.path, reason: error.reason)
            }
            patchFile = url
        }
        return ReflectionResult(
            lessonFile: displayPath,
            summary: answer.json["summary"]?.stringValue ?? "",
            patchFile: patchFile,
            reasons: reasons,
            droppedEdits: dropped,
            usage: answer.usage
        )
    }

    /// The text with `find` replaced, or `nil` unless `find` occurs exactly once.
    private static func replacingOnce(_ find: String, with replacement: String, in text: String) -> String? {
        guard !find.isEmpty, let first = text.range(of: find),
              text.range(of: find, range: text.index(after: first.lowerBound)..<text.endIndex) == nil else { return nil }
        return text.replacingCharacters(in: first, with: replacement)
    }
}
