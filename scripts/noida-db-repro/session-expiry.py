"""noida-db 0.2.3 never expires a consumer-group member whose heartbeats stop.

A consumer joins a group (session.timeout.ms=6000) and is killed with SIGKILL, so it sends no LeaveGroup.
Kafka's coordinator removes it once 6 s pass without a heartbeat: the group becomes Empty, and a new member
that joins gets every partition at once. noida-db keeps the dead member (the group stays Stable with one
member), and a new member's JoinGroup waits for the dead one to rejoin: it gets no partitions.

Usage: python session-expiry.py HOST:PORT   (exit 0 when the broker behaves as Kafka does, 1 when not)
Needs confluent-kafka (pip install confluent-kafka).
"""
import signal
import subprocess
import sys
import time
import uuid

from confluent_kafka import Consumer
from confluent_kafka.admin import AdminClient, NewTopic

bootstrap = sys.argv[1]
suffix = uuid.uuid4().hex[:6]
topic, group = f"expiry-{suffix}", f"expiry-{suffix}"
admin = AdminClient({"bootstrap.servers": bootstrap})
for future in admin.create_topics([NewTopic(topic, 4)]).values():
    future.result()

member = f"""
from confluent_kafka import Consumer
c = Consumer({{"bootstrap.servers": "{bootstrap}", "group.id": "{group}", "session.timeout.ms": 6000}})
c.subscribe(["{topic}"], on_assign=lambda c, partitions: print("assigned", flush=True))
while True:
    c.poll(0.2)
"""
first = subprocess.Popen([sys.executable, "-c", member], stdout=subprocess.PIPE, text=True)
first.stdout.readline()
first.send_signal(signal.SIGKILL)
first.wait()
print("1. a member got all 4 partitions and was killed with SIGKILL (no LeaveGroup); session.timeout.ms=6000")

time.sleep(10)
description = admin.describe_consumer_groups([group])[group].result()
print(f"2. 10 s later the group is {description.state.name} with {len(description.members)} member(s) "
      "(Kafka: EMPTY with 0 members, the session expired after 6 s)")

second = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "session.timeout.ms": 6000})
assigned = []
second.subscribe([topic], on_assign=lambda c, partitions: assigned.extend(p.partition for p in partitions))
started = time.time()
while time.time() - started < 20 and not assigned:
    second.poll(0.2)
print(f"3. a new member got partitions {sorted(assigned)} within {time.time() - started:.1f} s"
      if assigned else "3. a new member got NO partitions within 20 s (Kafka: all 4 at once)")
expired = description.members == [] and sorted(assigned) == [0, 1, 2, 3]
print("OK: the broker expires silent members" if expired else "BUG: the broker does not expire silent members")
sys.exit(0 if expired else 1)
