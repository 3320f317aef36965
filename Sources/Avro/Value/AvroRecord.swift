/// The value of a record: its fields by name, in the order of the record schema.
public struct AvroRecord: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// One named field value.
    public struct Field: Sendable, Hashable {
        /// The field name.
        public var name: String
        /// The field value.
        public var value: AvroValue

        /// Creates a field value.
        ///
        /// - Parameters:
        ///   - name: The field name.
        ///   - value: The field value.
        public init(name: String, value: AvroValue) {
            self.name = name
            self.value = value
        }
    }

    /// The field values. The encoder matches them to the schema by name, so their order only matters for speed:
    /// in schema order each field is found at once.
    public var fields: [Field]

    /// Creates a record value from field values.
    ///
    /// - Parameter fields: The field values, preferably in schema order.
    public init(_ fields: [Field]) {
        self.fields = fields
    }

    /// Creates a record value from `name: value` pairs, keeping their order.
    ///
    /// - Parameter elements: The field names and values.
    public init(dictionaryLiteral elements: (String, AvroValue)...) {
        self.fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// The value of the field named `name`; setting `nil` removes the field, setting a new name appends it.
    public subscript(name: String) -> AvroValue? {
        get {
            for field in fields where field.name == name {
                return field.value
            }
            return nil
        }
        set {
            let index = fields.firstIndex { $0.name == name }
            switch (index, newValue) {
            case let (index?, value?): fields[index].value = value
            case let (index?, nil): fields.remove(at: index)
            case let (nil, value?): fields.append(Field(name: name, value: value))
            case (nil, nil): break
            }
        }
    }
}
