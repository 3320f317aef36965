#!/usr/bin/env bash
# Times `kafka-skill manifests specs/*.yaml --profile production` end to end (process start, six specs,
# render, schema validation of every file, write) into a new temporary folder N times. Prints each run,
# the median, and the ratio to the target: under 100 ms.
#
#   Benchmarks/manifests/run.sh [RUNS]          # default 20 runs
#   KAFKA_SKILL=/path/to/kafka-skill Benchmarks/manifests/run.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/time-runs.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-20}"
if [ -z "${KAFKA_SKILL:-}" ]; then
    swift build -c release --package-path "$root" --product kafka-skill >&2
    KAFKA_SKILL="$(swift build -c release --package-path "$root" --show-bin-path)/kafka-skill"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
specs=(specs/*.yaml)
"$KAFKA_SKILL" manifests "${specs[@]}" --profile production --out "$work/warm-up" > /dev/null
# Each run writes a new folder, so every run renders, validates and writes all files.
count=0
fresh_manifests() { count=$((count + 1)); "$KAFKA_SKILL" manifests "${specs[@]}" --profile production --out "$work/run-$count"; }
time_runs "$runs" fresh_manifests
files=$(find "$work/run-1" -type f | wc -l | tr -d ' ')
echo "median of $runs runs: ${median} ms for manifests of ${#specs[@]} specs ($files files); target < 100 ms (ratio $(ratio "$median" 100) of the target)"
