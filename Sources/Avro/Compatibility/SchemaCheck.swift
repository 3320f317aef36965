import Dispatch
import Foundation

/// One schema file for ``SchemaCheck``: a name to show in messages and its JSON text.
public struct SchemaSource: Sendable, Hashable {
    /// The name messages use, usually the path given on the command line.
    public var name: String
    /// The schema JSON.
    public var text: String

    /// Creates a schema source.
    ///
    /// - Parameters:
    ///   - name: The name messages use.
    ///   - text: The schema JSON.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// What ``SchemaCheck`` found, ready to print: the outcome, the lines to show, and the exit status.
public struct SchemaCheckReport: Sendable, Hashable {
    /// The overall outcome.
    public enum Outcome: Sendable, Hashable {
        /// The new schema is compatible at the requested level.
        case compatible
        /// The new schema breaks compatibility; ``SchemaCheckReport/lines`` gives each reason with its path.
        case incompatible
        /// A schema could not be read or parsed, or the request itself was wrong.
        case invalid
    }

    /// The overall outcome.
    public var outcome: Outcome
    /// The lines to print: the verdict and one line per reason, or the error messages when ``outcome`` is `.invalid`.
    public var lines: [String]

    /// The process exit status: 0 compatible, 1 incompatible, 2 invalid.
    public var exitCode: Int32 {
        switch outcome {
        case .compatible: return 0
        case .incompatible: return 1
        case .invalid: return 2
        }
    }
}

/// The `schema check` command's logic: read schema files, parse them, and check the last against the others.
public enum SchemaCheck {
    /// Reads the schema files and checks the last one against the earlier ones.
    ///
    /// Files are read on a dispatch queue, away from the concurrency pool.
    ///
    /// - Parameters:
    ///   - files: Paths of at least two schema files, oldest first; the last is the new schema.
    ///   - level: A compatibility level name, in any case (`backward`, `FULL_TRANSITIVE`, …).
    /// - Returns: The report; it is `.invalid` when a file cannot be read or parsed, or the arguments are wrong.
    public static func run(files: [String], level: String) async -> SchemaCheckReport {
        guard let parsedLevel = CompatibilityLevel(name: level) else {
            let names = CompatibilityLevel.allCases.map(\.rawValue).joined(separator: ", ")
            return SchemaCheckReport(outcome: .invalid, lines: ["error: unknown compatibility level '\(level)'; use one of \(names)"])
        }
        var sources: [SchemaSource] = []
        for file in files {
            do {
                sources.append(SchemaSource(name: file, text: try await readFile(file)))
            } catch {
                return SchemaCheckReport(outcome: .invalid, lines: ["error: cannot read \(file): \(error.localizedDescription)"])
            }
        }
        return check(sources: sources, level: parsedLevel)
    }

    /// Checks the last source against the earlier ones.
    ///
    /// - Parameters:
    ///   - sources: At least two schemas, oldest first; the last is the new schema.
    ///   - level: The compatibility level. Non-transitive levels compare with the schema just before the new one,
    ///     as a registry compares with the latest version; transitive levels compare with all of them.
    /// - Returns: The report.
    public static func check(sources: [SchemaSource], level: CompatibilityLevel) -> SchemaCheckReport {
        guard sources.count >= 2 else {
            return SchemaCheckReport(
                outcome: .invalid,
                lines: ["error: give at least two schema files, oldest first; the last one is the new schema"]
            )
        }
        var schemas: [AvroSchema] = []
        var errors: [String] = []
        for source in sources {
            do {
                schemas.append(try AvroSchema(parsing: source.text))
            } catch {
                errors.append("error: " + describe(error, in: source))
            }
        }
        guard errors.isEmpty, let newSchema = schemas.last, let newSource = sources.last else {
            return SchemaCheckReport(outcome: .invalid, lines: errors)
        }
        let previousSources = Array(sources.dropLast())
        let result: CompatibilityResult
        do {
            result = try SchemaCompatibility.check(newSchema, against: Array(schemas.dropLast()), level: level)
        } catch {
            return SchemaCheckReport(outcome: .invalid, lines: ["error: " + describe(error, in: newSource)])
        }
        let compared = level == .none ? [] : level.isTransitive ? previousSources : [previousSources[previousSources.count - 1]]
        guard !result.isCompatible else {
            let verdict = level == .none
                ? "compatible: level NONE checks nothing; all \(sources.count) schemas are valid"
                : "compatible: \(newSource.name) is \(level) compatible with \(compared.map(\.name).joined(separator: ", "))"
            return SchemaCheckReport(outcome: .compatible, lines: [verdict])
        }
        var lines = ["incompatible: \(newSource.name) is not \(level) compatible (\(result.failures.count) problem\(result.failures.count == 1 ? "" : "s"))"]
        for failure in result.failures {
            let previous = previousSources[failure.previousIndex]
            let (reader, writer) = failure.direction == .newReadsPrevious ? (newSource, previous) : (previous, newSource)
            var line = "  \(reader.name) cannot read data written with \(writer.name): \(failure.incompatibility)"
            if let location = AvroSchema.location(of: failure.incompatibility.path, in: reader.text) {
                line += " (\(reader.name):\(location.line):\(location.column))"
            }
            lines.append(line)
        }
        return SchemaCheckReport(outcome: .incompatible, lines: lines)
    }

    /// An error message that starts with the file and, where known, the line and column.
    private static func describe(_ error: AvroError, in source: SchemaSource) -> String {
        switch error {
        case let .invalidJSON(message, line, column):
            return "\(source.name):\(line):\(column): invalid JSON: \(message)"
        case let .invalidSchema(path, message):
            let shownPath = path.isEmpty ? "/" : path
            guard let location = AvroSchema.location(of: path, in: source.text) else {
                return "\(source.name): \(shownPath): invalid schema: \(message)"
            }
            return "\(source.name):\(location.line):\(location.column): \(shownPath): invalid schema: \(message)"
        default:
            return "\(source.name): \(error)"
        }
    }

    /// Reads a file on a dispatch queue so that the blocking read stays off the concurrency pool.
    private static func readFile(_ path: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                do {
                    var isFolder: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                        throw CocoaError(.fileReadNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no such file"])
                    }
                    guard !isFolder.boolValue else {
                        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "it is a folder, not a schema file"])
                    }
                    let data = try Data(contentsOf: URL(fileURLWithPath: path))
                    guard let text = String(data: data, encoding: .utf8) else {
                        throw CocoaError(.fileReadInapplicableStringEncoding, userInfo: [NSLocalizedDescriptionKey: "the file is not UTF-8 text"])
                    }
                    continuation.resume(returning: text)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
