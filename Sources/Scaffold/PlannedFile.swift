import KafkaSkillModel
/// What a scaffold does to one file of the project.
public struct PlannedFile: Sendable, Hashable {
    /// The action.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// A new file.
        case create
        /// A file you did not edit, replaced by the new render.
        case update
        /// A file you edited, merged with the new render without conflicts.
        case merge
        /// A file you edited, merged with the new render, with conflict markers to resolve.
        case conflict
        /// A file that was not scaffolded, replaced because of `--force`.
        case overwrite
        /// Already what the new render gives.
        case unchanged
        /// A file of the previous scaffold that the template no longer writes, unedited: deleted.
        case remove
        /// A file you deleted: it stays deleted.
        case keepDeleted = "keep-deleted"
        /// A file of the previous scaffold that the template no longer writes, edited by you: left alone.
        case keepEdited = "keep-edited"

        /// Whether the action changes the file on disk.
        public var writes: Bool {
            switch self {
            case .create, .update, .merge, .conflict, .overwrite, .remove: return true
            case .unchanged, .keepDeleted, .keepEdited: return false
            }
        }
    }

    /// The path, relative to the project.
    public var path: String
    /// What happens to it.
    public var action: Action
    /// The file's text on disk now, or `nil` when there is none.
    public var current: String?
    /// The file's text after the scaffold, or `nil` when it is removed or left absent.
    public var result: String?
    /// How many conflicts the merged text holds.
    public var conflictCount: Int

    /// Creates a planned file.
    public init(path: String, action: Action, current: String?, result: String?, conflictCount: Int = 0) {
        self.path = path
        self.action = action
        self.current = current
        self.result = result
        self.conflictCount = conflictCount
    }

    /// The unified diff of the change, empty when nothing changes.
    public var diff: String {
        action.writes ? UnifiedDiff.between(current, result, path: path) : ""
    }
}
