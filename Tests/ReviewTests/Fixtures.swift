import Foundation
import Testing

/// The fixture folder copied into the test bundle.
enum Fixtures {
    static func directory() throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    }

    static func lessons() throws -> URL {
        try directory().appendingPathComponent("lessons")
    }
}
