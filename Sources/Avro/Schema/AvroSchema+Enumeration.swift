extension AvroSchema {
    /// A named enumeration.
    public struct Enumeration: Sendable, Hashable {
        /// The full name, namespace included.
        public var name: String
        /// Alternative full names.
        public var aliases: [String]
        /// Documentation for people.
        public var doc: String?
        /// The symbols, in index order.
        public var symbols: [String]
        /// The symbol a reader uses for a writer symbol it does not know; `nil` makes such data unreadable.
        public var defaultSymbol: String?

        /// Creates an enum schema.
        ///
        /// - Parameters:
        ///   - name: The full name, namespace included.
        ///   - aliases: Alternative full names.
        ///   - doc: Documentation.
        ///   - symbols: The symbols, in index order.
        ///   - defaultSymbol: The fallback for unknown writer symbols.
        public init(name: String, aliases: [String] = [], doc: String? = nil, symbols: [String], defaultSymbol: String? = nil) {
            self.name = name
            self.aliases = aliases
            self.doc = doc
            self.symbols = symbols
            self.defaultSymbol = defaultSymbol
        }
    }
}
