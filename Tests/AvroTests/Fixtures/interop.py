"""Interop partner for the Swift Avro tests, using Apache Avro's Python implementation (PyPI `avro`).

  python interop.py write          prints, as JSON, cases encoded by Python: name, schema, hex bytes, and the
                                   value in the normalized form below
  python interop.py read FILE      reads cases encoded by Swift (name, schema, hex) from FILE and prints each
                                   decoded value in the normalized form (or the error)

Normalized form, shared with the Swift tests: bytes and fixed as {"$bytes": hex}, decimals as {"$decimal":
plain text}, dates as {"$date": days}, times of day as {"$time": microseconds}, timestamps as {"$timestamp":
microseconds}, enums and uuids as strings, records and maps as objects.
"""

import datetime
import decimal
import io
import json
import sys

import avro.io
import avro.schema

UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)

SUIT = {"type": "enum", "name": "Suit", "symbols": ["SPADES", "HEARTS", "DIAMONDS", "CLUBS"]}
NODE = {"type": "record", "name": "Node", "fields": [
    {"name": "value", "type": "int"}, {"name": "next", "type": ["null", "Node"]}]}
EVERYTHING = {"type": "record", "name": "Everything", "namespace": "org.example", "fields": [
    {"name": "n", "type": "null"},
    {"name": "flag", "type": "boolean"},
    {"name": "i", "type": "int"},
    {"name": "l", "type": "long"},
    {"name": "f", "type": "float"},
    {"name": "d", "type": "double"},
    {"name": "raw", "type": "bytes"},
    {"name": "s", "type": "string"},
    {"name": "suit", "type": SUIT},
    {"name": "hash", "type": {"type": "fixed", "name": "MD5", "size": 16}},
    {"name": "tags", "type": {"type": "array", "items": "string"}},
    {"name": "scores", "type": {"type": "map", "values": "long"}},
    {"name": "maybe", "type": ["null", "string"]},
    {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [
        {"name": "x", "type": "int"}, {"name": "y", "type": ["null", "Inner"]}]}},
    {"name": "day", "type": {"type": "int", "logicalType": "date"}},
    {"name": "tms", "type": {"type": "int", "logicalType": "time-millis"}},
    {"name": "tus", "type": {"type": "long", "logicalType": "time-micros"}},
    {"name": "tsms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
    {"name": "tsus", "type": {"type": "long", "logicalType": "timestamp-micros"}},
    {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 4}},
    {"name": "amount", "type": {"type": "fixed", "name": "Amount", "size": 12, "logicalType": "decimal",
                                "precision": 28, "scale": 2}},
    {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
]}


