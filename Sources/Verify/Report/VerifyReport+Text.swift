import Foundation

extension VerifyReport {
    /// A plain-text summary table: one row per lesson with its status, counts and why, then the totals.
    public var summaryTable: String {
        let header = ["lesson", "broker", "status", "sent", "acked", "read", "faults", "time", "summary"]
        var rows: [[String]] = [header]
        for lesson in lessons {
            let runs = lesson.kind == .run && lesson.status != .pending
            rows.append([
                (lesson.number < 10 ? "0" : "") + "\(lesson.number) \(lesson.id)",
                lesson.broker.map { [$0.name, $0.version].compactMap { $0 }.joined(separator: " ") } ?? "-",
                lesson.status.rawValue,
                runs ? String(lesson.counters.sent) : "-",
                runs ? String(lesson.counters.acked) : "-",
                runs ? String(lesson.counters.read) : "-",
                runs ? String(lesson.counters.faultsFired) : "-",
                Markup.number(lesson.seconds) + "s",
                lesson.summary,
            ])
        }
        let widths = (0..<header.count - 1).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            (0..<row.count).map { column in
                column < widths.count ? row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0) : row[column]
            }.joined(separator: "  ")
        }
        let counts = self.counts
        let totals = LessonResult.Status.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
        var brokers: [BrokerProfile] = []
        for broker in lessons.compactMap(\.broker) where !brokers.contains(where: { $0.name == broker.name && $0.version == broker.version }) {
            brokers.append(broker)
        }
        for broker in brokers {
            lines.append("")
            lines.append("\([broker.name, broker.version].compactMap { $0 }.joined(separator: " ")) cannot prove:")
            lines += broker.cannotProve.map { "  - " + $0 }
        }
        lines.append("")
        lines.append("\(lessons.count) lessons in \(Markup.number(seconds))s: " + totals.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
