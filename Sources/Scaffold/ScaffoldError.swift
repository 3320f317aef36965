public import KafkaSkillModel
/// Everything that can stop a scaffold: an invalid spec or AsyncAPI document, a broken template, an
/// unsafe output path, or a file that cannot be read or written.
///
/// Each message names the file and position (or the path) and says what to do about it.
public enum ScaffoldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The YAML or JSON does not parse.
    case malformedDocument(SourceLocation, problem: String)
    /// A mapping holds a key the format does not know.
    case unknownKey(SourceLocation, key: String, context: String, allowed: [String])
    /// A required key is missing.
    case missingKey(SourceLocation, key: String, context: String)
    /// A value has the wrong shape (scalar, list or mapping).
    case wrongType(SourceLocation, field: String, expected: String)
    /// A value has the right shape but is not acceptable.
    case invalidValue(SourceLocation, field: String, value: String, expected: String)
    /// A document uses a feature the generator cannot turn into a service.
    case unsupported(SourceLocation, feature: String, advice: String)
    /// A template body does not parse as Mustache.
    case templateSyntax(SourceLocation, problem: String)
    /// A template's output path is absolute, climbs out of the output folder, or is otherwise unusable.
    case unsafeOutputPath(SourceLocation, path: String, reason: String)
    /// No template has the requested name.
    case templateNotFound(name: String, available: [String])
    /// The chosen template does not generate services of the spec's role.
    case templateRoleMismatch(template: String, role: String, supported: [String])
    /// The delivery presets lack the preset a role and guarantee need.
    case presetNotFound(id: String, catalog: String)
    /// The output folder holds files but no previous scaffold.
    case outputNotEmpty(path: String, entries: [String])
    /// Files of a previous scaffold still hold its conflict markers; merging again would nest conflicts.
    case unresolvedConflicts(path: String, files: [String])
    /// The output folder is the repository whose templates are used, or contains it.
    case outputContainsRepository(path: String, repository: String)
    /// A file or folder could not be read or written.
    case fileSystem(path: String, operation: String, reason: String)
    /// Several problems were found at once; each is reported.
    indirect case multiple([ScaffoldError])

    /// Where the problem is.
    public var location: SourceLocation {
        switch self {
        case .malformedDocument(let location, _), .unknownKey(let location, _, _, _), .missingKey(let location, _, _),
            .wrongType(let location, _, _), .invalidValue(let location, _, _, _), .unsupported(let location, _, _),
            .templateSyntax(let location, _), .unsafeOutputPath(let location, _, _):
            return location
        case .templateNotFound, .templateRoleMismatch:
            return SourceLocation(file: "templates")
        case .presetNotFound(_, let catalog):
            return SourceLocation(file: catalog)
        case .outputNotEmpty(let path, _), .outputContainsRepository(let path, _), .fileSystem(let path, _, _),
            .unresolvedConflicts(let path, _):
            return SourceLocation(file: path)
        case .multiple(let errors):
            return errors.first?.location ?? SourceLocation(file: "")
        }
    }

    /// What is wrong and what to do, without the location.
    public var message: String {
        switch self {
        case .malformedDocument(_, let problem):
            return "the document does not parse: \(problem). Fix the syntax at this position."
        case .unknownKey(_, let key, let context, let allowed):
            return "unknown key '\(key)' in \(context). Allowed keys: \(allowed.joined(separator: ", "))."
        case .missingKey(_, let key, let context):
            return "\(context) is missing the required key '\(key)'. Add it."
        case .wrongType(_, let field, let expected):
            return "'\(field)' must be \(expected)."
        case .invalidValue(_, let field, let value, let expected):
            return "'\(field)' is '\(value)', but it must be \(expected)" + (expected.hasSuffix("?") ? "" : ".")
        case .unsupported(_, let feature, let advice):
            return "\(feature) is not supported by the generator. \(advice)"
        case .templateSyntax(_, let problem):
            return "the template does not parse as Mustache: \(problem)."
        case .unsafeOutputPath(_, let path, let reason):
            return "output path '\(path)' is refused: \(reason). Template outputs must be relative paths inside the output folder."
        case .templateNotFound(let name, let available):
            return "there is no template '\(name)'. Available: \(available.joined(separator: ", "))."
        case .templateRoleMismatch(let template, let role, let supported):
            return "template '\(template)' generates \(supported.joined(separator: " or ")) services, not \(role) services. "
                + "Choose another --template or change the spec's role."
        case .presetNotFound(let id, _):
            return "the delivery presets have no '\(id)'. Regenerate the skill (`kafka-skill generate`) or choose another delivery guarantee."
        case .outputNotEmpty(let path, let entries):
            let shown = entries.prefix(5).joined(separator: ", ") + (entries.count > 5 ? ", …" : "")
            return "'\(path)' is not empty (\(shown)) and holds no previous scaffold (.kafka-skill-answers.yaml). "
                + "Choose an empty folder, or pass --force to write into it anyway."
        case .unresolvedConflicts(let path, let files):
            return "'\(path)' still holds unresolved conflict markers from the last scaffold in \(files.joined(separator: ", ")). "
                + "Resolve the <<<<<<< … >>>>>>> blocks (keep what you want and delete the marker lines), then scaffold again."
        case .outputContainsRepository(let path, let repository):
            return "'\(path)' is, or contains, the repository at '\(repository)'. Choose a folder for the new service inside or outside it."
        case .fileSystem(let path, let operation, let reason):
            return "could not \(operation) '\(path)': \(reason)."
        case .multiple(let errors):
            return errors.map(\.description).joined(separator: "\n")
        }
    }

    /// `location: error: message`, one line per problem.
    public var description: String {
        if case .multiple = self { return message }
        return "\(location): error: \(message)"
    }

    /// The individual problems, flattened.
    public var all: [ScaffoldError] {
        if case .multiple(let errors) = self { return errors.flatMap(\.all) }
        return [self]
    }

    /// One error for several problems: the problem itself when there is one.
    static func combining(_ errors: [ScaffoldError]) -> ScaffoldError {
        errors.count == 1 ? errors[0] : .multiple(errors)
    }
}
