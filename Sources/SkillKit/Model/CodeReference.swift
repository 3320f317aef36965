public import KafkaSkillModel
/// A reference to a region of a file under `examples/`, shown in the skill as a code block.
///
/// The region is delimited in the file by `// region: NAME` and `// endregion` (or `#` comments in
/// YAML, properties and shell files), so the code in the skill is always the compiled code.
public struct CodeReference: Sendable, Equatable {
    /// The path of the file, relative to the project root (for example `examples/producer/Sources/Producer/Main.swift`).
    public var file: String
    /// The region name after `region:`.
    public var region: String
    /// One sentence shown above the code block.
    public var caption: String?
    /// Where the reference is written in the spec.
    public var location: SourceLocation

    /// Creates a code reference.
    public init(file: String, region: String, caption: String?, location: SourceLocation) {
        self.file = file
        self.region = region
        self.caption = caption
        self.location = location
    }
}
