extension AvroSchema {
    /// A named fixed-size byte sequence.
    public struct Fixed: Sendable, Hashable {
        /// The full name, namespace included.
        public var name: String
        /// Alternative full names.
        public var aliases: [String]
        /// Documentation for people.
        public var doc: String?
        /// The number of bytes in every value.
        public var size: Int
        /// Set when the fixed carries the `decimal` logical type.
        public var decimal: Decimal?

        /// Creates a fixed schema.
        ///
        /// - Parameters:
        ///   - name: The full name, namespace included.
        ///   - aliases: Alternative full names.
        ///   - doc: Documentation.
        ///   - size: The number of bytes in every value.
        ///   - decimal: The decimal attributes, when the fixed holds a decimal.
        public init(name: String, aliases: [String] = [], doc: String? = nil, size: Int, decimal: Decimal? = nil) {
            self.name = name
            self.aliases = aliases
            self.doc = doc
            self.size = size
            self.decimal = decimal
        }
    }
}
