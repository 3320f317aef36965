/// A position in a text file the tool reads (a lesson spec, a service spec, an AsyncAPI document, a template,
/// a rule, a bundle file or an event log), printed as `file:line:column`.
///
/// The one convention for "unknown": a line or column of 0 means the whole file or the whole line, and
/// ``description`` leaves such parts out.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The file's path, as the caller named it.
    public var file: String
    /// The line, counting from 1; 0 when the whole file is meant.
    public var line: Int
    /// The column, counting from 1; 0 when the whole line is meant.
    public var column: Int

    /// Creates a location.
    /// - Parameters:
    ///   - file: The file's path.
    ///   - line: The line, counting from 1 (0 for the whole file).
    ///   - column: The column, counting from 1 (0 for the whole line).
    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = max(0, line)
        self.column = max(0, column)
    }

    /// Whether the line is known.
    public var hasLine: Bool { line > 0 }

    /// `file:line:column`, leaving out the parts that are 0.
    public var description: String {
        guard line > 0 else { return file }
        guard column > 0 else { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    /// Orders by file, then line, then column, as compilers list their messages.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
