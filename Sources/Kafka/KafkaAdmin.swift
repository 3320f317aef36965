import CRdKafka
public import Logging
import Synchronization

/// Manages topics, configurations and consumer groups, and reads cluster metadata.
///
/// A broker that does not implement an admin request answers with its error (for example
/// `_UNSUPPORTED_FEATURE` from a broker without the admin API), which the call throws as it is.
public final class KafkaAdmin: Sendable {
    private let handle: RDKafkaHandle
    private let closed = Mutex(false)

    /// Creates an admin client.
    /// - Parameters:
    ///   - config: librdkafka properties; `bootstrap.servers` is required.
    ///   - logger: Receives librdkafka's logs.
    public init(config: KafkaConfig, logger: Logger = Logger(label: "kafka.admin")) throws {
        guard !config.bootstrapServers.isEmpty else {
            throw KafkaError(code: .invalidArgument, message: "bootstrap.servers is not set", subject: "bootstrap.servers")
        }
        // A producer handle that never creates topics by accident (INTRODUCTION.md, "Admin API").
        let adminConfig = try config.merging(["allow.auto.create.topics": "false"])
        handle = try RDKafkaHandle(kind: .producer, config: adminConfig, events: 0, context: RDKafkaContext(logger: logger))
    }

    deinit {
        if !closed.withLock({ $0 }) { handle.destroy() }
    }

    /// Releases the client.
    public func close() async {
        let proceed = closed.withLock { closed -> Bool in
            defer { closed = true }
            return !closed
        }
        guard proceed else { return }
        let handle = self.handle
        await BlockingCalls.run { handle.destroy() }
    }

    // MARK: Metadata

    /// Reads brokers, topics, partitions, leaders, replicas and in-sync replicas.
    /// - Parameter timeout: How long to wait for a broker to answer.
    /// - Throws: ``KafkaError`` (`_TRANSPORT`, `_TIMED_OUT`, …) when no broker answers in time.
    public func metadata(timeout: Duration = .seconds(10)) async throws -> KafkaClusterMetadata {
        let handle = self.handle
        let milliseconds = timeout.milliseconds
        return try await BlockingCalls.run { try Self.readMetadata(handle: handle, timeoutMs: milliseconds) }
    }

    private static func readMetadata(handle: RDKafkaHandle, timeoutMs: Int32) throws -> KafkaClusterMetadata {
        var raw: UnsafePointer<rd_kafka_metadata>?
        let code = rd_kafka_metadata(handle.pointer, 1, nil, &raw, timeoutMs)
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR, let raw else {
            var error = KafkaError(code: .init(rawValue: code.rawValue), context: "no broker answered a metadata request")
            error.isRetriable = true
            throw error
        }
        defer { rd_kafka_metadata_destroy(raw) }
        let data = raw.pointee
        let brokers = (0..<Int(data.broker_cnt)).map { index in
            let broker = data.brokers[index]
            return KafkaClusterMetadata.Broker(id: broker.id, host: String(cString: broker.host), port: broker.port)
        }
        let topics = (0..<Int(data.topic_cnt)).map { index in
            let topic = data.topics[index]
            let partitions = (0..<Int(topic.partition_cnt)).map { slot in
                let partition = topic.partitions[slot]
                return KafkaClusterMetadata.Partition(
                    id: partition.id,
                    leader: partition.leader,
                    replicas: (0..<Int(partition.replica_cnt)).map { partition.replicas[$0] },
                    isr: (0..<Int(partition.isr_cnt)).map { partition.isrs[$0] },
                    error: partition.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : .init(rawValue: partition.err.rawValue))
            }
            return KafkaClusterMetadata.Topic(
                name: String(cString: topic.topic), partitions: partitions.sorted { $0.id < $1.id },
                error: topic.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : .init(rawValue: topic.err.rawValue))
        }
        let clusterId = rd_kafka_clusterid(handle.pointer, 0).map { raw in
            defer { rd_kafka_mem_free(handle.pointer, raw) }
            return String(cString: raw)
        }
        return KafkaClusterMetadata(
            clusterId: clusterId, controllerId: rd_kafka_controllerid(handle.pointer, 0),
            brokers: brokers.sorted { $0.id < $1.id }, topics: topics.sorted { $0.name < $1.name })
    }

    // MARK: Topics

