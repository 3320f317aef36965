#!/usr/bin/env bash
# The whole test suite: the Swift tests (against the embedded cluster over TCP, real processes, real
# files, loopback HTTP servers), the skill bundle's drift check, lint and the reference validator, the
# offline review of the generated examples, each example's build and smoke test, and every lesson proved by
# `kafka-skill verify --all` (examples run under faults on embedded clusters; report in .build-verify/report).
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
# The eval pipeline end to end against a scripted loopback model server (no model, no key).
eval_port_file=$(mktemp)
python3 scripts/eval-stub-server.py "$eval_port_file" &
eval_stub=$!
trap 'kill "$eval_stub" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [ -s "$eval_port_file" ] && break; sleep 0.1; done
"$kafka_skill" eval --provider openai --base-url "http://127.0.0.1:$(cat "$eval_port_file")/v1" --runs 1 --out .build-eval
kill "$eval_stub"
scripts/smoke-examples.sh
"$kafka_skill" verify --all --allow-pending --report .build-verify/report
