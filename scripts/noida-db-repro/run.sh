#!/usr/bin/env bash
# Reproduces, against a private noida-db 0.2.3, the broker behaviour that left records unprocessed when lesson
# 14 ran on it: a killed consumer's group member is never expired (session-expiry.py says what is expected).
# Installs noida-db and confluent-kafka into .build-tools/noida-repro-venv; uses only loopback.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv="$root/.build-tools/noida-repro-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q noida-db==0.2.3 confluent-kafka >&2
data=$(mktemp -d)
port=$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
setsid "$venv/bin/noida-db" start --only kafka --host 127.0.0.1 --kafka-port "$port" --data-dir "$data" >"$data/noida.log" 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.2; done
"$venv/bin/noida-db" version 2>/dev/null; echo
"$venv/bin/python" "$(dirname "$0")/session-expiry.py" "127.0.0.1:$port"
