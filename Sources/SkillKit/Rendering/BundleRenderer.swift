/// Renders the whole skill bundle from a validated course: parse → model (`BundleLayout`) → text.
///
/// The output is deterministic: the same course always gives the same files, sorted by path.
public struct BundleRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// Renders every file of the bundle.
    /// - Parameter course: The loaded, validated course.
    /// - Returns: The files, sorted by path.
    /// - Throws: `SkillKitError` when an asset cannot be encoded.
    public func render(_ course: Course) throws(SkillKitError) -> [BundleFile] {
        let layout = BundleLayout(course: course)
        var files = [BundleFile(path: "SKILL.md", contents: SkillPageRenderer(layout: layout).render())]
        for page in layout.references {
            files.append(BundleFile(path: page.topic.referencePath, contents: ReferencePageRenderer(page: page, layout: layout).render()))
        }
        files += try PresetAssetRenderer(presets: layout.presets).render()
        return files.sorted { $0.path < $1.path }
    }
}
