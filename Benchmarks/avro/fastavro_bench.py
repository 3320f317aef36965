"""Encode and decode the benchmark record with fastavro, N records per run, the same way as the Swift
benchmark: every record into one reused buffer, then every record back out of it. Prints the median records
per second of each measurement as `name operation value` lines for run.sh to compare."""

import io
import json
import sys
import time

import fastavro

LEVELS = ["DEBUG", "INFO", "WARN", "ERROR"]


def make_record(index):
    """Record `index`, built the same way as makeEvent in the Swift benchmark."""
    return {
        "id": index,
        "sequence": index * 1_000_003,
        "name": f"user-{index % 1000}",
        "score": index * 0.5,
        "active": index % 2 == 0,
        "level": LEVELS[index % 4],
        "tags": ["alpha", "beta", f"t{index % 10}"],
        "attributes": {"region": "eu-west-1", "source": "bench"},
        "note": None if index % 3 == 0 else f"note {index}",
        "createdAt": 1_700_000_000_000 + index,
    }


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: fastavro_bench.py SCHEMA.avsc RECORDS RUNS\n")
        sys.exit(2)
    with open(sys.argv[1], encoding="utf-8") as handle:
        schema = fastavro.parse_schema(json.load(handle))
    count = int(sys.argv[2])
    runs = int(sys.argv[3])
    records = [make_record(index) for index in range(count)]
    writer = fastavro.schemaless_writer
    reader = fastavro.schemaless_reader

    encode_rates = []
    decode_rates = []
    encoded = b""
    for _ in range(runs):
        buffer = io.BytesIO()
        start = time.perf_counter()
        for record in records:
            writer(buffer, schema, record)
        encode_rates.append(count / (time.perf_counter() - start))
        encoded = buffer.getvalue()

        source = io.BytesIO(encoded)
        checksum = 0
        start = time.perf_counter()
        for _ in range(count):
            checksum += len(reader(source, schema, None))
        decode_rates.append(count / (time.perf_counter() - start))

    encode_rates.sort()
    decode_rates.sort()
    print(f"fastavro encode {encode_rates[runs // 2]}")
    print(f"fastavro decode {decode_rates[runs // 2]}")
    print(f"bytes-per-record {len(encoded) / count}")


if __name__ == "__main__":
    main()
