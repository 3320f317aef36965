public import Kafka

extension DeliveryTracker {
    /// Sends `message` in `transaction`, writes `producer_send`, and tracks its delivery report; `eventValue`
    /// is what the events show as its value (the message's value as text by default).
    /// - Throws: `KafkaError` when the message cannot be handed to the producer.
    public func send(
        _ message: KafkaProducerMessage, eventValue: String? = nil, in transaction: KafkaTransaction, events: EventLog
    ) async throws {
        let sent = Message(topic: message.topic, key: message.keyText, value: eventValue ?? message.valueText)
        events.emit(.producerSend(topic: sent.topic, key: sent.key, value: sent.value))
        self.sent(sent, id: try await transaction.send(message))
    }
}
