import KafkaSkillModel
import Foundation
import Testing
import Verify
import KafkaServiceRuntime

@Suite("service-event lines: writing, reading as they grow, and malformed lines")
struct EventLogTests {
    static let everyKind: [ServiceEvent.Kind] = [
        .startupComplete(role: .consumer, topics: ["orders", "refunds"], outputTopics: [], group: "workers"),
        .producerSend(topic: "orders", key: "key-1", value: "1"),
        .producerSendSuccess(topic: "orders", key: nil, value: "2", partition: 3, offset: 17),
        .producerSendError(topic: "orders", key: "k", value: "3", code: "_MSG_TIMED_OUT", message: "a \"quoted\"\nline", indefinite: true),
        .partitionsAssigned([ServiceEvent.Partition(topic: "orders", partition: 0)]),
        .partitionsRevoked([ServiceEvent.Partition(topic: "orders", partition: 1)]),
        .partitionsLost([]),
        .recordData(topic: "orders", partition: 0, offset: 5, key: "k", value: "é✓"),
        .offsetsCommitted(offsets: [ServiceEvent.Offset(topic: "orders", partition: 0, offset: 6)], success: false, error: "REQUEST_TIMED_OUT"),
        .transactionBegin(transaction: 4),
        .transactionCommit(transaction: 4, success: true),
        .transactionAbort(transaction: 5, reason: "injected"),
        .deadLetter(topic: "orders.dlq", key: "k", value: "9", sourceTopic: "orders", sourcePartition: 2, sourceOffset: 40, error: "poison"),
        .toolData(sent: 10, acked: 9, consumed: 8),
        .shutdownComplete,
    ]

    @Test("every event kind written by EventLogWriter reads back identically, with its line number")
    func roundTrip() throws {
        let folder = try SimulatedServices.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("service.jsonl").path
        let writer = try EventLogWriter(path: path, service: "svc")
        for (index, kind) in Self.everyKind.enumerated() { writer.emit(kind, timestamp: 1_000 + Int64(index)) }
        writer.close()
        let (events, diagnostics) = EventLogReader.readFile(path, instance: "svc#1")
        #expect(diagnostics.isEmpty)
        #expect(events.map(\.event.kind) == Self.everyKind)
        #expect(events.map(\.location.line) == Array(1...Self.everyKind.count))
        #expect(events.allSatisfy { $0.event.service == "svc" && $0.instance == "svc#1" })
        #expect(events.map(\.event.name) == ServiceEvent.names)
    }

    @Test("lines are read as they are completed; a half-written line waits for its newline")
    func incremental() throws {
        let folder = try SimulatedServices.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("grow.jsonl").path
        var reader = EventLogReader(path: path, instance: "p#1")
        #expect(reader.readAvailable().isEmpty)
        let line = #"{"name":"producer_send","timestamp":5,"service":"p","topic":"t","key":null,"value":"1"}"#
        let handle = try #require({ () -> FileHandle? in
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }())
        handle.write(Data((line + "\n" + line.prefix(30)).utf8))
        #expect(reader.readAvailable().count == 1)
        #expect(reader.readAvailable().isEmpty)
        handle.write(Data((line.dropFirst(30) + "\n").utf8))
        let second = reader.readAvailable()
        #expect(second.map(\.location.line) == [2])
        handle.write(Data(line.prefix(12).utf8))
        try handle.close()
        #expect(reader.finish().isEmpty)
        #expect(reader.diagnostics.count == 1)
        #expect(reader.diagnostics.first?.severity == .warning)
        #expect(reader.diagnostics.first?.location.line == 3)
    }

    @Test("malformed lines are reported with file and line and what the field should be; good lines still count")
    func malformedLines() throws {
        let folder = try SimulatedServices.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.jsonl").path
        let lines = [
            #"{"name":"record_data","timestamp":1,"service":"c","topic":"t","partition":0,"offset":1,"key":"k","value":"1"}"#,
            #"not json"#,
            #"{"name":"record_data","timestamp":1,"service":"c","topic":"t","partition":"0","offset":1,"value":"1"}"#,
            #"{"name":"producer_send_success","timestamp":1,"service":"p","topic":"t","value":"1","partition":0}"#,
            #"{"name":"record_read","timestamp":1,"service":"c"}"#,
            #"[1,2]"#,
            "",
            #"{"name":"offsets_committed","timestamp":1,"service":"c","offsets":[{"topic":"t","partition":0}],"success":true}"#,
            #"{"name":"startup_complete","timestamp":1.5,"service":"c","role":"consumer"}"#,
            #"{"name":"startup_complete","timestamp":1,"service":"c","role":"broker"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let (events, diagnostics) = EventLogReader.readFile(path, instance: "c#1")
        #expect(events.count == 1)
        let byLine = Dictionary(uniqueKeysWithValues: diagnostics.map { ($0.location.line, $0.problem) })
        #expect(diagnostics.allSatisfy { $0.severity == .error && $0.location.file == path })
        #expect(byLine[2] == "not valid JSON")
        #expect(byLine[3] == "field 'partition' must be a whole number, not text")
        #expect(byLine[4] == "missing field 'offset' (a whole number)")
        #expect(byLine[5]?.hasPrefix("unknown event name 'record_read'; the service-event protocol defines startup_complete") == true)
        #expect(byLine[6] == "the line is JSON but not an object")
        #expect(byLine[7] == nil)
        #expect(byLine[8] == "missing field 'offset' (a whole number)")
        #expect(byLine[9] == "field 'timestamp' must be a whole number, not a number")
        #expect(byLine[10] == "field 'role' is 'broker'; use producer, consumer or processor")
        let error = VerifyError.malformedEvent(diagnostics[0].location, problem: diagnostics[0].problem)
        #expect(error.description == "\(path):2: not valid JSON; each line must be one JSON object as the service-event protocol (ServiceEvent) describes")
    }
}
