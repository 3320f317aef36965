#!/usr/bin/env bash
# Kafka client throughput, side by side in one invocation against one embedded cluster:
#   Swift (this package's Kafka module) vs librdkafka from C vs confluent-kafka-python.
# 100-byte values, acks=all, idempotence on, linger.ms=5, every delivery report observed; then consuming, timed
# from the first message (librdkafka's offset lookup before it takes the same ~0.5 s for every client, which
# timing from the assignment used to measure instead of throughput), and again after a prefetch ("drain": the
# client's own cost).
# Prints the median messages/s of RUNS runs per client and the ratios, and beside them the CPU time each
# client process used (user + system of the whole process, from wait4 via GNU time) per million messages:
# what the client costs, which swings far less with the machine's load than throughput does. Every median
# comes with its spread (min-max over the runs). Environment: COUNT (messages per run, default 200000),
# PARTITIONS (default 24), RUNS (5), KAFKA_SKILL_BIN (a built kafka-skill to host the
# cluster instead of building one in release). Every client sets sticky.partitioning.linger.ms=0:
# the sticky partitioner otherwise piles tens of thousands of keyless messages into one partition, past the
# mock's 5 MiB cap, which then silently drops the oldest data and leaves consumers waiting for it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
count=${COUNT:-200000}
partitions=${PARTITIONS:-24}
runs=${RUNS:-5}
out="$root/Benchmarks/out"
mkdir -p "$out"

echo "building (release)..." >&2
skill=${KAFKA_SKILL_BIN:-}
if [ -z "$skill" ]; then
  swift build -c release --package-path "$root" --product kafka-skill >&2
  skill="$root/.build/release/kafka-skill"
fi
swift build -c release --package-path "$here" --scratch-path "$root/.build-bench" >&2
cc -O2 -o "$out/bench-c" "$here/c/bench.c" -lrdkafka -lpthread
venv="$root/Benchmarks/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import confluent_kafka" 2>/dev/null || "$venv/bin/pip" install -q confluent-kafka >&2

state=$(mktemp -d)
KAFKA_SKILL_STATE_DIR="$state" "$skill" cluster up --brokers 3 > "$state/up.log" &
cluster=$!
trap 'kill $cluster 2>/dev/null; wait $cluster 2>/dev/null; rm -rf "$state"' EXIT
for _ in $(seq 100); do grep -q '^bootstrap servers:' "$state/up.log" 2>/dev/null && break; sleep 0.1; done
bootstrap=$(sed -n 's/^bootstrap servers: //p' "$state/up.log")
topic() { KAFKA_SKILL_STATE_DIR="$state" "$skill" cluster fault topic "$1" "$partitions" > /dev/null; }

swift_bench="$root/.build-bench/release/KafkaBench"
# Runs one client and prints "MSG_PER_S/CPU_SECONDS_PER_MILLION": the client's own figure, and the user +
# system time of its process (and its threads) per million messages.
client() {
  local command
  case "$1" in
    c) command=("$out/bench-c") ;;
    swift) command=("$swift_bench") ;;
    python) command=("$venv/bin/python" "$here/bench.py") ;;
  esac
  local rate
  rate=$(/usr/bin/time -f '%U %S' -o "$state/usage" "${command[@]}" "${@:2}")
  awk -v rate="$rate" -v count="$5" '{ printf "%s/%.3f", rate, ($1 + $2) / count * 1000000 }' "$state/usage"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
spread() { sort -n | awk '{ v[NR] = $1 } END { printf "%s-%s", v[1], v[NR] }'; }

# Each run starts with a different client, so no client always follows the same one (the cluster and the
# machine are still busy with the previous client's tail for a moment).
order() { case $(( $1 % 3 )) in 1) echo c swift python ;; 2) echo swift python c ;; 0) echo python c swift ;; esac; }
declare -A produced consumed drained
for run in $(seq "$runs"); do
  for name in $(order "$run"); do
    topic "bench-$name-$run"
    produced[$name]+="$(client "$name" produce "$bootstrap" "bench-$name-$run" "$count" "$partitions") "
  done
