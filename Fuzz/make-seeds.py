#!/usr/bin/env python3
"""Writes Fuzz/Corpus/<Target>/ seed files from the tests' fixtures, the specs and lessons, and the Apache Avro
vectors in Tests/AvroTests/Fixtures. Run from the repository root; the output is committed."""
import glob, hashlib, json, os, re, struct

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(root, "Fuzz", "Corpus")

def seed(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)

def read(path):
    with open(os.path.join(root, path), "rb") as f:
        return f.read()

# Avro schemas: the Apache canonical-form inputs, the specs' schemas, the scaffold fixtures.
text = read("Tests/AvroTests/Fixtures/schema-tests.txt").decode()
schemas = re.findall(r"<<INPUT (.+)", text) + re.findall(r"<<INPUT\n(.*?)\nINPUT", text, re.S)
for path in glob.glob(os.path.join(root, "specs/schemas/*.avsc")) + glob.glob(os.path.join(root, "Tests/ScaffoldTests/Fixtures/**/*.avsc"), recursive=True):
    schemas.append(open(path).read())
for schema in schemas:
    seed("FuzzAvroSchema", schema)
    seed("FuzzRegistryBody", json.dumps({"schema": schema}))
    seed("FuzzRegistryBody", json.dumps({"schema": schema, "schemaType": "AVRO"}))
for level in ["BACKWARD", "FULL_TRANSITIVE", "NONE", "nonsense"]:
    seed("FuzzRegistryBody", json.dumps({"compatibility": level}))

# Avro binary: the must-reject vectors, each with every schema selector byte the generic target knows.
vectors = json.loads(read("Tests/AvroTests/Fixtures/binary-rejections.json"))["vectors"]
for vector in vectors:
    payload = bytes.fromhex(vector["bytesHex"])
    for selector in range(11):
        seed("FuzzAvroBinary", bytes([selector]) + payload)
    seed("FuzzAvroCodable", payload)
    seed("FuzzWireFormat", b"\x00" + struct.pack(">i", 1) + payload)
    seed("FuzzWireFormat", b"\x00" + struct.pack(">i", 2) + payload)

def zigzag(n):
    n = (n << 1) ^ (n >> 63)
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)

def string(s):
    data = s.encode()
    return zigzag(len(data)) + data

# A valid Order for the Codable target: id, customer, amount, tags, attributes, status, note.
order = (zigzag(42) + string("alice") + struct.pack("<d", 9.5) + zigzag(2) + string("a") + string("b") + zigzag(0)
         + zigzag(1) + string("k") + zigzag(7) + zigzag(0) + zigzag(1) + zigzag(1) + string("fragile"))
seed("FuzzAvroCodable", order)
seed("FuzzAvroBinary", bytes([0]) + zigzag(-12345))
seed("FuzzAvroBinary", bytes([1]) + string("hello"))
seed("FuzzWireFormat", b"\x00" + struct.pack(">i", 0) + string("key-1"))
seed("FuzzWireFormat", b"\x00" + struct.pack(">i", 1) + zigzag(1) + zigzag(5) + zigzag(1) + string("xy") + zigzag(0))

