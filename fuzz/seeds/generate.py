#!/usr/bin/env python3
"""Regenerates the seed corpora in fuzz/seeds/<target>/ from the crate's
example policies, conformance vectors and sample data.

    python3 fuzz/seeds/generate.py

Deterministic (fixed random seeds), so the files only change when the
sources do. Formats per target are documented in each fuzz target.
"""
import hashlib
import json
import pathlib
import random
import shutil

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VECTORS = ROOT / "tests" / "vectors"

# Keep in sync with KINDS in fuzz_targets/conformance.rs.
KINDS = [
    "nps", "csat", "ces", "percentile", "sketch_quantile", "retention",
    "interaction_clocks", "nps_compare", "proportion_interval",
    "two_proportion_test", "sample_size", "business_time_add",
    "business_time_between", "sla", "loyalty", "compensation",
]
# Keep in sync with the selector in fuzz_targets/domain_serde.rs.
DOMAIN = {"feedback": 0, "money": 1, "currency": 2, "interaction": 3,
          "customer": 4, "sla_book": 5, "programme": 6, "loyalty_case": 7,
          "sla_case": 8}

rng = random.Random(20241122)


def compact(v):
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False).encode()


def tail(n=96):
    return bytes(rng.randrange(256) for _ in range(n))


def write(target, data):
    d = HERE / target
    d.mkdir(exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    (d / name).write_bytes(data)


def cases(name):
    return json.loads((VECTORS / name).read_text())["cases"]


def main():
    for t in ["policy", "calendar", "domain_serde", "conformance", "metrics"]:
        shutil.rmtree(HERE / t, ignore_errors=True)

    # policy: every distinct policy, each with three parameter tails
    policies = {}
    for p in sorted((ROOT / "examples" / "policies").glob("*.json")):
        v = json.loads(p.read_text())
        policies[compact(v)] = v
    for c in cases("compensation.json"):
        pol = c["input"].get("policy")
        if isinstance(pol, dict):
            policies[compact(pol)] = pol
    for text in policies:
        for _ in range(3):
            write("policy", text + b"\0" + tail())

    # calendar: the vector calendars as CalendarSpec JSON (mode byte 1),
    # plus builder-mode inputs (mode byte 0)
    specs = {}
    for f in ["calendar.json", "calendar_random.json", "clocks_business.json", "sla.json"]:
        for c in cases(f):
            cal = c["input"].get("calendar")
            if isinstance(cal, dict):
                spec = {k: v for k, v in cal.items() if k != "time_zone"}
                specs[compact(spec)] = spec
    for text in list(specs)[:60]:
        write("calendar", b"\x01" + text + b"\0" + tail())
    for _ in range(40):
        write("calendar", b"\x00" + tail(160))

    # domain_serde
    data = json.loads((ROOT / "examples" / "data" / "sample_care.json").read_text())
    for kind, key in [("customer", "customers"), ("interaction", "interactions"),
                      ("feedback", "feedback")]:
        for v in data[key][:8]:
            write("domain_serde", bytes([DOMAIN[kind]]) + compact(v))
    for code in ["EUR", "JPY", "KWD", "CLF", "XXX"]:
        write("domain_serde", bytes([DOMAIN["currency"]]) + compact(code))
        write("domain_serde", bytes([DOMAIN["money"]]) + compact({"amount": "12.345", "currency": code}))
    for c in cases("sla.json")[:20]:
        i = c["input"]
        write("domain_serde", bytes([DOMAIN["sla_book"]]) + compact(i["book"]))
        case = {k: v for k, v in i.items() if k in ("book", "interaction", "at", "tier", "segment", "benefits")}
        write("domain_serde", bytes([DOMAIN["sla_case"]]) + compact(case))
    for c in cases("loyalty.json"):
        i = c["input"]
        write("domain_serde", bytes([DOMAIN["programme"]]) + compact(i["programme"]))
        events = i.get("events", [])
        since = i.get("member_since") or min([e["at"] for e in events], default=i["as_of"])
        membership = {"since": since}
        floors = i.get("floors", []) + ([i["floor"]] if "floor" in i else [])
        if floors:
            membership["floors"] = floors
        case = {"programme": i["programme"], "membership": membership,
                "events": events, "as_of": i["as_of"]}
        write("domain_serde", bytes([DOMAIN["loyalty_case"]]) + compact(case))

    # conformance: one seed per case (at most 20 per kind and file, 8 kB each), plus the vector files of at most 12 kB whole
    for f in sorted(VECTORS.glob("*.json")):
        doc = json.loads(f.read_text())
        per_kind = {}
        for c in doc["cases"]:
            per_kind[c["kind"]] = per_kind.get(c["kind"], 0) + 1
            seed = bytes([KINDS.index(c["kind"])]) + compact(c["input"]) if c["kind"] in KINDS else b""
            if per_kind[c["kind"]] <= 20 and 0 < len(seed) <= 8_000:
                write("conformance", seed)
        whole = bytes([len(KINDS)]) + compact(doc)
        if len(whole) <= 12_000:
            write("conformance", whole)

    # metrics: structured random bytes
    for _ in range(40):
        write("metrics", tail(rng.randrange(8, 400)))


if __name__ == "__main__":
    main()