    /// Creates topics and waits for the controller to confirm.
    public func createTopics(_ topics: [KafkaNewTopic], timeout: Duration = .seconds(30)) async throws {
        try await perform("CreateTopics", op: RD_KAFKA_ADMIN_OP_CREATETOPICS, timeout: timeout) { handle, options, queue in
            var reason = [CChar](repeating: 0, count: 512)
            var created: [OpaquePointer?] = []
            defer { for topic in created { rd_kafka_NewTopic_destroy(topic) } }
            for topic in topics {
                guard let newTopic = rd_kafka_NewTopic_new(
                    topic.name, Int32(topic.partitions), Int32(topic.replicationFactor), &reason, reason.count)
                else {
                    throw KafkaError(
                        code: .invalidArgument, message: "topic '\(topic.name)': \(String(cChars: reason))", subject: topic.name)
                }
                created.append(newTopic)
                for (key, value) in topic.config.sorted(by: { $0.key < $1.key }) {
                    rd_kafka_NewTopic_set_config(newTopic, key, value)
                }
            }
            rd_kafka_CreateTopics(handle, &created, created.count, options, queue)
        } result: { event in
            var count = 0
            let results = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count)
            try Self.checkTopicResults(results, count: count, what: "create topic")
        }
    }

    /// Deletes topics and waits for the controller to confirm.
    public func deleteTopics(_ names: [String], timeout: Duration = .seconds(30)) async throws {
        try await perform("DeleteTopics", op: RD_KAFKA_ADMIN_OP_DELETETOPICS, timeout: timeout) { handle, options, queue in
            var deleted: [OpaquePointer?] = names.map { rd_kafka_DeleteTopic_new($0) }
            defer { for topic in deleted { rd_kafka_DeleteTopic_destroy(topic) } }
            rd_kafka_DeleteTopics(handle, &deleted, deleted.count, options, queue)
        } result: { event in
            var count = 0
            let results = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event), &count)
            try Self.checkTopicResults(results, count: count, what: "delete topic")
        }
    }

    private static func checkTopicResults(_ results: UnsafeMutablePointer<OpaquePointer?>?, count: Int, what: String) throws {
        guard let results else { return }
        for index in 0..<count {
            guard let result = results[index] else { continue }
            let code = rd_kafka_topic_result_error(result)
            if code != RD_KAFKA_RESP_ERR_NO_ERROR {
                let name = String(cString: rd_kafka_topic_result_name(result))
                let text = rd_kafka_topic_result_error_string(result).map { String(cString: $0) } ?? ""
                throw KafkaError(code: .init(rawValue: code.rawValue), message: "\(what) '\(name)': \(text)", subject: name)
            }
        }
    }

    // MARK: Configuration

    /// Reads a topic's or broker's configuration.
    public func describeConfigs(_ resource: KafkaConfigResource, timeout: Duration = .seconds(30)) async throws -> [KafkaConfigEntry] {
        try await perform("DescribeConfigs", op: RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeout: timeout) { handle, options, queue in
            var resources: [OpaquePointer?] = [Self.makeResource(resource)]
            defer { rd_kafka_ConfigResource_destroy(resources[0]) }
            rd_kafka_DescribeConfigs(handle, &resources, 1, options, queue)
        } result: { event in
            var count = 0
            guard let resources = rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(event), &count),
                count > 0, let first = resources[0]
            else { return [] }
            try Self.checkResource(first)
            var entryCount = 0
            guard let entries = rd_kafka_ConfigResource_configs(first, &entryCount) else { return [] }
            return (0..<entryCount).compactMap { index -> KafkaConfigEntry? in
                guard let entry = entries[index] else { return nil }
                return KafkaConfigEntry(
                    name: String(cString: rd_kafka_ConfigEntry_name(entry)),
                    value: rd_kafka_ConfigEntry_value(entry).map { String(cString: $0) },
                    isDefault: rd_kafka_ConfigEntry_is_default(entry) != 0,
                    isReadOnly: rd_kafka_ConfigEntry_is_read_only(entry) != 0,
                    isSensitive: rd_kafka_ConfigEntry_is_sensitive(entry) != 0)
            }.sorted { $0.name < $1.name }
        }
    }

    /// Sets configuration on a topic or broker.
    ///
    /// - Important: This is Kafka's non-incremental AlterConfigs (librdkafka 2.0.2 has no incremental form):
    ///   properties not given revert to their defaults. Read with ``describeConfigs(_:timeout:)`` first and
    ///   pass every property you want to keep.
    public func alterConfigs(_ resource: KafkaConfigResource, _ values: [String: String], timeout: Duration = .seconds(30)) async throws {
        try await perform("AlterConfigs", op: RD_KAFKA_ADMIN_OP_ALTERCONFIGS, timeout: timeout) { handle, options, queue in
            var resources: [OpaquePointer?] = [Self.makeResource(resource)]
            defer { rd_kafka_ConfigResource_destroy(resources[0]) }
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                rd_kafka_ConfigResource_set_config(resources[0], key, value)
            }
            rd_kafka_AlterConfigs(handle, &resources, 1, options, queue)
        } result: { event in
            var count = 0
            guard let resources = rd_kafka_AlterConfigs_result_resources(rd_kafka_event_AlterConfigs_result(event), &count) else { return }
            for index in 0..<count { if let resource = resources[index] { try Self.checkResource(resource) } }
        }
    }

    private static func makeResource(_ resource: KafkaConfigResource) -> OpaquePointer? {
        switch resource {
        case .topic(let name): return rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, name)
        case .broker(let id): return rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_BROKER, String(id))
        }
    }

    private static func checkResource(_ resource: OpaquePointer) throws {
        let code = rd_kafka_ConfigResource_error(resource)
        guard code != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        let name = String(cString: rd_kafka_ConfigResource_name(resource))
        let text = rd_kafka_ConfigResource_error_string(resource).map { String(cString: $0) } ?? ""
        throw KafkaError(code: .init(rawValue: code.rawValue), message: "configuration of '\(name)': \(text)", subject: name)
    }

    // MARK: Consumer groups

    /// Lists the cluster's consumer groups.
    public func listConsumerGroups(timeout: Duration = .seconds(30)) async throws -> [KafkaConsumerGroupListing] {
        try await perform("ListConsumerGroups", op: RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, timeout: timeout) { handle, options, queue in
            rd_kafka_ListConsumerGroups(handle, options, queue)
        } result: { event in
            let result = rd_kafka_event_ListConsumerGroups_result(event)
            var errorCount = 0
            if let errors = rd_kafka_ListConsumerGroups_result_errors(result, &errorCount), errorCount > 0, let first = errors[0] {
                throw KafkaError(borrowing: first, context: "list consumer groups")
            }
            var count = 0
            guard let groups = rd_kafka_ListConsumerGroups_result_valid(result, &count) else { return [] }
            return (0..<count).compactMap { index -> KafkaConsumerGroupListing? in
                guard let group = groups[index] else { return nil }
                return KafkaConsumerGroupListing(
                    groupId: String(cString: rd_kafka_ConsumerGroupListing_group_id(group)),
                    isSimple: rd_kafka_ConsumerGroupListing_is_simple_consumer_group(group) != 0,
                    state: String(cString: rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupListing_state(group))))
            }.sorted { $0.groupId < $1.groupId }
        }
    }

    /// Describes consumer groups: state, assignor, members and their partitions.
    public func describeConsumerGroups(_ groupIds: [String], timeout: Duration = .seconds(30)) async throws
        -> [KafkaConsumerGroupDescription]
    {
        try await perform("DescribeConsumerGroups", op: RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, timeout: timeout) {
            handle, options, queue in
            let names = groupIds.map { CString($0) }
            var pointers: [UnsafePointer<CChar>?] = names.map { UnsafePointer($0.pointer) }
            rd_kafka_DescribeConsumerGroups(handle, &pointers, pointers.count, options, queue)
            withExtendedLifetime(names) {}
        } result: { event in
            var count = 0
            let groups = rd_kafka_DescribeConsumerGroups_result_groups(rd_kafka_event_DescribeConsumerGroups_result(event), &count)
            guard let groups else { return [] }
            return try (0..<count).compactMap { index -> KafkaConsumerGroupDescription? in
                guard let group = groups[index] else { return nil }
                if let error = rd_kafka_ConsumerGroupDescription_error(group) {
                    throw KafkaError(borrowing: error, context: "describe consumer group")
                }
                let members = (0..<rd_kafka_ConsumerGroupDescription_member_count(group)).compactMap { slot -> KafkaConsumerGroupDescription.Member? in
                    guard let member = rd_kafka_ConsumerGroupDescription_member(group, slot) else { return nil }
                    let assignment = rd_kafka_MemberDescription_assignment(member)
                        .flatMap { rd_kafka_MemberAssignment_partitions($0) }
                        .map { list in
                            (0..<Int(list.pointee.cnt)).map {
                                KafkaTopicPartition(topic: String(cString: list.pointee.elems[$0].topic), partition: list.pointee.elems[$0].partition)
                            }
                        } ?? []
                    return KafkaConsumerGroupDescription.Member(
                        memberId: String(cString: rd_kafka_MemberDescription_consumer_id(member)),
                        clientId: String(cString: rd_kafka_MemberDescription_client_id(member)),
                        host: String(cString: rd_kafka_MemberDescription_host(member)),
                        assignment: assignment.sorted())
                }
                return KafkaConsumerGroupDescription(
                    groupId: String(cString: rd_kafka_ConsumerGroupDescription_group_id(group)),
                    state: String(cString: rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(group))),
                    partitionAssignor: String(cString: rd_kafka_ConsumerGroupDescription_partition_assignor(group)),
                    members: members)
            }
        }
    }

    /// Reads a group's committed offsets (all partitions it committed, or the given ones).
    public func consumerGroupOffsets(
        group: String,
        partitions: [KafkaTopicPartition]? = nil,
        timeout: Duration = .seconds(30)
    ) async throws -> [KafkaTopicPartitionOffset] {
        try await perform("ListConsumerGroupOffsets", op: RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeout: timeout) {
            handle, options, queue in
            let list = partitions.map { RDKafkaPartitionList($0) }
            var requests: [OpaquePointer?] = [rd_kafka_ListConsumerGroupOffsets_new(group, list?.pointer)]
            defer { rd_kafka_ListConsumerGroupOffsets_destroy(requests[0]) }
            rd_kafka_ListConsumerGroupOffsets(handle, &requests, 1, options, queue)
        } result: { event in
            var count = 0
            let results = rd_kafka_ListConsumerGroupOffsets_result_groups(rd_kafka_event_ListConsumerGroupOffsets_result(event), &count)
            guard let results, count > 0, let first = results[0] else { return [] }
            if let error = rd_kafka_group_result_error(first) {
                throw KafkaError(borrowing: error, context: "list offsets of group '\(group)'")
            }
            guard let list = rd_kafka_group_result_partitions(first) else { return [] }
            return (0..<Int(list.pointee.cnt)).map { index in
                let element = list.pointee.elems[index]
                return KafkaTopicPartitionOffset(topic: String(cString: element.topic), partition: element.partition, offset: element.offset)
            }.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
        }
    }

    // MARK: Plumbing

    /// Runs one admin request: issues it on a private queue off the cooperative pool, waits for its result
    /// event, and parses it.
    private func perform<T: Sendable>(
        _ name: String,
        op: rd_kafka_admin_op_t,
        timeout: Duration,
        issue: @escaping @Sendable (OpaquePointer, OpaquePointer?, OpaquePointer?) throws -> Void,
        result: @escaping @Sendable (OpaquePointer) throws -> T
    ) async throws -> T {
        let handle = self.handle
        let milliseconds = timeout.milliseconds
        return try await BlockingCalls.run {
            let queue = rd_kafka_queue_new(handle.pointer)
            defer { rd_kafka_queue_destroy(queue) }
            let options = rd_kafka_AdminOptions_new(handle.pointer, op)
            defer { rd_kafka_AdminOptions_destroy(options) }
            var reason = [CChar](repeating: 0, count: 512)
            rd_kafka_AdminOptions_set_request_timeout(options, milliseconds, &reason, reason.count)
            if op == RD_KAFKA_ADMIN_OP_CREATETOPICS || op == RD_KAFKA_ADMIN_OP_DELETETOPICS {
                rd_kafka_AdminOptions_set_operation_timeout(options, milliseconds, &reason, reason.count)
            }
            try issue(handle.pointer, options, queue)
            guard let event = rd_kafka_queue_poll(queue, milliseconds &+ 5_000) else {
                throw KafkaError(code: .timedOut, message: "\(name): no answer within \(milliseconds) ms", isRetriable: true)
            }
            defer { rd_kafka_event_destroy(event) }
            let code = rd_kafka_event_error(event)
            if code != RD_KAFKA_RESP_ERR_NO_ERROR {
                let text = rd_kafka_event_error_string(event).map { String(cString: $0) } ?? ""
                throw KafkaError(code: .init(rawValue: code.rawValue), message: "\(name) failed: \(text)")
            }
            return try result(event)
        }
    }
}
