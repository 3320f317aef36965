import Foundation
import Logging

/// Reads the settings, logs to standard error, and runs the service until it finishes or is asked to stop.
///
/// Exit status: 0 after a clean stop, 64 for unusable settings, 1 when the service failed.
@main
enum Entrypoint {
    static func main() async {
        let settings: ServiceSettings
        do {
            settings = try ServiceSettings(environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("\(ServiceSettings.serviceName): \(error)\n".utf8))
            exit(64)
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = settings.logLevel
            return handler
        }
        let logger = Logger(label: ServiceSettings.serviceName)
        do {
            let events = try EventLog(destination: settings.events, service: ServiceSettings.serviceName, logger: logger)
            try await Application(settings: settings, logger: logger, events: events).run()
        } catch {
            logger.critical("stopped: \(error)")
            exit(1)
        }
    }
}
