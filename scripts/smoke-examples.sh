#!/usr/bin/env bash
# Builds every generated example under examples/ and runs its tests (produce N, consume N, nothing lost)
# against the embedded cluster, for CI. Fails on a build error, a failed test, or a compiler warning in an
# example's own sources. Examples with Avro values (the customer-events evolution pair) start the embedded schema
# registry inside their tests, so they need nothing else running.
#
#   scripts/smoke-examples.sh                 # all examples
#   scripts/smoke-examples.sh order-enricher  # some of them
#
# The examples share one scratch folder (SMOKE_SCRATCH_PATH, default .build-examples), so the Kafka module
# and the dependencies are compiled once, not once per example.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${SMOKE_SCRATCH_PATH:-$root/.build-examples}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

if [ "$#" -gt 0 ]; then
    names=("$@")
else
    names=()
    for package in "$root"/examples/*/Package.swift; do names+=("$(basename "$(dirname "$package")")"); done
fi

failed=()
for name in "${names[@]}"; do
    example="$root/examples/$name"
    echo "== $name: build"
    if ! swift build --package-path "$example" --scratch-path "$scratch" --build-tests 2>&1 | tee "$log"; then
        failed+=("$name (build)")
        continue
    fi
    if grep -F "$example/" "$log" | grep -q "warning:"; then
        echo "$name: the generated code has compiler warnings" >&2
        failed+=("$name (warnings)")
    fi
    echo "== $name: test"
    if ! swift test --package-path "$example" --scratch-path "$scratch" --skip-build; then
        failed+=("$name (test)")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    printf 'failed: %s\n' "${failed[@]}" >&2
    exit 1
fi
echo "all ${#names[@]} example(s) built and passed their tests"
