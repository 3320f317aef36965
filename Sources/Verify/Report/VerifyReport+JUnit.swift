extension VerifyReport {
    /// The report as JUnit XML for CI: a test suite per lesson, a test case per check. Failed checks are
    /// failures with their anomalies; needs-real-cluster checks and pending lessons are skipped with the reason.
    public var junitXML: String {
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, skipped: 0)
        for lesson in lessons {
            let name = "lesson-\(lesson.number < 10 ? "0" : "")\(lesson.number)"
            var cases: [String] = []
            var counts = (tests: 0, failures: 0, skipped: 0)
            if lesson.status == .pending {
                counts = (1, 0, 1)
                cases.append(
                    "    <testcase classname=\"\(name)\" name=\"pending\" time=\"0\">\n"
                        + "      <skipped message=\"\(Markup.escape(lesson.summary))\"/>\n    </testcase>")
            }
            for outcome in lesson.outcomes {
                counts.tests += 1
                var body = ""
                switch outcome.status {
                case .passed:
                    break
                case .failed:
                    counts.failures += 1
                    let evidence = outcome.anomalies.prefix(20).map { anomaly in
                        ([anomaly.description] + anomaly.records.map { "  \($0)" }).joined(separator: "\n")
                    }
                    let more = outcome.anomalies.count > 20 ? ["… and \(outcome.anomalies.count - 20) more"] : []
                    body = "\n      <failure message=\"\(Markup.escape(outcome.detail))\" type=\"\(outcome.name)\">"
                        + Markup.escape((evidence + more).joined(separator: "\n")) + "</failure>\n    "
                case .needsRealCluster:
                    counts.skipped += 1
                    body = "\n      <skipped message=\"\(Markup.escape(outcome.detail))\"/>\n    "
                }
                cases.append("    <testcase classname=\"\(name)\" name=\"\(Markup.escape(outcome.name))\" time=\"0\">\(body)</testcase>")
            }
            var output = lesson.notes
            output += lesson.observations.prefix(50).map { "acceptable \($0)" }
            output += lesson.diagnostics.map(\.description)
            let systemOut = output.isEmpty ? "" : "\n    <system-out>\(Markup.escape(output.joined(separator: "\n")))</system-out>"
            suites.append(
                "  <testsuite name=\"\(name) \(Markup.escape(lesson.title))\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" "
                    + "errors=\"0\" skipped=\"\(counts.skipped)\" time=\"\(Markup.number(lesson.seconds))\">\n"
                    + cases.joined(separator: "\n") + systemOut + "\n  </testsuite>")
            totals.tests += counts.tests
            totals.failures += counts.failures
            totals.skipped += counts.skipped
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"kafka-skill verify\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"0\" "
            + "skipped=\"\(totals.skipped)\" time=\"\(Markup.number(seconds))\">\n"
            + suites.joined(separator: "\n") + "\n</testsuites>\n"
    }
}
