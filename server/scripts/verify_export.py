#!/usr/bin/env python3
"""Verifies a Samspill trail export (`samspill export PROJECT --format json`)
without Samspill: recomputes every payload digest and every link of the hash
chain, as documented in the README. Exit 0 if intact; 1 and the first broken
event otherwise. An event whose payload was withheld from the person who
downloaded the file (`"payload": null`) still enters the chain through its
digest; its digest alone cannot be checked."""
import hashlib
import json
import sys


def canonical(e):
    fields = [
        ("v", 1),
        ("project", e["project_id"]),
        ("seq", e["seq"]),
        ("id", e["id"]),
        ("actor", e["actor_id"]),
        ("at", e["at_ms"]),
        ("workshop", e["workshop_id"]),
        ("kind", e["kind"]),
        ("payload_sha256", e["payload_sha256"]),
    ]
    return "{" + ",".join(json.dumps(k) + ":" + json.dumps(v, ensure_ascii=False, separators=(",", ":")) for k, v in fields) + "}"


def main(path):
    with open(path, encoding="utf-8") as f:
        export = json.load(f)
    previous = export["genesis"]
    for expected_seq, e in enumerate(export["events"], start=1):
        if e["seq"] != expected_seq:
            print(f"broken at event {e['seq']}: expected event {expected_seq}")
            return 1
        digest = e["payload_sha256"] if e["payload"] is None else hashlib.sha256(e["payload"].encode("utf-8")).hexdigest()
        if digest != e["payload_sha256"]:
            print(f"broken at event {e['seq']}: the payload does not match its SHA-256")
            return 1
        h = hashlib.sha256(bytes.fromhex(previous) + canonical(e).encode("utf-8")).hexdigest()
        if h != e["hash"]:
            print(f"broken at event {e['seq']}: the hash does not match")
            return 1
        previous = h
    withheld = sum(1 for e in export["events"] if e["payload"] is None)
    print(f"intact: {len(export['events'])} events ({withheld} withheld), head {previous}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
