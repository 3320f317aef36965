/// The `Kafka` resource (KRaft, node pools) and the ConfigMap holding its JMX exporter rules.
struct KafkaClusterResource: Sendable, Hashable {
    var options: ManifestOptions

    /// The ConfigMap the brokers' `metricsConfig` points at.
    var metricsConfigMapName: String { "\(options.clusterName)-kafka-metrics" }
    static let metricsConfigKey = "kafka-metrics-config.yml"

    /// The broker configuration the profile sets.
    var brokerConfig: YAMLTree {
        let production = options.profile == .production
        return .mapping([
            ("default.replication.factor", .int(production ? 3 : 1)),
            ("min.insync.replicas", .int(production ? 2 : 1)),
            ("offsets.topic.replication.factor", .int(production ? 3 : 1)),
            ("transaction.state.log.replication.factor", .int(production ? 3 : 1)),
            ("transaction.state.log.min.isr", .int(production ? 2 : 1)),
            ("replica.selector.class", production ? .string("org.apache.kafka.common.replica.RackAwareReplicaSelector") : nil),
        ])
    }

    var document: YAMLTree {
        let annotations = options.strimzi.needsKRaftAnnotations
            ? ["strimzi.io/node-pools": "enabled", "strimzi.io/kraft": "enabled"] : [:]
        let listener: YAMLTree = .map([
            ("name", .string("tls")),
            ("port", .int(9093)),
            ("type", .string("internal")),
            ("tls", .bool(true)),
            ("authentication", .map([("type", .string(options.authentication.strimziType))])),
        ])
        return .mapping([
            ("apiVersion", .string(options.strimzi.apiVersion)),
            ("kind", .string("Kafka")),
            ("metadata", ObjectMeta(name: options.clusterName, annotations: annotations).tree),
            ("spec", .map([
                ("kafka", .mapping([
                    ("version", .string(options.strimzi.kafkaVersion)),
                    ("listeners", .list([listener])),
                    ("authorization", .map([("type", .string("simple"))])),
                    ("rack", options.profile == .production ? .map([("topologyKey", .string("topology.kubernetes.io/zone"))]) : nil),
                    ("config", brokerConfig),
                    ("metricsConfig", .map([
                        ("type", .string("jmxPrometheusExporter")),
                        ("valueFrom", .map([("configMapKeyRef", .map([
                            ("name", .string(metricsConfigMapName)), ("key", .string(Self.metricsConfigKey)),
                        ]))])),
                    ])),
                ])),
                ("entityOperator", .map([("topicOperator", .map([])), ("userOperator", .map([]))])),
                ("kafkaExporter", .map([("topicRegex", .string(".*")), ("groupRegex", .string(".*"))])),
            ])),
        ])
    }

    /// The JMX exporter rules: MBean values become `kafka_<domain>_<type>_<name>` gauges (e.g.
    /// `kafka_server_replicamanager_underreplicatedpartitions`, `kafka_controller_kafkacontroller_offlinepartitionscount`),
    /// rates' counts become `…_total` counters, percentiles get a `quantile` label.
    var metricsConfigMap: YAMLTree {
        func rule(_ pattern: String, _ name: String, _ type: String, labels: [(String, YAMLTree)] = []) -> YAMLTree {
            .mapping([
                ("pattern", .string(pattern)), ("name", .string(name)), ("type", .string(type)),
                ("labels", labels.isEmpty ? nil : .map(labels)),
            ])
        }
        let exporter: YAMLTree = .map([
            ("lowercaseOutputName", .bool(true)),
            ("rules", .list([
                rule("kafka.(\\w+)<type=(.+), name=(.+)PerSec\\w*, (.+)=(.+)><>Count", "kafka_$1_$2_$3_total", "COUNTER", labels: [("$4", .string("$5"))]),
                rule("kafka.(\\w+)<type=(.+), name=(.+)PerSec\\w*><>Count", "kafka_$1_$2_$3_total", "COUNTER"),
                rule("kafka.(\\w+)<type=(.+), name=(.+), (.+)=(.+), (.+)=(.+)><>Value", "kafka_$1_$2_$3", "GAUGE", labels: [("$4", .string("$5")), ("$6", .string("$7"))]),
                rule("kafka.(\\w+)<type=(.+), name=(.+), (.+)=(.+)><>Value", "kafka_$1_$2_$3", "GAUGE", labels: [("$4", .string("$5"))]),
                rule("kafka.(\\w+)<type=(.+), name=(.+)><>Value", "kafka_$1_$2_$3", "GAUGE"),
                rule("kafka.(\\w+)<type=(.+), name=(.+), (.+)=(.+)><>(\\d+)thPercentile", "kafka_$1_$2_$3", "GAUGE", labels: [("$4", .string("$5")), ("quantile", .string("0.$6"))]),
                rule("kafka.(\\w+)<type=(.+), name=(.+)><>(\\d+)thPercentile", "kafka_$1_$2_$3", "GAUGE", labels: [("quantile", .string("0.$4"))]),
            ])),
        ])
        let text = (try? exporter.rendered()) ?? ""
        return .map([
            ("apiVersion", .string("v1")),
            ("kind", .string("ConfigMap")),
            ("metadata", ObjectMeta(name: metricsConfigMapName, labels: ["strimzi.io/cluster": options.clusterName]).tree),
            ("data", .map([(Self.metricsConfigKey, .string(text))])),
        ])
    }

    /// The node pools the profile runs.
    var nodePools: [NodePool] {
        switch options.profile {
        case .dev:
            return [NodePool(name: "dual-role", replicas: 1, roles: [.controller, .broker], storage: .ephemeral)]
        case .production:
            return [
                NodePool(
                    name: "controller", replicas: 3, roles: [.controller],
                    storage: .jbod([.init(id: 0, size: "20Gi", kraftMetadata: true)]),
                    resources: .init(cpuRequest: "500m", memory: "2Gi")),
                NodePool(
                    name: "broker", replicas: 3, roles: [.broker],
                    storage: .jbod([.init(id: 0, size: "100Gi", kraftMetadata: true)]),
                    resources: .init(cpuRequest: "1", memory: "8Gi")),
            ]
        }
    }
}
