import Foundation
public import Logging

/// A service's `main`: reads its settings, logs to standard error, opens its event log, and runs it until
/// it finishes or is asked to stop.
///
/// Exit status: 0 after a clean stop, 64 for unusable settings, 1 when the service failed.
public enum ServiceMain {
    /// Runs a service.
    /// - Parameters:
    ///   - name: The service's name.
    ///   - logLevel: The default of `LOG_LEVEL`.
    ///   - settings: Reads the service's own settings.
    ///   - run: Runs the service.
    public static func run<Settings: Sendable>(
        name: String, logLevel: Logger.Level = .info,
        settings: @Sendable (EnvironmentReader) throws -> Settings,
        run: @Sendable (Settings, ServiceContext) async throws -> Void
    ) async -> Never {
        let reader = EnvironmentReader(environment: ProcessInfo.processInfo.environment)
        let environment: ServiceEnvironment
        let serviceSettings: Settings
        do {
            environment = try ServiceEnvironment(reading: reader, logLevel: logLevel)
            serviceSettings = try settings(reader)
        } catch {
            FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
            exit(64)
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = environment.logLevel
            return handler
        }
        let logger = Logger(label: name)
        do {
            let events = try EventLog(destination: environment.events, service: name, logger: logger)
            try await run(serviceSettings, ServiceContext(name: name, environment: environment, logger: logger, events: events))
        } catch {
            logger.critical("stopped: \(error)")
            exit(1)
        }
        exit(0)
    }
}
