#!/usr/bin/env bash
# Times `kafka-skill generate` of the whole kafka-events bundle from a release build and prints the
# median of RUNS runs (target: under 0.3 s). Each run renders all lessons and swaps the bundle into a
# temporary folder, so the first run measures a fresh write and the others the replace-and-swap path.
#
# Environment: RUNS (default 11), PACKAGE_DIR (the Swift package to build, default the repository root),
# PRODUCT (the executable product, default kafka-skill). Exits 1 when the median misses the target.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PACKAGE_DIR=${PACKAGE_DIR:-$ROOT}
PRODUCT=${PRODUCT:-kafka-skill}
RUNS=${RUNS:-11}
TARGET_SECONDS=0.3

swift build -c release --package-path "$PACKAGE_DIR" --product "$PRODUCT" >&2
BIN="$(swift build -c release --package-path "$PACKAGE_DIR" --show-bin-path)/$PRODUCT"

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

for _ in $(seq "$RUNS"); do
    start=$(date +%s%N)
    "$BIN" generate --lessons "$ROOT/lessons" --out "$OUT/kafka-events" > /dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
done | sort -n | awk -v target="$TARGET_SECONDS" '
    { us[NR] = $1 }
    END {
        median = (NR % 2) ? us[(NR + 1) / 2] : (us[NR / 2] + us[NR / 2 + 1]) / 2
        printf "generate: median %.3f s over %d runs (min %.3f s, max %.3f s); target < %s s\n",
            median / 1e6, NR, us[1] / 1e6, us[NR] / 1e6, target
        if (median / 1e6 >= target) exit 1
    }'
