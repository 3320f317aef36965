/// How a rule is checked offline: against librdkafka configuration or against Swift source.
public enum RuleCheck: Sendable, Hashable {
    /// A check on configuration properties found in code and preset files.
    case config(ConfigCheck)
    /// A regular-expression check over Swift source files.
    case code(CodeCheck)
}
