public import KafkaSkillModel
/// A Mermaid diagram carried by a lesson spec.
public struct Diagram: Sendable, Equatable {
    /// The diagram's id, unique across the course (kebab-case).
    public var id: String
    /// The heading shown above the diagram.
    public var title: String
    /// The Mermaid source, starting with the diagram type (`flowchart`, `sequenceDiagram`, …).
    public var mermaid: String
    /// Where the diagram is defined.
    public var location: SourceLocation

    /// The diagram types the renderer accepts as the first word of `mermaid`.
    public static let knownTypes: [String] = [
        "classDiagram", "erDiagram", "flowchart", "graph", "sequenceDiagram", "stateDiagram-v2",
    ]

    /// Creates a diagram.
    public init(id: String, title: String, mermaid: String, location: SourceLocation) {
        self.id = id
        self.title = title
        self.mermaid = mermaid
        self.location = location
    }
}
