public import Foundation
import KafkaSkillModel

/// Writes a verify report into a folder: `report.json`, `junit.xml`, `index.html` and one
/// `lesson-NN.html` per lesson, each written atomically.
public enum ReportWriter {
    /// Writes every report file.
    /// - Parameters:
    ///   - report: The report.
    ///   - directory: The folder, created if missing.
    /// - Throws: ``VerifyError/io(path:operation:reason:)``.
    public static func write(_ report: VerifyReport, to directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json: Data
        do {
            json = try encoder.encode(report)
        } catch {
            throw VerifyError.io(path: directory.appendingPathComponent("report.json").path, operation: "encode the report", reason: "\(error)")
        }
        do {
            try AtomicFile.write(json, to: directory.appendingPathComponent("report.json"))
            try AtomicFile.write(report.junitXML, to: directory.appendingPathComponent("junit.xml"))
            try AtomicFile.write(HTMLReport.index(report), to: directory.appendingPathComponent("index.html"))
            for lesson in report.lessons {
                try AtomicFile.write(HTMLReport.lesson(lesson), to: directory.appendingPathComponent(HTMLReport.fileName(lesson)))
            }
        } catch {
            throw VerifyError.io(path: error.path, operation: "\(error.operation) it", reason: error.reason)
        }
    }
}
