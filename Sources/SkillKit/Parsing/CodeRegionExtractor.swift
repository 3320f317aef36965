import KafkaSkillModel
public import Foundation

/// Cuts a named region out of a source file.
///
/// A region starts at a line whose trimmed text is `// region: NAME` (or `# region: NAME` in YAML,
/// properties and shell files) and ends at the next `// endregion` (`# endregion`). Marker lines of
/// nested regions are dropped, and the common indentation is removed.
public struct CodeRegionExtractor: Sendable {
    /// The project root that code references are relative to.
    public var root: URL

    /// Creates an extractor for files under `root`.
    public init(root: URL) {
        self.root = root
    }

    /// The fenced-block language for a file, from its extension.
    public static func language(for file: String) -> String {
        switch (file as NSString).pathExtension.lowercased() {
        case "swift": return "swift"
        case "yaml", "yml": return "yaml"
        case "json": return "json"
        case "properties": return "properties"
        case "sh": return "bash"
        case "sql": return "sql"
        case "avsc": return "json"
        default: return "text"
        }
    }

    /// Cuts the region a reference names.
    /// - Parameter reference: The code reference from a lesson spec.
    /// - Returns: The dedented snippet.
    /// - Throws: `SkillKitError.danglingRegion` when the file is missing, outside the root, lacks the markers,
    ///   or defines the region more than once.
    public func snippet(for reference: CodeReference) throws(SkillKitError) -> CodeSnippet {
        let relative = reference.file
        guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
            throw .danglingRegion(reference.location, file: relative, region: reference.region, reason: "the path must be relative to the project root and stay inside it")
        }
        let url = root.appendingPathComponent(relative)
        // The real path (symbolic links resolved) must stay under the root's real path too.
        let realRoot = root.resolvingSymlinksInPath().standardizedFileURL.path
        let realFile = url.resolvingSymlinksInPath().standardizedFileURL.path
        guard realFile.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") else {
            throw .danglingRegion(
                reference.location, file: relative, region: reference.region,
                reason: "the file is a symbolic link to \(realFile), outside the project root \(realRoot)")
        }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw .danglingRegion(reference.location, file: relative, region: reference.region, reason: "the file does not exist under \(root.path)")
        }
        let language = Self.language(for: relative)
        let lines = text.components(separatedBy: "\n")
        let starts = lines.indices.filter { Self.marker(lines[$0]) == .start(reference.region) }
        guard let start = starts.first else {
            throw .danglingRegion(reference.location, file: relative, region: reference.region, reason: "no `region: \(reference.region)` marker line")
        }
        guard starts.count == 1 else {
            let at = starts.map { String($0 + 1) }.joined(separator: ", ")
            throw .danglingRegion(reference.location, file: relative, region: reference.region, reason: "the region is defined \(starts.count) times (lines \(at)), so which one the page shows is a guess; rename one")
        }
        var depth = 0
        var body: [String] = []
        var closed = false
        for line in lines[(start + 1)...] {
            switch Self.marker(line) {
            case .start?: depth += 1
            case .end? where depth == 0: closed = true
            case .end?: depth -= 1
            case nil: body.append(line)
            }
            if closed { break }
        }
        guard closed else {
            throw .danglingRegion(reference.location, file: relative, region: reference.region, reason: "the region has no `endregion` marker")
        }
        return CodeSnippet(file: relative, region: reference.region, language: language, text: Self.dedent(body))
    }

    enum Marker: Equatable {
        case start(String)
        case end
    }

    static func marker(_ line: String) -> Marker? {
        var text = line.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("//") {
            text.removeFirst(2)
        } else if text.hasPrefix("#") {
            text.removeFirst()
        } else {
            return nil
        }
        text = text.trimmingCharacters(in: .whitespaces)
        if text == "endregion" { return .end }
        guard text.hasPrefix("region:") else { return nil }
        return .start(text.dropFirst("region:".count).trimmingCharacters(in: .whitespaces))
    }

    static func dedent(_ lines: [String]) -> String {
        var trimmed = lines
        while let first = trimmed.first, first.trimmingCharacters(in: .whitespaces).isEmpty { trimmed.removeFirst() }
        while let last = trimmed.last, last.trimmingCharacters(in: .whitespaces).isEmpty { trimmed.removeLast() }
        let indent = trimmed
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix(while: { $0 == " " || $0 == "\t" }).count }
            .min() ?? 0
        return trimmed.map { $0.count >= indent ? String($0.dropFirst(indent)) : "" }.joined(separator: "\n")
    }
}
