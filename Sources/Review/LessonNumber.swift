/// Lesson numbers as they appear in file names (`07-consumer-groups.yaml`).
enum LessonNumber {
    /// The number with at least two digits, as lesson files are named.
    static func padded(_ number: Int) -> String {
        number >= 0 && number < 10 ? "0\(number)" : "\(number)"
    }
}
