public import Foundation

/// Where the scaffolder finds its inputs: this repository (whose `Kafka` library generated services
/// depend on), its templates, and the skill's delivery presets.
public struct ScaffoldEnvironment: Sendable {
    /// The KafkaSkill repository: the package generated services depend on.
    public var repositoryRoot: URL
    /// The templates folder. Default: `templates/` in the repository.
    public var templatesDirectory: URL
    /// The delivery presets folder. Default: `skills/kafka-events/assets/presets/` in the repository.
    public var presetsDirectory: URL

    /// Creates an environment.
    /// - Parameters:
    ///   - repositoryRoot: The KafkaSkill repository.
    ///   - templatesDirectory: The templates folder; default `templates/` in the repository.
    ///   - presetsDirectory: The presets folder; default `skills/kafka-events/assets/presets/` in the repository.
    public init(repositoryRoot: URL, templatesDirectory: URL? = nil, presetsDirectory: URL? = nil) {
        let root = repositoryRoot.standardizedFileURL
        self.repositoryRoot = root
        self.templatesDirectory = templatesDirectory ?? root.appendingPathComponent("templates")
        self.presetsDirectory = presetsDirectory
            ?? root.appendingPathComponent("skills/kafka-events/assets/presets", isDirectory: true)
    }

    /// Finds the repository: the nearest folder at or above one of `starts` that holds `Package.swift`,
    /// `templates/` and `Sources/Kafka/`.
    /// - Returns: `nil` when none of the starting points is inside the repository.
    public static func locate(startingAt starts: [URL]) -> ScaffoldEnvironment? {
        let files = FileManager.default
        for start in starts {
            var folder = start.standardizedFileURL.resolvingSymlinksInPath()
            while true {
                let marks = ["Package.swift", "templates", "Sources/Kafka"].map { folder.appendingPathComponent($0).path }
                if marks.allSatisfy(files.fileExists(atPath:)) { return ScaffoldEnvironment(repositoryRoot: folder) }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }
}

/// What to scaffold, and where.
public struct ScaffoldRequest: Sendable {
    /// The service spec or AsyncAPI 3 document.
    public var specURL: URL
    /// How the spec's path is shown in messages and recorded in the answers file. Default: as given.
    public var specDisplayPath: String
    /// The project folder to write.
    public var outputDirectory: URL
    /// The template to use; default: the one that generates the spec's role.
    public var templateName: String?
    /// Whether to write into a non-empty folder that holds no previous scaffold.
    public var force: Bool
    /// How the generated `Package.swift` refers to this repository; default: relative when the project is
    /// inside the repository, absolute otherwise. Set it to render elsewhere what will live at another place.
    public var kafkaPackagePath: String?
    /// A git URL reference to the KafkaSkill package instead of a path; default: the one the answers file
    /// records, else a path (``kafkaPackagePath``).
    public var kafkaPackage: KafkaPackageReference?

    /// Creates a request.
    public init(
        specURL: URL, specDisplayPath: String? = nil, outputDirectory: URL, templateName: String? = nil, force: Bool = false,
        kafkaPackagePath: String? = nil, kafkaPackage: KafkaPackageReference? = nil
    ) {
        self.kafkaPackage = kafkaPackage
        self.specURL = specURL
        self.specDisplayPath = specDisplayPath ?? specURL.path
        self.outputDirectory = outputDirectory
        self.templateName = templateName
        self.force = force
        self.kafkaPackagePath = kafkaPackagePath
    }
}
