import Verify

/// Turns progress events into the lines a terminal shows: a live line per running lesson (phase, sent,
/// acknowledged, read, faults fired) and a closing line per finished lesson.
struct ProgressBoard: Sendable {
    /// What to show after an event.
    enum Update: Sendable, Hashable {
        /// Redraw the live line of a lesson.
        case live(String)
        /// Print a line that stays (a fault fired, a lesson finished).
        case permanent(String)
        /// Nothing changed on screen.
        case none
    }

    private var titles: [Int: String] = [:]
    private var phases: [Int: LessonPhase] = [:]
    private var counters: [Int: ProgressCounters] = [:]

    /// Creates an empty board.
    init() {}

    /// Applies an event.
    /// - Returns: What to show.
    mutating func apply(_ event: VerifyProgress) -> Update {
        switch event {
        case .lessonStarted(let number, let title):
            titles[number] = title
            return .live(line(number))
        case .phase(let number, let phase):
            phases[number] = phase
            return .live(line(number))
        case .counters(let number, let values):
            counters[number] = values
            return .live(line(number))
        case .fault(let number, let text):
            return .permanent("  lesson \(Self.pad(number)) fault: \(text)")
        case .lessonFinished(let result):
            titles[result.number] = nil
            let mark: String
            switch result.status {
            case .passed: mark = "PASS"
            case .failed: mark = "FAIL"
            case .pending: mark = "PEND"
            case .needsRealCluster: mark = "PART"
            }
            return .permanent("\(mark) lesson \(Self.pad(result.number)) \(result.title) (\(Markup.number(result.seconds))s): \(result.summary)")
        }
    }

    /// The live line of a lesson.
    func line(_ number: Int) -> String {
        var text = "lesson \(Self.pad(number)) \(titles[number] ?? "")  \(phases[number]?.rawValue ?? "starting")"
        if let values = counters[number] {
            text += "  sent \(values.sent) acked \(values.acked)/\(values.planned) read \(values.read)  faults \(values.faultsFired)"
        }
        return text
    }

    /// One line for every running lesson at once, for runs with several lessons in parallel, e.g.
    /// `08 running 300/600 read 280 f1 · 09 building`.
    var compactLine: String {
        titles.keys.sorted().map { number in
            var text = "\(Self.pad(number)) \(phases[number]?.rawValue ?? "starting")"
            if let values = counters[number] {
                text += " \(values.acked)/\(values.planned) read \(values.read) f\(values.faultsFired)"
            }
            return text
        }.joined(separator: " · ")
    }

    private static func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
}
