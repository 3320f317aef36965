import Foundation

/// Builds the model-review prompts: one fixed system part (instructions, rules and the skill
/// references most relevant to the code) and code split by file into chunks that fit the token
/// budget. The system part is sent with every chunk, so every chunk sees all the rules.
struct ReviewPromptBuilder {
    /// One request's worth of code.
    struct Chunk: Equatable {
        var text: String
        var files: [String]
    }

    var rules: [ReviewRule]
    var references: [SkillReference]
    var tokenBudget: Int

    /// The share of the budget skill references may take.
    private static let referenceShare = 0.3
    /// Room left for the chunk header and the provider's framing.
    private static let overheadTokens = 200

    /// The system part, with the references that fit, most relevant first.
    func systemText(for sources: [ReviewSource]) -> String {
        var text = """
            You review Swift services built on Kafka (librdkafka) against the rules of the kafka-events skill.
            Report each place in the code that breaks one of the rules below, with that rule's id and, unless the \
            code makes it worse, its severity. Report a clear Kafka bug that no rule covers with rule_id "other". \
            Do not report style. When the code follows the rules, report no findings.
            Give each finding's file exactly as written after "FILE:" and its line as the number before "|" on the code line.

            RULES

            """
        for rule in rules {
            text += "- \(rule.id) [\(rule.severity)]: \(rule.rule) Why: \(rule.why)\n"
        }
        let selected = selectReferences(for: sources, budget: Int(Double(tokenBudget) * Self.referenceShare))
        if !selected.isEmpty {
            text += "\nSKILL REFERENCES\n"
            for reference in selected {
                text += "\n### \(reference.name)\n\n\(reference.text.trimmingCharacters(in: .newlines))\n"
            }
        }
        return text
    }

    /// References ranked by how many of the code's words they mention, packed greedily into the budget.
    func selectReferences(for sources: [ReviewSource], budget: Int) -> [SkillReference] {
        let codeTerms = sources.reduce(into: Set<String>()) { $0.formUnion(Self.terms(in: $1.text)) }
        let ranked = references
            .map { (reference: $0, score: Self.terms(in: $0.text).intersection(codeTerms).count) }
            .filter { $0.score > 0 }
            .sorted { ($1.score, $0.reference.name) < ($0.score, $1.reference.name) }
        var remaining = budget
        var selected: [SkillReference] = []
        for (reference, _) in ranked {
            let cost = TokenEstimate.tokens(in: reference.text)
            guard cost <= remaining else { continue }
            selected.append(reference)
            remaining -= cost
        }
        return selected
    }

    /// The code split into chunks that fit what the system part leaves of the budget.
    /// - Throws: ``ReviewError/tokenBudgetTooSmall(budget:fixedTokens:)`` when no code fits.
    func chunks(of sources: [ReviewSource], systemText: String) throws -> [Chunk] {
        let fixed = TokenEstimate.tokens(in: systemText) + Self.overheadTokens
        let room = tokenBudget - fixed
        guard room >= Self.overheadTokens else {
            throw ReviewError.tokenBudgetTooSmall(budget: tokenBudget, fixedTokens: fixed)
        }
        var chunks: [Chunk] = []
        var current = Chunk(text: "", files: [])
        func flush() {
            if !current.files.isEmpty { chunks.append(current) }
            current = Chunk(text: "", files: [])
        }
        for source in sources {
            let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false).prefix(source.lineCount).map(String.init)
            var start = 0
            while start < lines.count {
                let rest = Self.render(source.path, lines: lines, from: start, to: lines.count)
                if TokenEstimate.tokens(in: current.text + rest) <= room {
                    current.text += rest
                    current.files.append(source.path)
                    break
                }
                if !current.files.isEmpty {
                    flush()
                    continue
                }
                // The file alone is larger than a chunk: split it by lines over several chunks.
                let end = Self.fittingEnd(source.path, lines: lines, from: start, tokens: room)
                current.text = Self.render(source.path, lines: lines, from: start, to: end)
                current.files = [source.path]
                flush()
                start = end
            }
        }
        flush()
        return chunks
    }

    /// The user message for one chunk.
    static func userText(for chunk: Chunk, index: Int, of count: Int) -> String {
        "Review part \(index + 1) of \(count).\n\n" + chunk.text
    }

    /// A file's lines `start..<end` with a header and line numbers.
    private static func render(_ path: String, lines: [String], from start: Int, to end: Int) -> String {
        var text = "FILE: \(path) (lines \(start + 1)-\(end) of \(lines.count))\n"
        for index in start..<end {
            text += "\(index + 1) | \(lines[index])\n"
        }
        return text + "\n"
    }

    /// The largest end such that `start..<end` fits in `tokens`, and at least one line.
    private static func fittingEnd(_ path: String, lines: [String], from start: Int, tokens: Int) -> Int {
        var used = TokenEstimate.tokens(in: "FILE: \(path) (lines \(start + 1)-\(lines.count) of \(lines.count))\n\n")
        var end = start
        while end < lines.count {
            let cost = TokenEstimate.tokens(in: "\(end + 1) | \(lines[end])\n")
            if used + cost > tokens, end > start { break }
            used += cost
            end += 1
        }
        return end
    }

    /// Lower-cased words and dotted names of three or more characters.
    private static func terms(in text: String) -> Set<String> {
        var terms: Set<String> = []
        var word = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "." || character == "_" {
                word.append(character)
            } else {
                let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "."))
                if trimmed.count >= 3, trimmed.first?.isLetter == true { terms.insert(trimmed) }
                word = ""
            }
        }
        return terms
    }
}
