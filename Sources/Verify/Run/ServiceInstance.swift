import Foundation
import KafkaServiceRuntime

/// An example taking part in a lesson run: its build and what is known about it so far.
struct ServiceRuntime {
    var source: ExampleSource
    var built: BuiltExample
    /// The example's position in the plan; producers get disjoint value ranges from it.
    var index: Int
    var role: ServiceRole?
    /// Every topic known for it: from its spec and its `startup_complete`.
    var topics: [String]
    /// The topics its `startup_complete` names (for a processor, input and output alike).
    var startupTopics: [String] = []
    /// Topics it writes: by its spec, and those its instances sent or dead-lettered to.
    var written: Set<String>
    var group: String?
    var instanceCount = 0

    var name: String { source.name }

    /// The topics it reads: the spec's input topics when it names them; otherwise what it announced (or its
    /// spec lists) minus what it writes. A processor that names neither is taken to read its first topic,
    /// since its `startup_complete` lists input and output alike.
    var inputTopics: [String] {
        let stated = source.service.topics.filter { $0.direction == .input }.map(\.name)
        if !stated.isEmpty { return stated }
        let announced = (startupTopics.isEmpty ? topics : startupTopics).filter { !written.contains($0) }
        if role == .processor, source.service.topics.allSatisfy({ $0.direction == nil }) { return Array(announced.prefix(1)) }
        return announced
    }

    init(source: ExampleSource, built: BuiltExample, index: Int) {
        self.source = source
        self.built = built
        self.index = index
        role = source.service.role
        topics = source.service.topics.map(\.name)
        written = source.service.writtenTopics
        group = source.service.group
    }
}

/// One process of an example: its own event file, read as it grows.
struct ServiceInstance {
    var name: String
    var serviceIndex: Int
    var child: ChildProcess
    var reader: EventLogReader
    /// Started by a fault step (a second member, a second transactional instance).
    var isExtra: Bool
    var hasStarted = false
    /// The runner stopped or killed it, so its exit is expected.
    var stoppedByRunner = false
    var exitNoted = false
}
