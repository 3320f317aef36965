#!/usr/bin/env bash
# Times `kafka-skill verify --all` from a cold build cache and again warm (every example build reused), and
# compares them with the targets: warm under 2 minutes, cold under 10 minutes on a 2-core machine.
#
# "Cold" removes .build-verify/ (the examples' scratch builds and cache records); SwiftPM's own download
# cache in ~/.cache stays, as it would on a developer machine. Each run writes its report (report.json,
# junit.xml, HTML) under Benchmarks/out/verify/<cold|warm>/.
#
# Usage: Benchmarks/verify/run.sh [extra verify options]      e.g. --jobs 4 or --bootstrap HOST:9092
# Environment: KAFKA_SKILL  path to a built kafka-skill (default: build it in debug mode)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/Benchmarks/out/verify"
binary="${KAFKA_SKILL:-}"

if [ -z "$binary" ]; then
    echo "building kafka-skill (debug)" >&2
    swift build -c debug --package-path "$root" --product kafka-skill >&2
    binary="$(swift build -c debug --package-path "$root" --show-bin-path)/kafka-skill"
fi
if ! "$binary" verify --help >/dev/null 2>&1; then
    echo "$binary has no verify subcommand; register KafkaSkill.Verify in the root command" >&2
    exit 2
fi
if ! ls "$root"/examples/*/Package.swift >/dev/null 2>&1; then
    echo "note: no examples/*/Package.swift yet, so every run lesson is pending and only the spec checks are timed" >&2
fi

run() {
    local label="$1"
    shift
    mkdir -p "$out/$label"
    local start end status
    start="$(date +%s.%N)"
    status=0
    (cd "$root" && "$binary" verify --all --report "$out/$label" "$@" >"$out/$label/output.txt" 2>&1) || status=$?
    end="$(date +%s.%N)"
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f\n", e - s }' >"$out/$label/seconds"
    echo "$status" >"$out/$label/status"
}

rm -rf "$root/.build-verify"
echo "cold run (no build cache)" >&2
run cold "$@"
echo "warm run (builds cached)" >&2
run warm "$@"

summary() {
    python3 - "$out/$1/report.json" <<'EOF'
import json, sys, collections
try:
    report = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    print("no report")
    sys.exit(0)
counts = collections.Counter(lesson["status"] for lesson in report["lessons"])
print(", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
EOF
}

cold="$(cat "$out/cold/seconds")"
warm="$(cat "$out/warm/seconds")"
printf 'kafka-skill verify --all on %s cores\n\n' "$(nproc)"
printf '%-6s %9s  %-4s  %s\n' "run" "seconds" "exit" "lessons"
printf '%-6s %9s  %-4s  %s\n' "cold" "$cold" "$(cat "$out/cold/status")" "$(summary cold)"
printf '%-6s %9s  %-4s  %s\n' "warm" "$warm" "$(cat "$out/warm/status")" "$(summary warm)"
ran="$(python3 -c 'import json, sys; print(sum(1 for l in json.load(open(sys.argv[1]))["lessons"] if l["kind"] == "run" and l["status"] != "pending"))' "$out/warm/report.json" 2>/dev/null || echo 0)"
if [ "$ran" = "0" ]; then
    printf '
targets not measured: no run lesson has its examples yet\n'
    exit 0
fi
awk -v c="$cold" -v w="$warm" -v n="$ran" 'BEGIN {
    printf "\n%d run lessons\ntarget warm < 120 s: %s\ntarget cold < 600 s: %s\n", n, (w < 120 ? "met" : "NOT met"), (c < 600 ? "met" : "NOT met")
}'
