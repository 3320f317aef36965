/// The HTML report: an index of lessons and one self-contained page per lesson with its checks, anomalies,
/// faults, and charts of throughput and consumer lag over time with the faults marked.
enum HTMLReport {
    static func fileName(_ lesson: LessonResult) -> String {
        "lesson-\(lesson.number < 10 ? "0" : "")\(lesson.number).html"
    }

    static func index(_ report: VerifyReport) -> String {
        let rows = report.lessons.map { lesson in
            "<tr><td><a href=\"\(fileName(lesson))\">\(lesson.number)</a></td><td>\(Markup.escape(lesson.title))</td>"
                + "<td>\(Markup.escape(lesson.broker.map { [$0.name, $0.version].compactMap { $0 }.joined(separator: " ") } ?? "-"))</td>"
                + "<td>\(badge(lesson.status.rawValue))</td><td>\(Markup.number(lesson.seconds))s</td><td>\(Markup.escape(lesson.summary))</td></tr>"
        }
        let counts = report.counts
        let totals = LessonResult.Status.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
        let body = """
            <h1>kafka-skill verify</h1>
            <p>Cluster: \(Markup.escape(report.cluster)). \(report.lessons.count) lessons in \(Markup.number(report.seconds))s: \
            \(Markup.escape(totals.joined(separator: ", "))).</p>
            <table><thead><tr><th>#</th><th>Lesson</th><th>Broker</th><th>Status</th><th>Time</th><th>Summary</th></tr></thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody></table>
            """
        return page(title: "kafka-skill verify", body: body)
    }

