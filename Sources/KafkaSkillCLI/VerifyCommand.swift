import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import Verify

extension KafkaSkill {
    /// `kafka-skill verify`: prove lessons by running their examples under faults and checking the history.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove lessons by running their examples against a cluster under faults and checking what happened.",
            discussion: """
                For each lesson, verify builds the examples its spec names (cached in .build-verify/), starts an \
                broker (--broker: the embedded cluster by default, a private noida-db, or the cluster at --bootstrap), runs the examples as processes with their environment, injects \
                the plan's faults, records every send, poll and commit from the services' event output, stops \
                everything, reads every partition from the beginning, and checks for lost writes, duplicates, order \
                violations, aborted reads, commits ahead of processing and lag that does not drain.

                A claim the embedded cluster cannot prove (read_committed isolation, transactional exactly-once) is \
                reported as needing a real cluster, never as passed. --broker noida starts a private noida-db per lesson \
                (installed into .build-tools/venv by scripts/install-deps.sh) on a free loopback port with its own data \
                folder, which writes transaction markers, stores offsets sent in a transaction and fences zombies; it is \
                one node, so faults that need the embedded cluster's fault API run as their portable replacements. The \
                report names the broker and its version for every lesson, with what it can and cannot prove. A lesson whose examples do not exist yet is \
                pending. A concept lesson is proved by spec checks against skills/kafka-events.

                Exit status: 0 when every lesson passed or needs a real cluster, 1 when one failed or is pending \
                (unless --allow-pending), 2 when verify could not run, 130 after Ctrl-C.
                """
        )

        @Option(name: .customLong("lesson"), help: ArgumentHelp("A lesson to verify (repeatable).", valueName: "N"))
        var lessons: [Int] = []

        @Flag(help: "Verify every lesson.")
        var all = false

        @Option(help: ArgumentHelp(
            "The broker: embedded (librdkafka's mock cluster), noida (a private noida-db), or bootstrap (the cluster at --bootstrap).",
            valueName: "embedded|noida|bootstrap"))
        var broker: String?

        @Option(help: ArgumentHelp("A Kafka cluster to use instead of an embedded one (implies --broker bootstrap).", valueName: "servers"))
        var bootstrap: String?

        @Option(help: ArgumentHelp(
            "A schema registry for lessons with Avro examples, instead of one started per lesson on its cluster.", valueName: "url"))
        var registry: String?

        @Option(help: ArgumentHelp("A folder for report.json, junit.xml and the HTML report.", valueName: "dir"))
        var report: String?

        @Option(help: ArgumentHelp("The project folder holding lessons/, examples/ and specs/.", valueName: "dir"))
        var project = "."

        @Flag(help: "Exit 0 even when a lesson is pending because its examples do not exist yet.")
        var allowPending = false

        @Option(help: "Records each producer sends.")
        var produceCount = 2000

        @Option(help: "Records per second the input is produced at.")
        var rate = 400

        @Option(help: "How many lessons to run at once (each with its own cluster).")
        var jobs = 3

        func validate() throws {
            if all == !lessons.isEmpty {
                throw ValidationError("Name lessons with --lesson N (repeatable) or use --all, not both or neither.")
            }
            if let invalid = lessons.first(where: { $0 < 1 }) {
                throw ValidationError("--lesson \(invalid): lesson numbers start at 1.")
            }
            guard produceCount > 0, rate >= 0, jobs >= 1 else {
                throw ValidationError("--produce-count and --jobs must be at least 1, and --rate 0 or more.")
            }
            _ = try brokerChoice()
            if let registry, URL(string: registry)?.scheme?.hasPrefix("http") != true {
                throw ValidationError("--registry \(registry): give the registry's base URL, e.g. http://127.0.0.1:8081.")
            }
            guard FileManager.default.fileExists(atPath: URL(fileURLWithPath: project).appendingPathComponent("lessons").path) else {
                throw ValidationError("\(project) has no lessons/ folder; run from the project root or pass --project.")
            }
        }

        func run() async throws {
            let root = URL(fileURLWithPath: project).standardizedFileURL
            var options = VerifyOptions(projectRoot: root)
            options.lessons = lessons
            options.broker = try brokerChoice()
            options.registryURL = registry.flatMap(URL.init(string:))
            options.reportDirectory = report.map { URL(fileURLWithPath: $0).standardizedFileURL }
            options.produceCount = produceCount
            options.messagesPerSecond = rate
            options.jobs = jobs
            let (progress, continuation) = AsyncStream<VerifyProgress>.makeStream()
            let runner = VerifyRunner(options: options)
            let work = Task { try await runner.run(progress: continuation) }
            let interrupt = Interrupt { work.cancel() }
            let live = isatty(STDOUT_FILENO) != 0
            var board = ProgressBoard()
            var lineOpen = false
            for await event in progress {
                switch board.apply(event) {
                case .live(let text) where live:
                    write("\r\u{1B}[K" + (jobs == 1 ? text : board.compactLine))
                    lineOpen = true
                case .permanent(let text):
                    write((lineOpen ? "\r\u{1B}[K" : "") + text + "\n")
                    lineOpen = false
                default:
                    break
                }
            }
            if lineOpen { write("\n") }
            let outcome = await work.result
            interrupt.cancel()
            switch outcome {
            case .success(let result):
                write("\n" + result.summaryTable + "\n")
                if let report { write("Reports: \(report)/index.html, report.json, junit.xml\n") }
                if result.hasFailures { throw ExitCode(1) }
                let pending = result.pendingLessons
                if !pending.isEmpty && !allowPending {
                    let numbers = pending.map(String.init).joined(separator: ", ")
                    FileHandle.standardError.write(Data("error: lesson(s) \(numbers) pending: their examples do not exist, so nothing was proved; pass --allow-pending to accept that\n".utf8))
                    throw ExitCode(1)
                }
            case .failure(let error) where error is CancellationError:
                write("verify interrupted; every process it started has been stopped\n")
                throw ExitCode(130)
            case .failure(let error):
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(2)
            }
        }

        /// `--broker` and `--bootstrap` together.
        private func brokerChoice() throws -> BrokerChoice {
            switch (broker, bootstrap) {
            case (nil, nil), ("embedded", nil): return .embedded
            case ("noida", nil): return .noida
            case (nil, let servers?), ("bootstrap", let servers?):
                guard !servers.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ValidationError("--bootstrap needs host:port[,host:port...], e.g. 127.0.0.1:9092.")
                }
                return .bootstrap(servers)
            case ("bootstrap", nil):
                throw ValidationError("--broker bootstrap needs --bootstrap host:port[,host:port...].")
            case (let name?, _) where !["embedded", "noida", "bootstrap"].contains(name):
                throw ValidationError("--broker \(name): choose embedded, noida or bootstrap.")
            default:
                throw ValidationError("--bootstrap goes with --broker bootstrap, not --broker \(broker ?? "").")
            }
        }

        private func write(_ text: String) {
            FileHandle.standardOutput.write(Data(text.utf8))
        }

        /// Turns the first SIGINT or SIGTERM into cancelling the run, whose cleanup stops every process.
        private final class Interrupt: Sendable {
            private let sources: Mutex<[any DispatchSourceSignal]>

            init(_ handler: @escaping @Sendable () -> Void) {
                let sources: [any DispatchSourceSignal] = [SIGINT, SIGTERM].map { number in
                    signal(number, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                    source.setEventHandler(handler: handler)
                    source.resume()
                    return source
                }
                self.sources = Mutex(sources)
            }

            func cancel() {
                sources.withLock { sources in
                    for source in sources { source.cancel() }
                }
            }
        }
    }
}
