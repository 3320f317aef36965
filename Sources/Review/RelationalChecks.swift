import Foundation

/// Checks that a single `key` condition cannot express, applied when the lesson rule with their id is
/// among the rules: properties librdkafka does not know, two properties of one configuration that must
/// relate, and two configurations of one service that must agree.
///
/// The rule's text and severity come from its lesson spec; only the judgement lives here.
enum RelationalChecks {
    /// Every client property must be one librdkafka 2.0.2 knows.
    static let knownProperties = "client-known-properties"
    /// `message.timeout.ms` must not exceed `transaction.timeout.ms` on a transactional producer.
    static let transactionTimeouts = "transaction-timeout-ordering"
    /// The consumer feeding a transactional producer in the same service must not auto-commit.
    static let transactionalConsumer = "transaction-consumer-no-auto-commit"

    /// librdkafka's default `transaction.timeout.ms`.
    static let defaultTransactionTimeout = 60_000

    /// A configuration found in a file, with the file it came from.
    struct Located {
        let scope: ConfigScope
        let file: String
    }

    /// The findings of every relational check whose rule is present.
    static func findings(rules: [ReviewRule], scopes: [Located]) -> [Finding] {
        var findings: [Finding] = []
        if let rule = rules.first(where: { $0.id == knownProperties }) {
            findings += unknownProperties(rule, scopes)
        }
        if let rule = rules.first(where: { $0.id == transactionTimeouts }) {
            findings += timeouts(rule, scopes)
        }
        if let rule = rules.first(where: { $0.id == transactionalConsumer }) {
            findings += transactionalConsumers(rule, scopes)
        }
        return findings
    }

    /// Client configurations (a producer's or a consumer's) naming a property librdkafka does not know.
    static func unknownProperties(_ rule: ReviewRule, _ scopes: [Located]) -> [Finding] {
        scopes.filter { $0.scope.role != .any }.flatMap { located in
            located.scope.entries.filter { !LibrdkafkaCatalog.knows($0.key) && !isSerializerSetting($0.key) }.map { entry in
                let hint = LibrdkafkaCatalog.nearest(to: entry.key).map { " The nearest property librdkafka knows is \($0)." } ?? ""
                return Finding(
                    ruleID: rule.id, severity: rule.severity, file: located.file, line: entry.line,
                    message: "\(rule.rule) This \(located.scope.role.rawValue) configuration sets \(entry.key), which librdkafka 2.0.2 does not know, so creating the client fails.\(hint)",
                    suggestedFix: "Remove \"\(entry.key)\" or replace it with the librdkafka property that does what you meant.",
                    source: .static)
            }
        }
    }

    /// Schema registry and serializer settings often sit beside client properties but are not librdkafka's.
    static func isSerializerSetting(_ key: String) -> Bool {
        key.hasPrefix("schema.registry.") || key.hasPrefix("basic.auth.") || key.hasSuffix(".subject.name.strategy")
            || ["auto.register.schemas", "use.latest.version", "normalize.schemas"].contains(key)
    }

    /// A transactional producer whose message timeout is longer than its transaction timeout.
    static func timeouts(_ rule: ReviewRule, _ scopes: [Located]) -> [Finding] {
        scopes.compactMap { located in
            let scope = located.scope
            guard scope.role != .consumer, scope.entry(for: "transactional.id") != nil,
                  let message = scope.entry(for: "message.timeout.ms"), case .literal(let text) = message.value,
                  let messageTimeout = Int(text)
            else { return nil }
            var transactionTimeout = defaultTransactionTimeout
            if let entry = scope.entry(for: "transaction.timeout.ms") {
                guard case .literal(let value) = entry.value, let parsed = Int(value) else { return nil }
                transactionTimeout = parsed
            }
            guard messageTimeout > transactionTimeout else { return nil }
            return Finding(
                ruleID: rule.id, severity: rule.severity, file: located.file, line: message.line,
                message: "\(rule.rule) This transactional producer sets message.timeout.ms = \(messageTimeout), above transaction.timeout.ms = \(transactionTimeout)\(scope.entry(for: "transaction.timeout.ms") == nil ? " (the default)" : ""); librdkafka refuses to create it.",
                suggestedFix: "Set message.timeout.ms to at most \(transactionTimeout), or leave it unset so librdkafka derives it from transaction.timeout.ms.",
                source: .static)
        }
    }

    /// Consumers in the same service as a transactional producer that leave auto-commit on.
    static func transactionalConsumers(_ rule: ReviewRule, _ scopes: [Located]) -> [Finding] {
        let services = Dictionary(grouping: scopes) { service(of: $0.file) }
        return services.keys.sorted().flatMap { key -> [Finding] in
            let members = services[key] ?? []
            guard members.contains(where: { $0.scope.role == .producer && $0.scope.entry(for: "transactional.id") != nil }) else { return [] }
            return members.filter { $0.scope.role == .consumer }.compactMap { located in
                let entry = located.scope.entry(for: "enable.auto.commit")
                if case .literal(let value)? = entry?.value, value == "false" { return nil }
                if case .dynamic? = entry?.value { return nil }
                if entry == nil, located.scope.amendsBase { return nil }
                let described = entry.map { _ in "sets enable.auto.commit to something other than false" } ?? "leaves enable.auto.commit at librdkafka's default (true)"
                return Finding(
                    ruleID: rule.id, severity: rule.severity, file: located.file, line: entry?.line ?? located.scope.line,
                    message: "\(rule.rule) This consumer is in the same service as a transactional producer and \(described), so offsets are committed outside the transaction.",
                    suggestedFix: "Set \"enable.auto.commit\": \"false\" and send the offsets with the transaction.",
                    source: .static)
            }
        }
    }

    /// The service a file belongs to: the folder above its `Sources/`, else its own folder.
    static func service(of file: String) -> String {
        if let range = file.range(of: "/Sources/", options: .backwards) { return String(file[..<range.lowerBound]) }
        if file.hasPrefix("Sources/") { return "." }
        return (file as NSString).deletingLastPathComponent
    }
}
