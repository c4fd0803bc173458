"""Turns the load driver's JSON lines (one per server, scenario and concurrency) into results.json and a markdown table
with the ratio Attune / grpc-go per row, and whether each row meets its target (issue 10: unary >= 1.15x at concurrency
32 and >= 1.0x at 256; server streaming >= 1.2x at 32; other rows have none).

Usage: report.py RAW_JSONL OUT_JSON OUT_MD [--server-cpu N --driver-cpu N --duration S --warmup S --payload B]
"""
import argparse
import json
import os
import platform
import subprocess
import time

TARGETS = {("unary", 32): 1.15, ("unary", 256): 1.0, ("serverstream", 32): 1.2}
UNITS = {"unary": "calls/s", "pingpong": "msgs/s", "serverstream": "msgs/s"}


def target_for(scenario, concurrency):
    return TARGETS.get((scenario, concurrency))


def cpu_ratio(attune, go):
    """grpc-go's server CPU per operation over Attune's: above 1, Attune spends less CPU per call (robust to a busy host)."""
    if not attune["server_cpu_us_per_op"]:
        return ""
    return f"{go['server_cpu_us_per_op'] / attune['server_cpu_us_per_op']:.2f}x"


def cpu_model():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        return next(line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Model name"))
    except (OSError, subprocess.CalledProcessError, StopIteration):
        return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("raw")
    parser.add_argument("out_json")
    parser.add_argument("out_md")
    for name in ("--server-cpu", "--driver-cpu", "--duration", "--warmup", "--rounds", "--payload"):
        parser.add_argument(name, default="")
    options = parser.parse_args()

    runs = {}
    with open(options.raw) as raw:
        for line in raw:
            if line.strip():
                record = json.loads(line)
                r = record["result"]
                runs.setdefault((r["scenario"], r["concurrency"], record["server"]), []).append(r)
    # Each row's median run by throughput (the middle of 3 rounds), with every round's throughput kept for the record.
    by_key = {}
    for key, results in runs.items():
        ordered = sorted(results, key=lambda r: r["ops_per_s"])
        by_key[key] = {**ordered[(len(ordered) - 1) // 2], "rounds_ops_per_s": [r["ops_per_s"] for r in results]}
    rows = []
    for scenario, concurrency in sorted({(s, c) for s, c, _ in by_key}, key=lambda k: (list(UNITS).index(k[0]), k[1])):
        attune = by_key.get((scenario, concurrency, "attune"))
        go = by_key.get((scenario, concurrency, "grpc-go"))
        if not attune or not go:
            continue
        ratio = attune["ops_per_s"] / go["ops_per_s"] if go["ops_per_s"] else None
        target = target_for(scenario, concurrency)
        rows.append({"scenario": scenario, "concurrency": concurrency, "attune": attune, "grpc_go": go, "ratio": ratio,
                     "target": target, "met": None if target is None or ratio is None else ratio >= target})

    meta = {"date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "nproc": os.cpu_count(), "cpu": cpu_model(),
            "server_cpu": options.server_cpu, "driver_cpu": options.driver_cpu, "duration_s": options.duration,
            "warmup_s": options.warmup, "rounds": options.rounds, "payload_bytes": options.payload}
    with open(options.out_json, "w") as out:
        json.dump({"meta": meta, "rows": rows}, out, indent=2)

    lines = [
        f"gRPC echo benchmark, {meta['date_utc']}: {meta['cpu']}, nproc {meta['nproc']}; server on cpu "
        f"{meta['server_cpu']}, driver (grpc-go loadgen, GOMAXPROCS=1) on cpu {meta['driver_cpu']}; "
        f"{meta['warmup_s']} s warm-up + {meta['duration_s']} s measured per run, {meta['rounds']} rounds per row alternating "
        f"the servers, median run shown; {meta['payload_bytes']}-byte payload.",
        "",
        "| scenario | conc. | Attune | grpc-go | ratio A/G | target | p50 µs A / G | p99 µs A / G "
        "| server alloc B/op A / G | server CPU µs/op A / G | CPU ratio G/A |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        a, g = row["attune"], row["grpc_go"]
        target = "" if row["target"] is None else f">= {row['target']:.2f}x {'met' if row['met'] else 'NOT met'}"
        errors = "" if not (a["errors"] or g["errors"]) else f" (errors {a['errors']} / {g['errors']})"
        lines.append(
            f"| {row['scenario']} ({UNITS[row['scenario']]}) | {row['concurrency']} | {a['ops_per_s']:,.0f} "
            f"| {g['ops_per_s']:,.0f} | **{row['ratio']:.2f}x**{errors} | {target} "
            f"| {a['p50_us']:,.0f} / {g['p50_us']:,.0f} | {a['p99_us']:,.0f} / {g['p99_us']:,.0f} "
            f"| {a['server_alloc_bytes_per_op']:,.0f} / {g['server_alloc_bytes_per_op']:,.0f} "
            f"| {a['server_cpu_us_per_op']:.1f} / {g['server_cpu_us_per_op']:.1f} | {cpu_ratio(a, g)} |")
    with open(options.out_md, "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
