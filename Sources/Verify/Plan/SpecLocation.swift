/// A position in a lesson spec or an event file, printed as `file:line:column`.
public struct SpecLocation: Sendable, Hashable, Codable, CustomStringConvertible {
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
        self.line = line
        self.column = column
    }

    /// `file:line:column`, leaving out the parts that are 0.
    public var description: String {
        guard line > 0 else { return file }
        guard column > 0 else { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }
}
