/// One file of the rendered skill bundle.
public struct BundleFile: Sendable, Equatable {
    /// The path relative to the bundle folder, with forward slashes (e.g. `references/producers.md`).
    public var path: String
    /// The file's text.
    public var contents: String

    /// Creates a bundle file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
