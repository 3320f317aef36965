#!/usr/bin/env bash
# Times `kafka-skill lag` end to end (process start, metadata, one offset fetch, one ListOffsets per leader,
# report) on a group committed to every partition of a 1,000-partition topic on the embedded cluster
# (3 brokers). Prints each run, the median, and the ratio to the target: under 1 s.
#
#   Benchmarks/lag/run.sh [RUNS]                      # default 10 runs; PARTITIONS=1000
#   KAFKA_SKILL=/path/to/kafka-skill Benchmarks/lag/run.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/time-runs.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-10}"
partitions="${PARTITIONS:-1000}"
if [ -z "${KAFKA_SKILL:-}" ]; then
    swift build -c release --package-path "$root" --product kafka-skill >&2
    KAFKA_SKILL="$(swift build -c release --package-path "$root" --show-bin-path)/kafka-skill"
fi
state="$(mktemp -d)"
KAFKA_SKILL_STATE_DIR="$state" "$KAFKA_SKILL" cluster up --brokers 3 --topic "lag-bench:$partitions" > "$state/up.log" 2>&1 &
cluster=$!
trap 'kill $cluster 2>/dev/null; wait $cluster 2>/dev/null; rm -rf "$state"' EXIT
for _ in $(seq 200); do grep -q '^bootstrap servers:' "$state/up.log" 2>/dev/null && break; sleep 0.1; done
bootstrap=$(sed -n 's/^bootstrap servers: //p' "$state/up.log")
cc -O2 -o "$state/commit" "$root/Benchmarks/lag/commit.c" -lrdkafka
"$state/commit" "$bootstrap" lag-bench "$partitions" lag-bench-group 4

# One untimed run checks the answer and warms the caches.
"$KAFKA_SKILL" lag --bootstrap "$bootstrap" --group lag-bench-group --format json > "$state/warm.json" || true
reported=$(grep -o '"partition":' "$state/warm.json" | wc -l | tr -d ' ')
[ "$reported" = "$partitions" ] || { echo "lag reported $reported partitions, expected $partitions" >&2; exit 1; }
time_runs "$runs" "$KAFKA_SKILL" lag --bootstrap "$bootstrap" --group lag-bench-group
echo "median of $runs runs: ${median} ms for kafka-skill lag on $partitions partitions; target < 1000 ms (ratio $(ratio "$median" 1000) of the target)"
