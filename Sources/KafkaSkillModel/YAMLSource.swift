public import Yams

/// Reads YAML (or JSON) text into a Yams node tree that keeps every node's position, and turns positions
/// and syntax errors into ``SourceLocation``s and ``Diagnostic``s of one file.
///
/// Every reader of lesson specs, service specs, AsyncAPI documents, template manifests and presets starts
/// here, so a syntax error reads the same whichever file it is in.
public struct YAMLSource: Sendable {
    /// The file's path, as shown in messages.
    public var file: String

    /// Creates a source for one file.
    /// - Parameter file: The file's path, as shown in messages.
    public init(file: String) {
        self.file = file
    }

    /// The position of a node: its line and column, or the whole file when Yams kept no mark.
    /// - Parameter node: A node composed from this file.
    /// - Returns: The location.
    public func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    /// Composes the text into a node tree.
    /// - Parameter text: The file's text.
    /// - Returns: The root node, or `nil` for a file with no document in it.
    /// - Throws: A ``Diagnostic`` of severity error at the syntax error's position.
    public func compose(_ text: String) throws(Diagnostic) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw diagnostic(for: error)
        } catch {
            throw Diagnostic(.error, "\(error)", at: SourceLocation(file: file))
        }
    }

    /// Composes the text into a node tree, treating an empty file as an error.
    /// - Parameters:
    ///   - text: The file's text.
    ///   - emptyProblem: What to say when the file holds no document. Default: `the file is empty`.
    /// - Returns: The root node.
    /// - Throws: A ``Diagnostic`` of severity error at the syntax error's position, or at line 1 when empty.
    public func composeDocument(_ text: String, emptyProblem: String = "the file is empty") throws(Diagnostic) -> Node {
        guard let node = try compose(text) else {
            throw Diagnostic(.error, emptyProblem, at: SourceLocation(file: file, line: 1, column: 1))
        }
        return node
    }

    /// A syntax error as a diagnostic at its position, with the problem in Yams' words and its context.
    /// - Parameter error: The error Yams threw.
    /// - Returns: The diagnostic.
    public func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return Diagnostic(.error, detail, at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                .error, "the key \(duplicates.joined(separator: ", ")) appears twice in one mapping",
                at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        case .reader(let problem, _, _, _):
            return Diagnostic(.error, problem, at: SourceLocation(file: file))
        default:
            return Diagnostic(.error, "\(error)", at: SourceLocation(file: file))
        }
    }
}
