extension AvroSchema {
    /// A named record: an ordered list of fields.
    public struct Record: Sendable, Hashable {
        /// The full name, namespace included (`com.example.User`).
        public var name: String
        /// Alternative full names, used when a reader's record was renamed.
        public var aliases: [String]
        /// Documentation for people; ignored by resolution and the canonical form.
        public var doc: String?
        /// The fields, in the order they are written.
        public var fields: [Field]

        /// Creates a record schema.
        ///
        /// - Parameters:
        ///   - name: The full name, namespace included.
        ///   - aliases: Alternative full names.
        ///   - doc: Documentation.
        ///   - fields: The fields, in write order.
        public init(name: String, aliases: [String] = [], doc: String? = nil, fields: [Field]) {
            self.name = name
            self.aliases = aliases
            self.doc = doc
            self.fields = fields
        }

        /// The index of the field named `name`, if any.
        public func fieldIndex(named name: String) -> Int? {
            fields.firstIndex { $0.name == name }
        }
    }

    /// One field of a record.
    public struct Field: Sendable, Hashable {
        /// The field name.
        public var name: String
        /// The field's schema.
        public var type: AvroSchema
        /// The default a reader uses when the writer's data has no such field; `nil` when there is none.
        /// For a union field, the default belongs to the first branch that accepts it.
        public var defaultValue: AvroValue?
        /// Documentation for people.
        public var doc: String?
        /// Former names of this field, used when a reader renames it.
        public var aliases: [String]
        /// How this field takes part in sorting.
        public var order: SortOrder

        /// Creates a field.
        ///
        /// - Parameters:
        ///   - name: The field name.
        ///   - type: The field's schema.
        ///   - defaultValue: The default for readers; `nil` for none.
        ///   - doc: Documentation.
        ///   - aliases: Former names.
        ///   - order: Sort order; default ascending.
        public init(
            name: String,
            type: AvroSchema,
            defaultValue: AvroValue? = nil,
            doc: String? = nil,
            aliases: [String] = [],
            order: SortOrder = .ascending
        ) {
            self.name = name
            self.type = type
            self.defaultValue = defaultValue
            self.doc = doc
            self.aliases = aliases
            self.order = order
        }
    }

    /// The `order` attribute of a record field.
    public enum SortOrder: String, Sendable, Hashable {
        /// Sort ascending (the default).
        case ascending
        /// Sort descending.
        case descending
        /// Leave the field out of comparisons.
        case ignore
    }
}
