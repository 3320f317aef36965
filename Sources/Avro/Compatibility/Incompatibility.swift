/// One reason a reader schema cannot read data written with a writer schema.
public struct Incompatibility: Sendable, Hashable, CustomStringConvertible {
    /// The kind of breaking change, named as Avro's and Confluent's checkers name them.
    public enum Kind: String, Sendable, Hashable {
        /// The types differ and no promotion connects them.
        case typeMismatch = "TYPE_MISMATCH"
        /// Named types (records, enums, fixed) have different names and no alias joins them.
        case nameMismatch = "NAME_MISMATCH"
        /// Two fixed types differ in size.
        case fixedSizeMismatch = "FIXED_SIZE_MISMATCH"
        /// The writer's enum has symbols the reader lacks, and the reader has no default symbol.
        case missingEnumSymbols = "MISSING_ENUM_SYMBOLS"
        /// A reader field is missing from the writer and has no default.
        case readerFieldMissingDefaultValue = "READER_FIELD_MISSING_DEFAULT_VALUE"
        /// A branch of the writer's union has no counterpart in the reader.
        case missingUnionBranch = "MISSING_UNION_BRANCH"
        /// Two decimals differ in precision or scale.
        case decimalMismatch = "DECIMAL_MISMATCH"
    }

    /// The kind of breaking change.
    public var kind: Kind
    /// Where in the reader schema the change is, as a JSON path such as `/fields/2/type`.
    public var path: String
    /// What breaks, naming the fields, types or symbols involved.
    public var message: String

    /// Creates an incompatibility.
    ///
    /// - Parameters:
    ///   - kind: The kind of breaking change.
    ///   - path: The JSON path in the reader schema.
    ///   - message: What breaks.
    public init(kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// `path: message`, for example `/fields/2/type: reader field 'email' has no default and is missing from the writer`.
    public var description: String {
        "\(path.isEmpty ? "/" : path): \(message)"
    }
}
