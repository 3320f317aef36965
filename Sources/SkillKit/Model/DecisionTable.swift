public import KafkaSkillModel
/// A trade-off table: one row per option, one column per consideration.
public struct DecisionTable: Sendable, Equatable {
    /// The table's id (kebab-case).
    public var id: String
    /// The heading above the table.
    public var title: String
    /// The question the table answers.
    public var question: String
    /// The column headings.
    public var columns: [String]
    /// The rows; each has exactly as many cells as there are columns.
    public var rows: [[DecisionCell]]
    /// Where the table is defined.
    public var location: SourceLocation

    /// Creates a decision table.
    public init(id: String, title: String, question: String, columns: [String], rows: [[DecisionCell]], location: SourceLocation) {
        self.id = id
        self.title = title
        self.question = question
        self.columns = columns
        self.rows = rows
        self.location = location
    }
}

/// One cell of a decision table.
public enum DecisionCell: Sendable, Equatable {
    /// Plain text.
    case text(String)
    /// The properties of a configuration preset, so settings are written once (`{preset: ID}` in the spec).
    case preset(String, SourceLocation)
}
