#!/usr/bin/env bash
# Quick start: install what is missing, build kafka-skill, regenerate and lint the kafka-events skill, then run
# the main job end to end on an embedded cluster: a three-broker cluster, messages through it while a broker
# goes down and Produce requests fail, every message read back; then verify proves lessons 6 (reliable
# producers, under broker loss, Produce errors and leader moves) and 12 (schema evolution through the schema
# registry) by building and running the scaffolded examples on clusters of their own.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="/opt/swift/usr/bin:$PATH"
scripts/install-deps.sh

echo "==> building kafka-skill"
swift build --product kafka-skill
bin=$(swift build --show-bin-path)
ks="$bin/kafka-skill"

echo "==> generating and linting the kafka-events skill"
"$ks" generate
"$ks" lint
.build-tools/venv/bin/agentskills validate skills/kafka-events

echo "==> embedded cluster"
state=$(mktemp -d)
export KAFKA_SKILL_STATE_DIR="$state"
"$ks" cluster up --brokers 3 --topic quickstart:3 > "$state/up.log" &
cluster=$!
trap '"$ks" cluster down >/dev/null 2>&1 || kill $cluster 2>/dev/null; wait $cluster 2>/dev/null || true; rm -rf "$state"' EXIT
for _ in $(seq 100); do grep -q '^bootstrap servers:' "$state/up.log" 2>/dev/null && break; sleep 0.1; done
bootstrap=$(sed -n 's/^bootstrap servers: //p' "$state/up.log")
"$ks" cluster status

echo "==> 300 keyed messages while Produce requests fail and broker 2 goes down and up"
"$ks" cluster fault errors Produce NOT_LEADER_FOR_PARTITION,REQUEST_TIMED_OUT,_TRANSPORT
seq 0 299 | awk '{ print "key-" $1 % 10 ":" $1 }' | kcat -b "$bootstrap" -P -t quickstart -K: -X enable.idempotence=true &
producer=$!
"$ks" cluster fault broker-down 2
sleep 1
"$ks" cluster fault broker-up 2
wait $producer

read=$(kcat -b "$bootstrap" -C -t quickstart -o beginning -e -q -f '%s\n' | sort -n | uniq | wc -l)
echo "read back $read of 300 distinct messages"
[ "$read" -eq 300 ] || { echo "messages were lost" >&2; exit 1; }

echo "==> verifying lessons 6 and 12 with the scaffolded examples (first build about 2 minutes)"
"$ks" verify --lesson 6 --lesson 12 --allow-pending --report .build-verify/report
echo "report: .build-verify/report/index.html"
echo "==> done"
