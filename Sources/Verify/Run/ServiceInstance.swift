import Foundation

/// An example taking part in a lesson run: its build and what is known about it so far.
struct ServiceRuntime {
    var source: ExampleSource
    var built: BuiltExample
    /// The example's position in the plan; producers get disjoint value ranges from it.
    var index: Int
    var role: ServiceRole?
    var topics: [String]
    var group: String?
    var instanceCount = 0

    var name: String { source.name }

    init(source: ExampleSource, built: BuiltExample, index: Int) {
        self.source = source
        self.built = built
        self.index = index
        role = source.service.role
        topics = source.service.topics.map(\.name)
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
