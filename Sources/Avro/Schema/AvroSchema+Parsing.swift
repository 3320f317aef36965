extension AvroSchema {
    /// Choices for ``AvroSchema/init(parsing:options:)``.
    public struct ParseOptions: Sendable, Hashable {
        /// Whether field defaults must match their field's type. A schema whose defaults do not match can be
        /// written but not safely read, so turn this off only to compute a canonical form or fingerprint of
        /// schemas from elsewhere; an invalid default is then dropped.
        ///
        /// Default: `true`.
        public var validatesDefaults: Bool
        /// Whether a known logical type with bad attributes (a `date` over `long`, a `decimal` whose scale exceeds
        /// its precision) is an error. When `false` it is ignored and the underlying type is used, as the Java
        /// implementation does.
        ///
        /// Default: `true`.
        public var validatesLogicalTypes: Bool
        /// The deepest nesting of JSON arrays and objects accepted, which bounds the parser's stack use.
        ///
        /// Default: 256.
        public var maxNestingDepth: Int

        /// Creates parse options.
        ///
        /// - Parameters:
        ///   - validatesDefaults: Whether defaults must match their type.
        ///   - validatesLogicalTypes: Whether invalid logical types are errors.
        ///   - maxNestingDepth: The deepest JSON nesting accepted.
        public init(validatesDefaults: Bool = true, validatesLogicalTypes: Bool = true, maxNestingDepth: Int = 256) {
            self.validatesDefaults = validatesDefaults
            self.validatesLogicalTypes = validatesLogicalTypes
            self.maxNestingDepth = maxNestingDepth
        }
    }

    /// Parses a schema from its JSON text.
    ///
    /// Names follow the specification: a dotted name is a full name; otherwise the `namespace` attribute, or
    /// the enclosing named type's namespace, qualifies it. A reference is looked up in the enclosing namespace
    /// and then in the null namespace. Each named type must be defined before it is used.
    ///
    /// - Parameters:
    ///   - text: The schema JSON, for example the contents of an `.avsc` file.
    ///   - options: Validation choices.
    /// - Throws: `AvroError.invalidJSON` with line and column, or `AvroError.invalidSchema` with the JSON path
    ///   of the problem (use ``AvroSchema/location(of:in:)`` to turn the path into a line and column).
    public init(parsing text: String, options: ParseOptions = ParseOptions()) throws(AvroError) {
        let json = try JSONParser.parse(text, maxDepth: options.maxNestingDepth)
        var parser = SchemaParser(options: options)
        let parsed = try parser.parse(json, namespace: "", path: "")
        self = try parser.fillDefaults(parsed)
    }

    /// The line and column in `text` where the value at a schema error's `path` starts, so that a message can
    /// point into the file. Returns `nil` when the path is not in the text.
    ///
    /// - Parameters:
    ///   - path: A JSON path as reported by `AvroError.invalidSchema`, for example `/fields/1/type`.
    ///   - text: The schema JSON the path refers to.
    public static func location(of path: String, in text: String) -> (line: Int, column: Int)? {
        JSONParser.location(of: path, in: text)
    }
}
