#!/usr/bin/env bash
# Encode and decode the 10-field record in event.avsc with this package's Swift Avro library and with fastavro
# (PyPI), side by side, in one invocation: builds the Swift benchmark in release mode, installs fastavro into
# Benchmarks/.venv when it is missing, runs both, and prints records/s (median of RUNS runs) and the ratios.
#
# Usage: Benchmarks/avro/run.sh [RECORDS] [RUNS]     (defaults: 200000 records, 5 runs)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
records="${1:-200000}"
runs="${2:-5}"
venv="$here/../.venv"
schema="$here/event.avsc"

if ! "$venv/bin/python" -c "import fastavro" 2>/dev/null; then
    echo "installing fastavro into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check fastavro
fi

echo "building the Swift benchmark (release)" >&2
swift build -c release --package-path "$here" >&2
binary="$(swift build -c release --package-path "$here" --show-bin-path)/AvroBenchmark"

echo "running $runs runs of $records records each" >&2
swift_results="$("$binary" "$schema" "$records" "$runs")"
fastavro_results="$("$venv/bin/python" "$here/fastavro_bench.py" "$schema" "$records" "$runs")"
fastavro_version="$("$venv/bin/python" -c 'import fastavro; print(fastavro.__version__)')"

printf '%s\n%s\n' "$swift_results" "$fastavro_results" | awk \
    -v records="$records" -v runs="$runs" -v version="$fastavro_version" '
    $2 == "encode" || $2 == "decode" { rate[$1, $2] = $3 }
    $1 == "bytes-per-record" { size = $2 }
    function row(label, name) {
        printf "%-22s %14s %14s\n", label, commas(rate[name, "encode"]), commas(rate[name, "decode"])
    }
    function commas(value,    text, result) {
        text = sprintf("%d", value)
        result = ""
        while (length(text) > 3) {
            result = "," substr(text, length(text) - 2) result
            text = substr(text, 1, length(text) - 3)
        }
        return text result
    }
    function ratio(name, operation) {
        return rate[name, operation] / rate["fastavro", operation]
    }
    END {
        printf "Avro encode/decode of a 10-field record (event.avsc, %.1f bytes), %d records per run, median of %d runs\n\n", size, records, runs
        printf "%-22s %14s %14s\n", "records/s", "encode", "decode"
        row("fastavro " version, "fastavro")
        row("Swift AvroValue", "swift-generic")
        row("Swift Codable", "swift-codable")
        printf "\n%-22s %13.2fx %13.2fx\n", "Swift AvroValue ratio", ratio("swift-generic", "encode"), ratio("swift-generic", "decode")
        printf "%-22s %13.2fx %13.2fx\n", "Swift Codable ratio", ratio("swift-codable", "encode"), ratio("swift-codable", "decode")
        met = ratio("swift-generic", "encode") >= 1 && ratio("swift-generic", "decode") >= 1 \
            && ratio("swift-codable", "encode") >= 1 && ratio("swift-codable", "decode") >= 1
        printf "\ntarget (>= 1x fastavro for encode and decode): %s\n", met ? "met" : "NOT met"
    }'
