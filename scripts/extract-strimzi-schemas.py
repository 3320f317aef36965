#!/usr/bin/env python3
"""Extracts the openAPIV3Schema of each Strimzi CRD's served API version into Sources/Deploy/Resources.

The CRDs are Strimzi's packaging/install/cluster-operator/04x-Crd-*.yaml (Apache License 2.0), as copied
into ../shared/conformance/strimzi/<release>/. Only the version a release's manifests use is kept
(v1beta2 for 0.48.0, v1 for 1.2.0), without descriptions, as compact JSON with sorted keys, so the shipped copy stays small and
its diffs stay reviewable when a release is added.

    scripts/extract-strimzi-schemas.py ../shared/conformance/strimzi
"""
import json
import pathlib
import sys

import yaml

RELEASES = {"0.48.0": "v1beta2", "1.2.0": "v1"}


def strip_descriptions(schema):
    """The schema without its prose: `description` keywords go, a property called `description` stays."""
    if not isinstance(schema, dict):
        return schema
    result = {}
    for key, value in schema.items():
        if key == "description" and isinstance(value, str):
            continue
        if key == "properties":
            result[key] = {name: strip_descriptions(sub) for name, sub in value.items()}
        elif key in ("items", "additionalProperties", "not"):
            result[key] = strip_descriptions(value)
        elif key in ("oneOf", "anyOf", "allOf"):
            result[key] = [strip_descriptions(sub) for sub in value]
        else:
            result[key] = value
    return result


def main() -> int:
    source = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/conformance/strimzi")
    target = pathlib.Path(__file__).resolve().parent.parent / "Sources/Deploy/Resources/strimzi"
    for release, version in RELEASES.items():
        out = target / release
        out.mkdir(parents=True, exist_ok=True)
        for crd_path in sorted((source / release).glob("04*-Crd-*.yaml")):
            crd = yaml.safe_load(crd_path.read_text())
            kind = crd["spec"]["names"]["kind"]
            served = [v for v in crd["spec"]["versions"] if v["name"] == version]
            if not served:
                print(f"{crd_path}: no {version} version", file=sys.stderr)
                return 1
            schema = strip_descriptions(served[0]["schema"]["openAPIV3Schema"])
            text = json.dumps(schema, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            (out / f"{kind}.json").write_text(text + "\n")
            print(f"{release} {version} {kind}: {len(text)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
