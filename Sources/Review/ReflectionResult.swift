public import Foundation

/// What a lesson reflection suggested and where the patch was written.
public struct ReflectionResult: Sendable {
    /// The lesson file reviewed, as reports show it.
    public var lessonFile: String
    /// The model's summary of the lesson's gaps.
    public var summary: String
    /// The patch with the suggested spec changes, or `nil` when none were suggested or valid.
    public var patchFile: URL?
    /// The reasons of the edits the patch holds.
    public var reasons: [String]
    /// Suggested edits left out: text not found exactly once, or edits that broke the YAML.
    public var droppedEdits: Int
    /// Tokens and requests spent.
    public var usage: TokenUsage

    /// Creates a result.
    /// - Parameters:
    ///   - lessonFile: The lesson file reviewed.
    ///   - summary: The model's summary.
    ///   - patchFile: The patch written, if any.
    ///   - reasons: The reasons of the edits the patch holds.
    ///   - droppedEdits: Suggested edits left out.
    ///   - usage: Tokens and requests spent.
    public init(lessonFile: String, summary: String, patchFile: URL?, reasons: [String], droppedEdits: Int, usage: TokenUsage) {
        self.lessonFile = lessonFile
        self.summary = summary
        self.patchFile = patchFile
        self.reasons = reasons
        self.droppedEdits = droppedEdits
        self.usage = usage
    }
}
