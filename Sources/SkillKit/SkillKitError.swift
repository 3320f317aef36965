public import KafkaSkillModel
/// Everything that can go wrong while loading lesson specs, rendering the skill bundle or writing it.
///
/// Each message names the file and position (or the field) and says what to do about it.
public enum SkillKitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The YAML itself does not parse.
    case malformedYAML(SourceLocation, problem: String)
    /// A mapping holds a key the spec format does not know.
    case unknownKey(SourceLocation, key: String, context: String, allowed: [String])
    /// A required key is missing from a mapping.
    case missingKey(SourceLocation, key: String, context: String)
    /// A value has the wrong YAML shape (scalar, list or mapping).
    case wrongType(SourceLocation, field: String, expected: String)
    /// A value has the right shape but is not acceptable.
    case invalidValue(SourceLocation, field: String, value: String, expected: String)
    /// Two lessons share an id or a number.
    case duplicateLesson(SourceLocation, id: String, firstDefinedAt: SourceLocation)
    /// Two rules, presets or diagrams share an id across the course.
    case duplicateID(SourceLocation, kind: String, id: String, firstDefinedAt: SourceLocation)
    /// A reference names something that is not defined (a topic, a preset).
    case undefinedReference(SourceLocation, kind: String, name: String, known: [String])
    /// A code reference points at a file or region that does not exist.
    case danglingRegion(SourceLocation, file: String, region: String, reason: String)
    /// A file or folder could not be read or written.
    case fileSystem(path: String, operation: String, reason: String)
    /// Several problems were found at once; each is reported.
    indirect case multiple([SkillKitError])

    /// Where the problem is: a spec position, or the file for file-system errors.
    public var location: SourceLocation {
        switch self {
        case .malformedYAML(let location, _), .unknownKey(let location, _, _, _), .missingKey(let location, _, _),
             .wrongType(let location, _, _), .invalidValue(let location, _, _, _), .duplicateLesson(let location, _, _),
             .duplicateID(let location, _, _, _), .undefinedReference(let location, _, _, _), .danglingRegion(let location, _, _, _):
            return location
        case .fileSystem(let path, _, _):
            return SourceLocation(file: path)
        case .multiple(let errors):
            return errors.first?.location ?? SourceLocation(file: "")
        }
    }

    /// What is wrong and what to do, without the location.
    public var message: String {
        switch self {
        case .malformedYAML(_, let problem):
            return "the YAML does not parse: \(problem). Fix the syntax at this position."
        case .unknownKey(_, let key, let context, let allowed):
            return "unknown key '\(key)' in \(context). Allowed keys: \(allowed.joined(separator: ", "))."
        case .missingKey(_, let key, let context):
            return "\(context) is missing the required key '\(key)'. Add it."
        case .wrongType(_, let field, let expected):
            return "'\(field)' must be \(expected)."
        case .invalidValue(_, let field, let value, let expected):
            return "'\(field)' has the value '\(value)', but it must be \(expected)."
        case .duplicateLesson(_, let id, let first):
            return "lesson '\(id)' is defined twice (first at \(first)). Give each lesson its own id and number."
        case .duplicateID(_, let kind, let id, let first):
            return "\(kind) id '\(id)' is already used at \(first). Each \(kind) id must be unique across all lessons; rename one."
        case .undefinedReference(_, let kind, let name, let known):
            let list = known.isEmpty ? "none are defined" : "defined: \(known.joined(separator: ", "))"
            return "unknown \(kind) '\(name)' (\(list)). Use a defined \(kind) or define it."
        case .danglingRegion(_, let file, let region, let reason):
            return "code region '\(region)' in \(file) cannot be used: \(reason). Add `// region: \(region)` … `// endregion` to the file, or fix the reference."
        case .fileSystem(_, let operation, let reason):
            return "could not \(operation): \(reason)."
        case .multiple(let errors):
            return errors.map(\.description).joined(separator: "\n")
        }
    }

    /// `file:line:column: error: message`, one line per problem.
    public var description: String {
        if case .multiple = self { return message }
        return "\(location): error: \(message)"
    }

    /// The individual errors, flattening `multiple`.
    public var all: [SkillKitError] {
        if case .multiple(let errors) = self { return errors.flatMap(\.all) }
        return [self]
    }
}
