#!/usr/bin/env bash
# Hostile-size inputs against their targets (issue 18), from a release build, in one invocation:
#   schema check of a 100,000-symbol enum (old → new adds one symbol)   target < 1 s
#   schema check of a 20,000-field record (old → new adds one field)    target < 1 s
#   review of one 20 MB Swift file (offline rules, with findings)        target < 10 s
# Prints each median of RUNS runs, its target and the ratio median/target; exits 1 when a ratio is 1 or more.
#
# Environment: RUNS (default 3).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${RUNS:-3}
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --package-path "$ROOT" --product kafka-skill >&2
BIN="$(swift build -c release --package-path "$ROOT" --show-bin-path)/kafka-skill"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
symbols = [f"S{i}" for i in range(100_000)]
for name, count in (("enum-old.avsc", len(symbols)), ("enum-new.avsc", len(symbols))):
    extra = ["EXTRA"] if name == "enum-new.avsc" else []
    json.dump({"type": "enum", "name": "Big", "symbols": symbols + extra, "default": "S0"}, open(f"{work}/{name}", "w"))
fields = [{"name": f"f{i}", "type": "int"} for i in range(20_000)]
json.dump({"type": "record", "name": "Wide", "fields": fields}, open(f"{work}/record-old.avsc", "w"))
json.dump({"type": "record", "name": "Wide", "fields": fields + [{"name": "extra", "type": "long", "default": 0}]},
          open(f"{work}/record-new.avsc", "w"))
# 20 MB of Swift: ordinary lines with a force-try every 50 lines, so the review places thousands of findings.
lines = []
size = 0
index = 0
while size < 20 * 1024 * 1024:
    line = f"let value{index} = try! decode(bytes{index})" if index % 50 == 0 else f"let value{index} = compute({index}) // a comment"
    lines.append(line)
    size += len(line) + 1
    index += 1
open(f"{work}/Big.swift", "w").write("\n".join(lines) + "\n")
PY

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
time_runs() {
    for _ in $(seq "$RUNS"); do
        start=$(date +%s%N)
        "$@" > /dev/null 2>&1 || true
        end=$(date +%s%N)
        echo $(( (end - start) / 1000000 ))
    done | median
}

status=0
report() { # name median_ms target_s
    awk -v name="$1" -v ms="$2" -v target="$3" 'BEGIN {
        ratio = ms / 1000 / target
        printf "%-34s median %7.3f s over '"$RUNS"' runs; target < %s s; ratio %.3f\n", name, ms / 1000, target, ratio
        exit (ratio >= 1) }' || status=1
}
report "schema check, 100k-symbol enum" "$(time_runs "$BIN" schema check "$WORK/enum-old.avsc" "$WORK/enum-new.avsc" --level full)" 1
report "schema check, 20k-field record" "$(time_runs "$BIN" schema check "$WORK/record-old.avsc" "$WORK/record-new.avsc" --level full)" 1
report "review, one 20 MB file" "$(time_runs bash -c "cd '$ROOT' && '$BIN' review '$WORK/Big.swift' --no-cache")" 10
exit $status