done
for run in $(seq "$runs"); do
  for name in $(order "$run"); do
    consumed[$name]+="$(client "$name" consume "$bootstrap" "bench-c-1" "$count" "$partitions") "
    drained[$name]+="$(client "$name" drain "$bootstrap" "bench-c-1" "$count" "$partitions") "
  done
done

# Each recorded run is RATE/CPU; split them into the two figures.
rates() { echo "$1" | tr ' ' '\n' | grep . | cut -d/ -f1; }
cpus() { echo "$1" | tr ' ' '\n' | grep . | cut -d/ -f2; }
printf '%-8s %-26s %-26s %-26s\n' client "produce msg/s (spread)" "consume msg/s (spread)" "drain msg/s (spread)"
declare -A p q d pc qc dc
for name in c swift python; do
  p[$name]=$(rates "${produced[$name]}" | median); q[$name]=$(rates "${consumed[$name]}" | median); d[$name]=$(rates "${drained[$name]}" | median)
  printf '%-8s %-26s %-26s %-26s\n' "$name" "${p[$name]} ($(rates "${produced[$name]}" | spread))" \
    "${q[$name]} ($(rates "${consumed[$name]}" | spread))" "${d[$name]} ($(rates "${drained[$name]}" | spread))"
done
printf '%-8s %-26s %-26s %-26s\n' client "produce CPU s/1M (spread)" "consume CPU s/1M (spread)" "drain CPU s/1M (spread)"
for name in c swift python; do
  pc[$name]=$(cpus "${produced[$name]}" | median); qc[$name]=$(cpus "${consumed[$name]}" | median); dc[$name]=$(cpus "${drained[$name]}" | median)
  printf '%-8s %-26s %-26s %-26s\n' "$name" "${pc[$name]} ($(cpus "${produced[$name]}" | spread))" \
    "${qc[$name]} ($(cpus "${consumed[$name]}" | spread))" "${dc[$name]} ($(cpus "${drained[$name]}" | spread))"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "throughput swift/c        produce $(ratio "${p[swift]}" "${p[c]}")x   consume $(ratio "${q[swift]}" "${q[c]}")x   drain $(ratio "${d[swift]}" "${d[c]}")x   (target >= 0.95x produce and drain)"
echo "throughput swift/python   produce $(ratio "${p[swift]}" "${p[python]}")x   consume $(ratio "${q[swift]}" "${q[python]}")x   drain $(ratio "${d[swift]}" "${d[python]}")x   (target >= 3x produce and drain)"
echo "throughput c/python       produce $(ratio "${p[c]}" "${p[python]}")x   consume $(ratio "${q[c]}" "${q[python]}")x   drain $(ratio "${d[c]}" "${d[python]}")x   (librdkafka itself, for scale)"
echo "CPU/msg    swift/c        produce $(ratio "${pc[swift]}" "${pc[c]}")x   consume $(ratio "${qc[swift]}" "${qc[c]}")x   drain $(ratio "${dc[swift]}" "${dc[c]}")x   (target <= 1.10x produce and drain)"
echo "CPU/msg    python/c       produce $(ratio "${pc[python]}" "${pc[c]}")x   consume $(ratio "${qc[python]}" "${qc[c]}")x   drain $(ratio "${dc[python]}" "${dc[c]}")x"
echo "consume is timed from the first message, so librdkafka's fetching and parsing (shared by all three clients,"
echo "on the same cores) is part of it; drain times the same read after librdkafka prefetched the topic: the client's own cost."
echo "CPU is the whole client process (start-up, connection, librdkafka's threads included; for consume and drain"
echo "also the first fetch and, for drain, the prefetch during its 3 s pause), so it includes what all clients share."
echo "($runs runs of $count messages over $partitions partitions, medians; raw rate/CPU: produce ${produced[*]} / consume ${consumed[*]} / drain ${drained[*]})"
