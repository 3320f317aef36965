import Testing

extension Tag {
    /// Tests that build a generated project, install Python packages or start services; leave them out with
    /// `swift test --skip tag:slow`.
    @Tag static var slow: Self
}
