import Foundation

/// What is in the output folder before a scaffold: nothing, a previous scaffold (answers file and merge
/// bases), or files of something else.
struct ProjectState {
    let directory: URL
    /// Top-level entries, hidden bookkeeping of other tools (`.git`, `.DS_Store`) aside.
    let entries: [String]
    /// The previous scaffold's answers, with the reader that parsed them.
    let previous: (answers: AnswersFile, reader: DocumentReader)?

    /// Entries that do not make a folder "not empty".
    static let ignorable: Set<String> = [".git", ".DS_Store"]

    init(directory: URL) throws(ScaffoldError) {
        self.directory = directory
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder)
        guard exists else {
            entries = []
            previous = nil
            return
        }
        guard isFolder.boolValue else {
            throw .fileSystem(path: directory.path, operation: "use as the output folder", reason: "it is a file")
        }
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { !Self.ignorable.contains($0) }.sorted()
        } catch {
            throw .fileSystem(path: directory.path, operation: "list", reason: error.localizedDescription)
        }
        let answers = directory.appendingPathComponent(OutputPath.answersFile)
        previous = FileManager.default.fileExists(atPath: answers.path) ? try AnswersFile.read(answers) : nil
    }

    /// The text of a project file, or `nil` when it does not exist.
    /// - Throws: ``ScaffoldError`` when the path is a folder or not UTF-8 text.
    func current(_ path: String) throws(ScaffoldError) -> String? {
        try Self.text(at: directory.appendingPathComponent(path))
    }

    /// The previous render of a file, when it was stored.
    func storedBase(_ path: String) -> String? {
        try? Self.text(at: directory.appendingPathComponent(OutputPath.stateFolder).appendingPathComponent("base").appendingPathComponent(path))
    }

    private static func text(at url: URL) throws(ScaffoldError) -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return nil }
        guard !isFolder.boolValue else {
            throw .fileSystem(path: url.path, operation: "replace", reason: "a folder is where the template writes a file")
        }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw .fileSystem(path: url.path, operation: "read", reason: "it is not UTF-8 text")
        }
        return text
    }
}
