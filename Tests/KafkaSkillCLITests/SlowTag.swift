import Testing

extension Tag {
    /// Tests that build a generated project, install Python packages or start services. swift-testing 6.3 does not
    /// filter by tag on the command line; leave them out by name with
    /// `swift test --skip 'GeneratedProjectBuildTests|ExampleBuilderTests|RunnerTests|InteropTests|installAndScaffold'`.
    @Tag static var slow: Self
}
