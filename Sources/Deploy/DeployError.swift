/// Why a `Deploy` operation failed: what went wrong, in words a user can act on.
public struct DeployError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure it is.
    public struct Code: RawRepresentable, Sendable, Hashable {
        /// The code's name.
        public var rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// An option or argument has a value the command cannot use.
        public static let invalidArgument = Code(rawValue: "invalid-argument")
        /// The specs ask for something that cannot be deployed as asked (e.g. two specs disagree on a topic).
        public static let conflict = Code(rawValue: "conflict")
        /// A YAML document could not be rendered.
        public static let render = Code(rawValue: "render")
        /// A file could not be read or written.
        public static let fileSystem = Code(rawValue: "file-system")
        /// A bundled CRD schema is missing or unreadable.
        public static let schema = Code(rawValue: "schema")
    }

    /// What kind of failure it is.
    public var code: Code
    /// What went wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
