public import KafkaServiceRuntime

/// What a service does with Kafka, as its `startup_complete` event and its service spec say: the service
/// runtime's role, so verify reads the events services write with the type they write them with.
public typealias ServiceRole = ServiceEvent.Role
