/// A provider-neutral token estimate: about four characters per token for English and code.
enum TokenEstimate {
    static func tokens(in text: String) -> Int {
        (text.utf8.count + 3) / 4
    }
}
