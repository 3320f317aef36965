import Foundation
import EmbeddedKafka
import Kafka
import Testing
import Verify

@Suite("Named fault scenarios and what each cluster can prove")
struct FaultScenarioTests {
    @Test("the nine scenarios exist by the names lesson specs use, each with steps in a usable order")
    func catalog() {
        #expect(FaultScenario.all.map(\.name) == [
            "broker-down-during-produce", "leader-move", "produce-errors", "fetch-errors", "commit-errors",
            "consumer-kill-restart", "member-join-leave", "transaction-abort", "transactional-fencing",
        ])
        for scenario in FaultScenario.all {
            #expect(!scenario.steps.isEmpty)
            #expect(FaultScenario.named(scenario.name) == scenario)
            if case .afterPrevious = scenario.steps[0].trigger { Issue.record("\(scenario.name) starts relative to nothing") }
        }
        #expect(FaultScenario.named("broker-down") == nil)
    }

    @Test("cluster faults need the embedded cluster; process actions work against any cluster")
    func whatNeedsTheEmbeddedCluster() {
        let processOnly = FaultScenario.all.filter { !$0.needsEmbeddedCluster }.map(\.name)
        #expect(processOnly == ["consumer-kill-restart", "member-join-leave", "transactional-fencing"])
    }

    @Test("every request-error step names an API and errors the embedded cluster accepts")
    func faultsApplyToARealEmbeddedCluster() throws {
        let cluster = try EmbeddedCluster(brokers: 3, logger: SimulatedServices.logger)
        defer { cluster.shutdown() }
        for scenario in FaultScenario.all {
            for step in scenario.steps {
                guard case .cluster(let fault) = step.action else { continue }
                try fault.apply(to: cluster)
                if case .requestErrors(let api, _, _, _) = fault {
                    try EmbeddedClusterFault.clearRequestErrors(api: api).apply(to: cluster)
                }
            }
        }
    }

    @Test("the embedded cluster cannot prove isolation, nor exactly-once and committed positions of a transactional run")
    func honesty() {
        for assertion in DeliveryAssertion.allCases {
            #expect(ClusterKind.real.limitation(for: assertion, transactional: true) == nil)
        }
        let plain = DeliveryAssertion.allCases.filter { ClusterKind.embedded.limitation(for: $0, transactional: false) != nil }
        #expect(plain == [.noAbortedReads])
        let transactional = DeliveryAssertion.allCases.filter { ClusterKind.embedded.limitation(for: $0, transactional: true) != nil }
        #expect(transactional == [.noDuplicates, .noAbortedReads, .committedNotAhead, .lagDrains])
        #expect(ClusterKind.embedded.limitation(for: .noAbortedReads, transactional: false)?.contains("transaction markers") == true)
    }

    @Test("transaction-abort makes the open transaction of a transactional producer abort on the embedded cluster")
    func transactionAbortBites() async throws {
        let cluster = try EmbeddedCluster(brokers: 3, logger: SimulatedServices.logger)
        defer { cluster.shutdown() }
        try cluster.createTopic("out", partitions: 2, replicationFactor: 3)
        var config = try KafkaConfig(["transactional.id": "verify-test-\(UUID().uuidString.prefix(6))", "enable.idempotence": "true"])
        config.bootstrapServers = [cluster.bootstrapServers]
        let producer = try KafkaProducer(config: config, logger: SimulatedServices.logger)
        try await producer.withTransaction { transaction in
            try await transaction.send(KafkaProducerMessage(topic: "out", key: "k", value: "1"))
        }
        for step in FaultScenario.transactionAbort.steps {
            guard case .cluster(let fault) = step.action else { continue }
            try fault.apply(to: cluster)
        }
        await #expect {
            try await producer.withTransaction { transaction in
                try await transaction.send(KafkaProducerMessage(topic: "out", key: "k", value: "2"))
            }
        } throws: { error in
            (error as? KafkaError)?.requiresAbort == true
        }
        try await producer.withTransaction { transaction in
            try await transaction.send(KafkaProducerMessage(topic: "out", key: "k", value: "3"))
        }
        await producer.shutdown()
    }
}
