#!/usr/bin/env bash
# The whole test suite: the Swift tests (against the embedded cluster over TCP, real processes, real
# files, loopback HTTP servers), the skill bundle's drift check, lint and the reference validator, the
# offline review of the generated examples, each example's build and smoke test, and every lesson proved by
# `kafka-skill verify --all` (examples run under faults on embedded clusters; report in .build-verify/report),
# then lessons 13 and 14 again on noida-db, a one-node broker that writes transaction markers (report in
# .build-verify/report-noida). noida-db is required here: a missing one fails the run, it is never skipped.
# Last, 20 seconds of each fuzz target (scripts/fuzz.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="/opt/swift/usr/bin:$PATH"
scripts/install-deps.sh
export KAFKA_SKILL_REQUIRE_NOIDA=1

swift build --build-tests
# One test target at a time (its suites still run in parallel): on 2 cores, the heavy targets (Kafka, Verify,
# Avro) running beside the timing tests of the registry and model clients starved the cooperative pool.
for target in $(grep -A1 '\.testTarget(' Package.swift | sed -n 's/.*name: "\([A-Za-z]*\)".*/\1/p'); do
  swift test --skip-build --filter "^${target}\."
done
kafka_skill=$(swift build --show-bin-path)/kafka-skill
"$kafka_skill" generate --check
"$kafka_skill" lint
# Strimzi manifests for the example specs, both API versions, against the bundled CRD schemas; the services'
# Kubernetes objects against Kubernetes' own schemas.
k8s=$(mktemp -d)
"$kafka_skill" manifests specs/*.yaml --profile production --services --out "$k8s/v1" > /dev/null
"$kafka_skill" manifests specs/*.yaml --profile production --strimzi 0.48.0 --out "$k8s/v1beta2" > /dev/null
"$kafka_skill" lint --manifests "$k8s/v1" --manifests "$k8s/v1beta2" > /dev/null
.build-tools/venv/bin/kubernetes-validate --strict --no-warn -k 1.33.0 "$k8s"/v1/services/*/*.yaml > /dev/null
rm -rf "$k8s"
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
"$kafka_skill" verify --broker noida --lesson 13 --lesson 14 --report .build-verify/report-noida
# The libFuzzer target that has run here, for a short fixed time on its committed seeds (AddressSanitizer on);
# scripts/fuzz.sh with no arguments builds and runs the others (Avro binary and Codable, wire format, registry bodies).
scripts/fuzz.sh 20 FuzzAvroSchema
