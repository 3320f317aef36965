/// One step of a fault scenario: an action and when it fires.
public struct FaultStep: Sendable, Hashable, Codable, CustomStringConvertible {
    /// When the step fires.
    public var trigger: FaultTrigger
    /// What it does.
    public var action: FaultAction

    /// Creates a step.
    public init(_ trigger: FaultTrigger, _ action: FaultAction) {
        self.trigger = trigger
        self.action = action
    }

    /// `trigger: action`.
    public var description: String { "\(trigger): \(action)" }
}
