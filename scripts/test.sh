#!/usr/bin/env bash
# The whole test suite: the Swift tests (against the embedded cluster over TCP, real processes, real
# files, loopback HTTP servers), the skill bundle's drift check, lint and the reference validator, the
# offline review of the generated examples, each example's build and smoke test, and every lesson proved by
# `kafka-skill verify --all` (examples run under faults on embedded clusters; report in .build-verify/report).
# The Kafka client's tests also run under AddressSanitizer, in their own build folder, so a use of a
# released librdkafka handle fails the run (bounded to 25 minutes; leak reports are off, since a consumer
# whose close librdkafka cannot finish is deliberately left allocated).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="/opt/swift/usr/bin:$PATH"
scripts/install-deps.sh

swift build --build-tests
swift test --skip-build
ASAN_OPTIONS=detect_leaks=0 timeout 25m swift test --sanitize=address --scratch-path .build-asan --filter KafkaTests
kafka_skill=$(swift build --show-bin-path)/kafka-skill
"$kafka_skill" generate --check
"$kafka_skill" lint
.build-tools/venv/bin/agentskills validate skills/kafka-events
"$kafka_skill" review examples --fail-on warning
scripts/smoke-examples.sh
"$kafka_skill" verify --all --report .build-verify/report
