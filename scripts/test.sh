#!/usr/bin/env bash
# The whole test suite: the Swift tests (against the embedded cluster over TCP, real processes, real
# files, loopback HTTP servers), the skill bundle's drift check, lint and the reference validator, the
# offline review of the generated examples, each example's build and smoke test, and every lesson proved by
# `kafka-skill verify --all` (examples run under faults on embedded clusters; report in .build-verify/report),
# and 20 seconds of each fuzz target (scripts/fuzz.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="/opt/swift/usr/bin:$PATH"
scripts/install-deps.sh

swift build --build-tests
swift test --skip-build
kafka_skill=$(swift build --show-bin-path)/kafka-skill
"$kafka_skill" generate --check
"$kafka_skill" lint
.build-tools/venv/bin/agentskills validate skills/kafka-events
"$kafka_skill" review examples --fail-on warning
scripts/smoke-examples.sh
"$kafka_skill" verify --all --report .build-verify/report
# Every libFuzzer target for a short fixed time on its committed seeds (AddressSanitizer on).
scripts/fuzz.sh 20
