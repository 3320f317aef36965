import Foundation
import EmbeddedKafka
import Kafka
import KafkaServiceRuntime
import Logging

// A stand-in for a generated service: a producer or a consumer that writes the service-event log with the
// service runtime, as generated services do,
// with deliberate bugs selectable by FIXTURE_BUG.
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .warning
    return handler
}
let logger = Logger(label: "fixture-service")
do {
    let environment = try FixtureEnvironment()
    let destination: EventLog.Destination = switch environment.events {
    case nil, ""?: .disabled
    case "stdout"?: .standardOutput
    case let path?: .file(path: path)
    }
    let events = try EventLog(destination: destination, service: environment.service, logger: logger)
    let shutdown = ShutdownSignal()
    switch environment.role {
    case .producer:
        try await ProducerRole.run(environment, events: events, shutdown: shutdown, logger: logger)
    case .consumer:
        try await ConsumerRole.run(environment, events: events, shutdown: shutdown, logger: logger)
    }
} catch {
    FileHandle.standardError.write(Data("fixture-service: \(error)\n".utf8))
    exit(1)
}
