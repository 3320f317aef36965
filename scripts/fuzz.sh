#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (Swift's -sanitize=fuzzer with AddressSanitizer) and runs each for a
# fixed time on a copy of its committed seed corpus (Fuzz/Corpus/<target>). A crash, leak or timeout leaves
# its input in .build-fuzz/crashes/<target>/ and makes the script exit 1: commit that input as a failing test.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 30 seconds each, every target
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="/opt/swift/usr/bin:$PATH"
seconds=${1:-30}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(FuzzAvroSchema FuzzAvroBinary FuzzAvroCodable FuzzWireFormat FuzzRegistryBody)
fi
scratch="$root/.build-fuzz"
flags=(--package-path Fuzz --scratch-path "$scratch/build" -Xswiftc -sanitize=fuzzer,address)
for target in "${targets[@]}"; do
    swift build "${flags[@]}" --product "$target"
done
bin=$(swift build "${flags[@]}" --show-bin-path)
failed=0
for target in "${targets[@]}"; do
    work="$scratch/corpus/$target"
    crashes="$scratch/crashes/$target"
    mkdir -p "$work" "$crashes"
    echo "== $target: ${seconds}s"
    # New inputs go to the work folder; the committed seeds are read, never changed.
    if ! "$bin/$target" "$work" "Fuzz/Corpus/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=1048576 -artifact_prefix="$crashes/" -print_final_stats=1 2>"$scratch/$target.log"; then
        echo "$target found a failure; input in $crashes, log in $scratch/$target.log"
        tail -40 "$scratch/$target.log"
        failed=1
    else
        grep -E "^stat::number_of_executed_units|^Done" "$scratch/$target.log" || true
    fi
done
exit $failed
