import Foundation

/// A file under review, read once and shared by the static checks and the model review.
public struct ReviewSource: Sendable, Hashable {
    /// What kind of file it is, which decides the checks that read it.
    public enum Kind: String, Sendable, Hashable {
        /// Swift source: code checks and configuration literals.
        case swift
        /// A YAML preset.
        case yaml
        /// A JSON preset.
        case json
        /// A Java-style `.properties` preset.
        case properties
    }

    /// The file's path as reports show it: relative to the base folder when inside it.
    public var path: String
    /// What kind of file it is.
    public var kind: Kind
    /// The file's text.
    public var text: String

    /// Creates a source from text already read.
    /// - Parameters:
    ///   - path: The path reports show.
    ///   - kind: What kind of file it is.
    ///   - text: The file's text.
    public init(path: String, kind: Kind, text: String) {
        self.path = path
        self.kind = kind
        self.text = text
    }

    /// The number of lines; a final newline does not start another line.
    public var lineCount: Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        return text.hasSuffix("\n") ? lines - 1 : lines
    }

    /// The kind of file a name denotes, or `nil` for files the review does not read.
    static func kind(ofFileNamed name: String) -> Kind? {
        switch (name as NSString).pathExtension.lowercased() {
        case "swift": .swift
        case "yaml", "yml": .yaml
        case "json": .json
        case "properties": .properties
        default: nil
        }
    }
}
