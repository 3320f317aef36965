"""confluent-kafka-python, the chapter's client, doing the same work as the Swift and C benchmarks.

    python bench.py produce|consume BOOTSTRAP TOPIC COUNT PARTITIONS   -> prints messages per second
"""
import sys
import time
import uuid

from confluent_kafka import Consumer, Producer, TopicPartition, OFFSET_BEGINNING


def produce(bootstrap, topic, count):
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True, "linger.ms": 5, "sticky.partitioning.linger.ms": 0})
    state = {"delivered": 0, "failed": 0}

    def on_delivery(error, _message):
        if error is None:
            state["delivered"] += 1
        else:
            state["failed"] += 1

    value = b"a" * 100
    start = time.perf_counter()
    sent = 0
    while sent < count:
        try:
            producer.produce(topic, value, on_delivery=on_delivery)
            sent += 1
        except BufferError:
            producer.poll(0.001)
            continue
        if sent % 1000 == 0:
            producer.poll(0)
    producer.flush()
    elapsed = time.perf_counter() - start
    if state["delivered"] != count:
        raise SystemExit(f"only {state['delivered']} of {count} delivered, {state['failed']} failed")
    return elapsed


def consume(bootstrap, topic, count, partitions, drain=False):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"bench-py-{uuid.uuid4()}", "enable.auto.commit": False, "auto.offset.reset": "earliest",
                         # The prefetch limit the Swift library sets by default (see c/bench.c).
                         "queued.min.messages": 1000000})
    consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in range(partitions)])
    read = 0
    # See c/bench.c: timed from the first message; drain pauses there while librdkafka prefetches the rest.
    while read < 1:
        for message in consumer.consume(num_messages=1, timeout=0.1):
            if message.error() is None:
                read += 1
    if drain:
        time.sleep(3)
    start = time.perf_counter()
    while read < count:
        for message in consumer.consume(num_messages=1000, timeout=0.1):
            if message.error() is None:
                read += 1
    elapsed = (time.perf_counter() - start) * count / (count - 1)
    consumer.close()
    return elapsed


def main():
    mode, bootstrap, topic, count, partitions = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    seconds = produce(bootstrap, topic, count) if mode == "produce" else consume(bootstrap, topic, count, partitions, mode == "drain")
    print(f"{count / seconds:.0f}")


if __name__ == "__main__":
    main()
