import CRdKafka
import Foundation

/// The configuration properties the linked librdkafka knows, read from librdkafka itself.
///
/// The list comes from `rd_kafka_conf_properties_show`, which prints librdkafka's own property table
/// (global and topic properties, aliases included), so it always matches the library the project links
/// (Debian's 2.0.2) and is never typed by hand. Java-only settings such as `max.poll.records` are not in it.
package enum LibrdkafkaCatalog {
    /// One property of the table.
    package struct Property: Sendable, Hashable {
        /// The property name.
        package var name: String
        /// `C` (consumer), `P` (producer) or `*` (both), as the table says.
        package var scope: String
    }

    /// Every property, by name.
    package static let properties: [String: Property] = {
        var found: [String: Property] = [:]
        for line in table().split(separator: "\n") {
            let columns = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard columns.count >= 3, ["*", "C", "P"].contains(columns[1]),
                  columns[0].wholeMatch(of: /[a-z0-9][a-z0-9._]*/) != nil
            else { continue }
            found[columns[0]] = Property(name: columns[0], scope: columns[1])
        }
        return found
    }()

    /// Whether librdkafka knows the property.
    package static func knows(_ name: String) -> Bool { properties[name] != nil }

    /// The known property closest to `name` by edit distance, ties broken by name.
    package static func nearest(to name: String) -> String? {
        var best: (distance: Int, name: String)?
        for candidate in properties.keys {
            let distance = editDistance(Array(name.utf8), Array(candidate.utf8))
            if best == nil || (distance, candidate) < (best!.distance, best!.name) {
                best = (distance, candidate)
            }
        }
        return best?.name
    }

    /// librdkafka's property table as text.
    private static func table() -> String {
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        guard let stream = open_memstream(&buffer, &size) else { return "" }
        rd_kafka_conf_properties_show(stream)
        fclose(stream)
        guard let buffer else { return "" }
        defer { free(buffer) }
        return String(cString: buffer)
    }

    /// Levenshtein distance over bytes; property names are ASCII.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
