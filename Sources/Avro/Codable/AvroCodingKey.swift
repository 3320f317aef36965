/// A coding key for array positions and for dictionary keys the encoder or decoder makes up.
struct AvroCodingKey: CodingKey {
    private let text: String?
    let intValue: Int?

    /// The key's text; for a position it is made only when asked for, since most paths are never printed.
    var stringValue: String {
        text ?? intValue.map { String($0) } ?? ""
    }

    init(stringValue: String) {
        self.text = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.text = nil
        self.intValue = intValue
    }

    /// A coding path written for people: `user.emails[2]`.
    static func describe(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue, key is AvroCodingKey {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }
}
