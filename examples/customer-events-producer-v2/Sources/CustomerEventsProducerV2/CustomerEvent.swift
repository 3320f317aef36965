/// Something that happened to a customer account.
///
/// Avro record `com.example.customers.CustomerEvent` (`schemas/customer-event-v2.avsc`). Properties map to the schema's fields by
/// name; values travel in the Confluent wire format through the schema registry.
struct CustomerEvent: Codable, Sendable, Hashable {
    /// Unique per event; synthetic input numbers events from PRODUCE_START.
    var eventId: Int64
    /// The customer the event is about; also the message key.
    var customerId: String
    /// What happened.
    var kind: EventKind = .updated
    /// When it happened, in ms since 1970.
    var occurredAt: Int64
    /// The address on file, if any.
    var email: String? = nil
    /// Added in v2 with a default, so v2 reads v1 data (BACKWARD) and v1 readers skip it.
    var loyaltyTier: String = "standard"

    private enum CodingKeys: String, CodingKey {
        case eventId = "event_id"
        case customerId = "customer_id"
        case kind = "kind"
        case occurredAt = "occurred_at"
        case email = "email"
        case loyaltyTier = "loyalty_tier"
    }

    /// The sample record for sequence number `sequence`: what synthetic input (`PRODUCE_COUNT`) sends and the tests
    /// write. Fields without a default get values derived from `sequence`.
    static func sample(_ sequence: Int) -> Self {
        Self(
            eventId: Int64(sequence),
            customerId: "customer_id-\(sequence)",
            kind: .updated,
            occurredAt: Int64(sequence),
            email: nil,
            loyaltyTier: "standard"
        )
    }
}

/// Avro enum `com.example.customers.EventKind` (`schemas/customer-event-v2.avsc`); each case's raw value is its symbol.
enum EventKind: String, Codable, Sendable, Hashable, CaseIterable {
    case created = "CREATED"
    case updated = "UPDATED"
    case closed = "CLOSED"
}

extension CustomerEvent {
    /// The schema the service writes values with (`schemas/customer-event-v2.avsc`).
    static let schemaText = #"""
        {
          "type": "record",
          "name": "CustomerEvent",
          "namespace": "com.example.customers",
          "doc": "Something that happened to a customer account.",
          "fields": [
            {"name": "event_id", "type": "long", "doc": "Unique per event; synthetic input numbers events from PRODUCE_START."},
            {"name": "customer_id", "type": "string", "doc": "The customer the event is about; also the message key."},
            {
              "name": "kind",
              "type": {"type": "enum", "name": "EventKind", "symbols": ["CREATED", "UPDATED", "CLOSED"], "default": "UPDATED"},
              "default": "UPDATED",
              "doc": "What happened."
            },
            {"name": "occurred_at", "type": {"type": "long", "logicalType": "timestamp-millis"}, "doc": "When it happened, in ms since 1970."},
            {"name": "email", "type": ["null", "string"], "default": null, "doc": "The address on file, if any."},
            {"name": "loyalty_tier", "type": "string", "default": "standard", "doc": "Added in v2 with a default, so v2 reads v1 data (BACKWARD) and v1 readers skip it."}
          ]
        }
        """#

    /// What events report as the record's value: its first field, `event_id`, as text. The same rule
    /// identifies records read back from the topic, so every value must have a different `event_id`.
    var eventValue: String { String(eventId) }
}