    static func lesson(_ lesson: LessonResult) -> String {
        var sections: [String] = []
        sections.append("<p><a href=\"index.html\">All lessons</a></p>")
        sections.append("<h1>Lesson \(lesson.number): \(Markup.escape(lesson.title)) \(badge(lesson.status.rawValue))</h1>")
        sections.append("<p>\(Markup.escape(lesson.summary))</p>")
        if !lesson.waitsFor.isEmpty {
            sections.append("<h2>Waiting for</h2><ul>" + lesson.waitsFor.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>")
        }
        if lesson.kind == .run, lesson.status != .pending {
            let counters = lesson.counters
            sections.append(
                "<p>Cluster: \(lesson.cluster?.rawValue ?? "none"). Sent \(counters.sent), acknowledged \(counters.acked), "
                    + "processed \(counters.read) (planned \(counters.planned)); \(counters.faultsFired) fault steps fired. "
                    + "Scenarios: \(Markup.escape(lesson.scenarios.isEmpty ? "none" : lesson.scenarios.joined(separator: ", "))).</p>")
            sections.append(charts(lesson.timeline))
        }
        if let broker = lesson.broker {
            sections.append("<h2>Broker: \(Markup.escape(broker.title))</h2>"
                + "<p>Can prove:</p><ul>" + broker.proves.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>"
                + "<p>Cannot prove:</p><ul>" + broker.cannotProve.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>"
                + (broker.logPath.map { "<p>Broker output: <code>\(Markup.escape($0))</code></p>" } ?? ""))
        }
        if !lesson.outcomes.isEmpty {
            let rows = lesson.outcomes.map { outcome in
                "<tr><td>\(Markup.escape(outcome.name))</td><td>\(badge(outcome.status.rawValue))</td><td>\(Markup.escape(outcome.detail))</td></tr>"
            }
            sections.append("<h2>Checks</h2><table><thead><tr><th>Check</th><th>Status</th><th>Detail</th></tr></thead><tbody>"
                + rows.joined(separator: "\n") + "</tbody></table>")
        }
        for outcome in lesson.outcomes where !outcome.anomalies.isEmpty {
            sections.append("<h2>Anomalies: \(Markup.escape(outcome.name))</h2>" + anomalyList(outcome.anomalies))
        }
        if !lesson.observations.isEmpty {
            sections.append("<h2>Acceptable under this lesson's claims</h2>" + anomalyList(lesson.observations))
        }
        if !lesson.diagnostics.isEmpty {
            sections.append("<h2>Event output problems</h2><ul>"
                + lesson.diagnostics.map { "<li><code>\(Markup.escape($0.description))</code></li>" }.joined() + "</ul>")
        }
        if !lesson.marks.isEmpty {
            let start = lesson.timeline.startedAt
            let rows = lesson.marks.map { mark in
                "<tr><td>\(Markup.number(Double(mark.timestamp - start) / 1000))s</td><td>\(mark.kind.rawValue)</td>"
                    + "<td>\(Markup.escape(mark.subject))</td><td>\(Markup.escape(mark.detail))</td></tr>"
            }
            sections.append("<h2>Faults and processes</h2><table><thead><tr><th>Time</th><th>Kind</th><th>Subject</th><th>What</th></tr></thead><tbody>"
                + rows.joined(separator: "\n") + "</tbody></table>")
        }
        if !lesson.notes.isEmpty {
            sections.append("<h2>Notes</h2><ul>" + lesson.notes.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>")
        }
        if let artifacts = lesson.artifacts {
            sections.append("<p>Event files and process logs: <code>\(Markup.escape(artifacts))</code></p>")
        }
        return page(title: "Lesson \(lesson.number): \(lesson.title)", body: sections.joined(separator: "\n"))
    }

    private static func charts(_ timeline: Timeline) -> String {
        guard !timeline.throughput.isEmpty || !timeline.lag.isEmpty else { return "<p>No events were recorded, so there is nothing to chart.</p>" }
        let throughput = SVGChart(
            title: "Throughput", unit: "records/s", duration: timeline.duration,
            series: [
                SVGChart.Series(name: "acknowledged/s", color: "#1f77b4", points: timeline.throughput.map { ($0.seconds, $0.ackedPerSecond) }),
                SVGChart.Series(name: "processed/s", color: "#2ca02c", points: timeline.throughput.map { ($0.seconds, $0.readPerSecond) }),
            ],
            markers: timeline.markers)
        let lag = SVGChart(
            title: "Consumer lag", unit: "records", duration: timeline.duration,
            series: [SVGChart.Series(name: "total lag", color: "#d62728", points: timeline.lag.map { ($0.seconds, Double($0.lag)) })],
            markers: timeline.markers)
        let legend = timeline.markers.enumerated().map { number, marker in
            "<li value=\"\(number + 1)\" class=\"marker-\(marker.kind.rawValue)\">\(Markup.number(marker.seconds))s \(Markup.escape(marker.label))</li>"
        }
        return throughput.render() + "\n" + lag.render() + (legend.isEmpty ? "" : "\n<ol class=\"markers\">" + legend.joined() + "</ol>")
    }

    private static func anomalyList(_ anomalies: [Anomaly]) -> String {
        let shown = anomalies.prefix(32).map { anomaly in
            "<li><strong>\(anomaly.kind.rawValue)</strong>: \(Markup.escape(anomaly.summary))<ul>"
                + anomaly.records.map { "<li><code>\(Markup.escape($0.description))</code></li>" }.joined() + "</ul></li>"
        }
        let more = anomalies.count > 32 ? "<li>… and \(anomalies.count - 32) more (all are in report.json)</li>" : ""
        return "<ol>" + shown.joined(separator: "\n") + more + "</ol>"
    }

    private static func badge(_ status: String) -> String {
        "<span class=\"badge \(status)\">\(status)</span>"
    }

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(Markup.escape(title))</title>
        <style>
        body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 980px; color: #222; padding: 0 1em; }
        table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; }
        th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
        code { font-size: 12px; }
        .badge { border-radius: 3px; padding: 1px 6px; font-size: 12px; color: #fff; background: #777; white-space: nowrap; }
        .badge.passed { background: #2e7d32; } .badge.failed { background: #c62828; }
        .badge.pending { background: #757575; } .badge.needs-real-cluster { background: #ef6c00; }
        .chart { width: 100%; height: auto; margin: 0.5em 0; }
        .marker-fault { color: #c62828; } .marker-faultSkipped { color: #757575; }
        .marker-processStarted, .marker-processExited { color: #1565c0; } .marker-inputFinished { color: #2e7d32; }
        ol.markers { font-size: 12px; color: #444; }
        </style></head><body>
        \(body)
        </body></html>

        """
    }
}
