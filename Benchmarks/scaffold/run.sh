#!/usr/bin/env bash
# Times `kafka-skill scaffold` end to end (process start, spec, template, render, write) for one service:
# a release build of kafka-skill scaffolds specs/order-events-worker.yaml into a new temporary folder N
# times; the generated package is not built. Prints each run and the median. Target: under 100 ms.
#
#   Benchmarks/scaffold/run.sh [RUNS]          # default 20 runs
#   KAFKA_SKILL=/path/to/kafka-skill Benchmarks/scaffold/run.sh   # time a binary built elsewhere
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-20}"
spec="${SPEC:-specs/order-events-worker.yaml}"

if [ -z "${KAFKA_SKILL:-}" ]; then
    swift build -c release --package-path "$root" --product kafka-skill >&2
    KAFKA_SKILL="$(swift build -c release --package-path "$root" --show-bin-path)/kafka-skill"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
# One untimed run warms the file cache.
"$KAFKA_SKILL" scaffold "$spec" --out "$work/warm-up" > /dev/null
times=()
for i in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    "$KAFKA_SKILL" scaffold "$spec" --out "$work/run-$i" > /dev/null
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    times+=("$ms")
    echo "run $i: ${ms} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }')
files=$(find "$work/run-1" -type f -not -path '*/.kafka-skill/*' | wc -l | tr -d ' ')
echo "median of $runs runs: ${median} ms to scaffold $spec ($files files; target < 100 ms)"
