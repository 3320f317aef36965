import CRdKafka
import Dispatch
package import Logging
import Synchronization

/// Owns one `rd_kafka_t` and the context its C callbacks reach; the only place a client handle is created
/// and destroyed.
///
/// `@unchecked Sendable`: librdkafka handles are thread-safe for the calls made through this type, and the
/// handle pointer itself never changes after `init`.
package final class RDKafkaHandle: @unchecked Sendable {
    /// The kind of client.
    package enum Kind {
        case producer, consumer
    }

    package let pointer: OpaquePointer
    let context: RDKafkaContext
    private let contextReference: Unmanaged<RDKafkaContext>

    /// Creates a client from a validated configuration.
    /// - Parameters:
    ///   - kind: Producer or consumer.
    ///   - config: The configuration; properties were validated when they were set.
    ///   - events: The event types to deliver on the main queue (`RD_KAFKA_EVENT_*`), or 0 for none.
    ///   - context: What the C callbacks need (logger, rebalance bridge).
    ///   - configure: Extra C-level set-up on the `rd_kafka_conf_t` before the handle is created.
    package init(
        kind: Kind,
        config: KafkaConfig,
        events: Int32,
        context: RDKafkaContext,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(code: .fatal, message: "librdkafka could not allocate a configuration object")
        }
        var reason = [CChar](repeating: 0, count: 512)
        for (key, value) in config.properties.sorted(by: { $0.key < $1.key }) {
            if rd_kafka_conf_set(conf, key, value, &reason, reason.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw KafkaError.invalidConfiguration(
                    property: key, value: value, reason: String(cChars: reason))
            }
        }
        let reference = Unmanaged.passRetained(context)
        rd_kafka_conf_set_opaque(conf, reference.toOpaque())
        rd_kafka_conf_set_log_cb(conf, rdKafkaLogCallback)
        if events != 0 { rd_kafka_conf_set_events(conf, events) }
        configure(conf)
        let type = kind == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER
        // rd_kafka_new takes ownership of the configuration only when it succeeds.
        guard let handle = rd_kafka_new(type, conf, &reason, reason.count) else {
            rd_kafka_conf_destroy(conf)
            reference.release()
            let text = String(cChars: reason)
            throw KafkaError(code: .invalidArgument, message: "librdkafka refused the configuration: \(text)")
        }
        self.pointer = handle
        self.context = context
        self.contextReference = reference
    }

    /// The client's name as librdkafka reports it, e.g. `rdkafka#producer-1`.
    var name: String { String(cString: rd_kafka_name(pointer)) }

    /// The fatal error that stopped this client, if any.
    var fatalError: KafkaError? {
        var reason = [CChar](repeating: 0, count: 512)
        let code = rd_kafka_fatal_error(pointer, &reason, reason.count)
        guard code != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        let text = String(cChars: reason)
        return KafkaError(code: .init(rawValue: code.rawValue), message: text, isFatal: true)
    }

    /// Destroys the handle. The caller must have released every message, event, queue and partition list
    /// first, or librdkafka blocks for ever; it must also not call this on the cooperative pool.
    package func destroy() {
        rd_kafka_destroy(pointer)
        contextReference.release()
    }

    /// Gives up on the handle without destroying it, for the cases where `rd_kafka_destroy` would abort the
    /// process or block for ever (see ``ConsumerCore``'s close). The handle's threads keep running until the
    /// process exits, so the callbacks' context stays retained, and its log lines are dropped from here on:
    /// they would only be reconnection noise from a client nobody uses.
    func leak() {
        context.isSilenced.store(true, ordering: .releasing)
    }
}

/// What librdkafka's C callbacks reach through the client's opaque pointer.
package final class RDKafkaContext: @unchecked Sendable {
    // `@unchecked Sendable`: `logger` is immutable; `rebalance` is set once before the handle exists;
    // `isSilenced` is atomic.
    let logger: Logger
    var rebalance: RebalanceBridge?
    /// Set when the handle was leaked (``RDKafkaHandle/leak()``): its logs are no longer forwarded.
    let isSilenced = Atomic<Bool>(false)

    package init(logger: Logger) {
        self.logger = logger
    }

    static func from(_ handle: OpaquePointer?) -> RDKafkaContext? {
        guard let handle, let opaque = rd_kafka_opaque(handle) else { return nil }
        return Unmanaged<RDKafkaContext>.fromOpaque(opaque).takeUnretainedValue()
    }
}

/// Forwards librdkafka's log lines to swift-log; called on librdkafka's own threads.
private func rdKafkaLogCallback(_ handle: OpaquePointer?, _ level: Int32, _ facility: UnsafePointer<CChar>?, _ text: UnsafePointer<CChar>?) {
    guard let context = RDKafkaContext.from(handle), let text else { return }
    guard !context.isSilenced.load(ordering: .acquiring) else { return }
    let swiftLevel: Logger.Level
    switch level {
    case ...3: swiftLevel = .error
    case 4: swiftLevel = .warning
    case 5, 6: swiftLevel = .info
    default: swiftLevel = .debug
    }
    guard context.logger.logLevel <= swiftLevel else { return }
    let facilityName = facility.map { String(cString: $0) } ?? ""
    context.logger.log(level: swiftLevel, "\(String(cString: text))", metadata: ["librdkafka.facility": "\(facilityName)"])
}
