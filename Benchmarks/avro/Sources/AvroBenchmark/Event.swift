/// The benchmark record as a Swift type, for the Codable encoder and decoder.
struct Event: Codable, Equatable {
    enum Level: String, Codable {
        case debug = "DEBUG", info = "INFO", warn = "WARN", error = "ERROR"
    }

    var id: Int32
    var sequence: Int64
    var name: String
    var score: Double
    var active: Bool
    var level: Level
    var tags: [String]
    var attributes: [String: String]
    var note: String?
    var createdAt: Int64
}
