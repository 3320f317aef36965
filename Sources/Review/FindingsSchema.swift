import KafkaSkillModel
/// The JSON schema of a model's review answer, in the strict subset both providers accept: every
/// object closed, every property required, optional values as `null`.
enum FindingsSchema {
    /// The name of the forced tool or JSON schema.
    static let name = "report_findings"

    /// What the structure is for, as the model reads it.
    static let description = "Report every rule violation found in the code under review; an empty list when there is none."

    /// The rule id a model uses for a problem no lesson rule covers, and the id reports show for it.
    static let otherRuleID = "other"
    static let reportedOtherRuleID = "model-review"

    /// The schema of one finding, its `rule_id` limited to the given ids and ``otherRuleID``.
    static func finding(ruleIDs: [String]) -> JSONValue {
        .object([
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "required": .array(["rule_id", "severity", "file", "line", "message", "suggested_fix"].map(JSONValue.string)),
            "properties": .object([
                "rule_id": .object([
                    "type": .string("string"),
                    "enum": .array((ruleIDs + [otherRuleID]).map(JSONValue.string)),
                    "description": .string("The id of the broken rule, or \"other\" for a clear Kafka bug no rule covers."),
                ]),
                "severity": .object(["type": .string("string"), "enum": .array(Severity.allCases.map { .string($0.rawValue) })]),
                "file": .object(["type": .string("string"), "description": .string("The path exactly as shown after FILE:.")]),
                "line": .object(["type": .string("integer"), "description": .string("The line number shown before the code line.")]),
                "message": .object(["type": .string("string"), "description": .string("What is wrong, in one or two sentences.")]),
                "suggested_fix": .object(["type": .array([.string("string"), .string("null")]), "description": .string("How to fix it, or null.")]),
            ]),
        ])
    }

    /// The schema of the whole answer.
    static func answer(ruleIDs: [String]) -> JSONValue {
        .object([
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "required": .array([.string("findings")]),
            "properties": .object([
                "findings": .object(["type": .string("array"), "items": finding(ruleIDs: ruleIDs)]),
            ]),
        ])
    }

    /// The answer's outer shape alone, so that one bad finding drops that finding, not the answer.
    static let envelope: JSONValue = .object([
        "type": .string("object"),
        "required": .array([.string("findings")]),
        "properties": .object(["findings": .object(["type": .string("array")])]),
    ])
}