def cases():
    """(name, schema, value) triples covering every type and logical type."""
    return [
        ("null", "null", None),
        ("boolean-true", "boolean", True),
        ("boolean-false", "boolean", False),
        ("int-max", "int", 2**31 - 1),
        ("int-min", "int", -(2**31)),
        ("long-max", "long", 2**63 - 1),
        ("long-min", "long", -(2**63)),
        ("float", "float", -0.25),
        ("double", "double", 1e300),
        ("double-small", "double", -2.5e-10),
        ("bytes", "bytes", b"\x00\xff avro"),
        ("string", "string", "h\u00e9llo \u2713 \U0001F30D"),
        ("string-empty", "string", ""),
        ("enum", SUIT, "CLUBS"),
        ("fixed", {"type": "fixed", "name": "F4", "size": 4}, b"\x01\x02\x03\x04"),
        ("array", {"type": "array", "items": "long"}, [3, 27, -1]),
        ("array-empty", {"type": "array", "items": "string"}, []),
        ("map", {"type": "map", "values": "string"}, {"a": "x", "b": ""}),
        ("map-empty", {"type": "map", "values": "int"}, {}),
        ("union-null", ["null", "string"], None),
        ("union-string", ["null", "string"], "present"),
        ("union-record", ["null", NODE], {"value": 1, "next": None}),
        ("union-map", ["string", {"type": "map", "values": "int"}], {"k": 1}),
        ("recursive", NODE, {"value": 0, "next": {"value": 1, "next": {"value": 2, "next": None}}}),
        ("date", {"type": "int", "logicalType": "date"}, datetime.date(2022, 1, 15)),
        ("date-before-epoch", {"type": "int", "logicalType": "date"}, datetime.date(1901, 12, 13)),
        ("time-millis", {"type": "int", "logicalType": "time-millis"}, datetime.time(12, 34, 56, 789000)),
        ("time-micros", {"type": "long", "logicalType": "time-micros"}, datetime.time(23, 59, 59, 999999)),
        ("timestamp-millis", {"type": "long", "logicalType": "timestamp-millis"},
         datetime.datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=UTC)),
        ("timestamp-millis-before-epoch", {"type": "long", "logicalType": "timestamp-millis"},
         datetime.datetime(1960, 2, 29, 1, 2, 3, 4000, tzinfo=UTC)),
        ("timestamp-micros", {"type": "long", "logicalType": "timestamp-micros"},
         datetime.datetime(2023, 11, 14, 22, 13, 20, 123456, tzinfo=UTC)),
        ("decimal-bytes", {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 4},
         decimal.Decimal("-12345.6789")),
        ("decimal-bytes-zero", {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2},
         decimal.Decimal("0.00")),
        ("decimal-fixed", {"type": "fixed", "name": "Amount", "size": 12, "logicalType": "decimal",
                           "precision": 28, "scale": 2}, decimal.Decimal("98765432109876543210.99")),
        ("decimal-fixed-negative", {"type": "fixed", "name": "Small", "size": 3, "logicalType": "decimal",
                                    "precision": 6, "scale": 1}, decimal.Decimal("-8388.6")),
        ("uuid", {"type": "string", "logicalType": "uuid"}, "123e4567-e89b-12d3-a456-426614174000"),
        ("everything", EVERYTHING, {
            "n": None, "flag": True, "i": -123456, "l": 9007199254740993, "f": 3.5, "d": -0.000123,
            "raw": b"\x00\x01\x02\xff", "s": "h\u00e9llo", "suit": "DIAMONDS", "hash": bytes(range(16)),
            "tags": ["a", "b"], "scores": {"x": 1, "y": -2}, "maybe": "present",
            "inner": {"x": 1, "y": {"x": 2, "y": None}},
            "day": datetime.date(2022, 1, 15), "tms": datetime.time(12, 34, 56, 789000),
            "tus": datetime.time(12, 34, 56, 789012),
            "tsms": datetime.datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=UTC),
            "tsus": datetime.datetime(2023, 11, 14, 22, 13, 20, 123456, tzinfo=UTC),
            "price": decimal.Decimal("-12345.6789"), "amount": decimal.Decimal("98765432109876543210.99"),
            "id": "123e4567-e89b-12d3-a456-426614174000",
        }),
    ]


def normalize(value):
    """The normalized JSON form of a value returned by avro's DatumReader (or given to its DatumWriter)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, bytes):
        return {"$bytes": value.hex()}
    if isinstance(value, decimal.Decimal):
        return {"$decimal": format(value, "f")}
    if isinstance(value, datetime.datetime):
        return {"$timestamp": (value - EPOCH) // datetime.timedelta(microseconds=1)}
    if isinstance(value, datetime.date):
        return {"$date": (value - datetime.date(1970, 1, 1)).days}
    if isinstance(value, datetime.time):
        seconds = (value.hour * 60 + value.minute) * 60 + value.second
        return {"$time": seconds * 1_000_000 + value.microsecond}
    if isinstance(value, list):
        return [normalize(item) for item in value]
    if isinstance(value, dict):
        return {key: normalize(item) for key, item in value.items()}
    raise TypeError(f"cannot normalize {type(value).__name__}")


def write():
    output = []
    for name, schema_json, value in cases():
        schema_text = json.dumps(schema_json)
        schema = avro.schema.parse(schema_text)
        buffer = io.BytesIO()
        avro.io.DatumWriter(schema).write(value, avro.io.BinaryEncoder(buffer))
        output.append({"name": name, "schema": schema_text, "hex": buffer.getvalue().hex(), "value": normalize(value)})
    json.dump(output, sys.stdout)


def read(path):
    with open(path, encoding="utf-8") as handle:
        inputs = json.load(handle)
    output = []
    for case in inputs:
        try:
            schema = avro.schema.parse(case["schema"])
            decoder = avro.io.BinaryDecoder(io.BytesIO(bytes.fromhex(case["hex"])))
            value = avro.io.DatumReader(schema).read(decoder)
            output.append({"name": case["name"], "value": normalize(value)})
        except Exception as error:  # report every failure to the Swift test instead of stopping at the first
            output.append({"name": case["name"], "error": f"{type(error).__name__}: {error}"})
    json.dump(output, sys.stdout)


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "write":
        write()
    elif len(sys.argv) == 3 and sys.argv[1] == "read":
        read(sys.argv[2])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
