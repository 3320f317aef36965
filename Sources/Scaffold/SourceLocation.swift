/// A position in a file: a spec, an AsyncAPI document, a template manifest or a template body.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file's path, as the user gave it.
    public var file: String
    /// The line, counted from 1, when known.
    public var line: Int?
    /// The column, counted from 1, when known.
    public var column: Int?

    /// Creates a location.
    /// - Parameters:
    ///   - file: The file's path.
    ///   - line: The line, counted from 1.
    ///   - column: The column, counted from 1.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, or as much of it as is known.
    public var description: String {
        switch (line, column) {
        case let (line?, column?): return "\(file):\(line):\(column)"
        case let (line?, nil): return "\(file):\(line)"
        default: return file
        }
    }
}
