#!/usr/bin/env bash
# Installs what KafkaSkill needs and is missing: Debian's librdkafka 2.0.2, libcurl and kcat, and a Python
# virtual environment with the reference skill validator (skills-ref) and noida-db (the one-node broker with
# transaction markers that `verify --broker noida` and the Kafka tests' transaction suite start). Safe to run again; does nothing when
# everything is there. Swift 6.3 is expected at /opt/swift (or on PATH).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

need=()
pkg-config --exists rdkafka 2>/dev/null || need+=(librdkafka-dev)
dpkg -s libcurl4-openssl-dev >/dev/null 2>&1 || need+=(libcurl4-openssl-dev)
command -v kcat >/dev/null 2>&1 || need+=(kcat)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >&2
fi

if ! command -v swift >/dev/null 2>&1; then
  if [ -x /opt/swift/usr/bin/swift ]; then
    echo "note: add /opt/swift/usr/bin to PATH" >&2
  else
    echo "Swift 6.3 is required: install it and put swift on PATH" >&2
    exit 1
  fi
fi

venv="$root/.build-tools/venv"
if [ ! -x "$venv/bin/agentskills" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q skills-ref==0.1.1 >&2
fi
# Kubernetes' own schemas, for the tests that validate the generated Deployments and StatefulSets.
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
  "$venv/bin/pip" install -q kubernetes-validate==1.37.0 >&2
fi
if ! "$venv/bin/noida-db" version 2>/dev/null | grep -qx "noida-db 0.2.3"; then
  "$venv/bin/pip" install -q noida-db==0.2.3 >&2
  "$venv/bin/noida-db" version 2>/dev/null | grep -qx "noida-db 0.2.3" || {
    echo "noida-db 0.2.3 did not install into $venv; verify --broker noida and the noida tests need it" >&2
    exit 1
  }
fi
