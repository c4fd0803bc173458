"""Turns run.sh's JSON lines into results.json and a markdown table: per concurrency, each target's median run, the
gateway's throughput over nginx's, and the latency each proxy adds to a direct call (p50 and p99, median runs).

Usage: report.py RAW_JSONL OUT_JSON OUT_MD [--proxy-cpu N --driver-cpu N --duration S --warmup S --rounds N --payload B
       --load-before "L1 L5 L15" --load-after "L1 L5 L15"]
"""
import argparse
import json
import os
import platform
import statistics
import time


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cpu(row, target):
    run = row[target]
    return f"{run['server_cpu_us_per_op']:.1f}" if run and run.get("server_cpu_us_per_op") else ""


def median_run(runs):
    ordered = sorted(runs, key=lambda r: r["ops_per_s"])
    return ordered[len(ordered) // 2]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("raw")
    p.add_argument("out_json")
    p.add_argument("out_md")
    for name in ("proxy-cpu", "driver-cpu", "duration", "warmup", "rounds", "payload", "load-before", "load-after"):
        p.add_argument("--" + name, default="")
    a = p.parse_args()
    runs = {}
    with open(a.raw) as f:
        for line in f:
            row = json.loads(line)
            r = row["result"]
            runs.setdefault((r["concurrency"], row["target"]), []).append(r)
    rows = []
    for c in sorted({c for c, _ in runs}):
        med = {t: median_run(runs[(c, t)]) for t in ("direct", "gateway", "nginx") if (c, t) in runs}
        d, g, n = med.get("direct"), med.get("gateway"), med.get("nginx")
        rows.append({
            "concurrency": c,
            "direct": d, "gateway": g, "nginx": n,
            "gateway_over_nginx": g["ops_per_s"] / n["ops_per_s"] if g and n else None,
            "gateway_over_direct": g["ops_per_s"] / d["ops_per_s"] if g and d else None,
            "gateway_added_p50_us": g["p50_us"] - d["p50_us"] if g and d else None,
            "nginx_added_p50_us": n["p50_us"] - d["p50_us"] if n and d else None,
            "gateway_added_p99_us": g["p99_us"] - d["p99_us"] if g and d else None,
            "nginx_added_p99_us": n["p99_us"] - d["p99_us"] if n and d else None,
            "errors": sum(r["errors"] for t in ("direct", "gateway", "nginx") for r in runs.get((c, t), [])),
        })
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpu": cpu_model(), "cores": os.cpu_count(), "kernel": platform.release(),
        "proxy_cpu": a.proxy_cpu, "driver_cpu": a.driver_cpu, "duration_s": a.duration, "warmup_s": a.warmup,
        "rounds": a.rounds, "payload_bytes": a.payload, "load_before": a.load_before, "load_after": a.load_after,
    }
    with open(a.out_json, "w") as f:
        json.dump({"meta": meta, "rows": rows}, f, indent=2)
    lines = [
        f"Unary calls, {a.payload}-byte payload, closed loop; {a.rounds} rounds of {a.warmup} s warm-up + {a.duration} s, "
        f"median run per row. {meta['cpu']} ({meta['cores']} cores), driver on cpu {a.driver_cpu}, backend and proxy on cpu "
        f"{a.proxy_cpu}. Load average (1, 5, 15 min) before {a.load_before}, after {a.load_after}. {meta['date']}.",
        "",
        "| c | direct calls/s | gateway calls/s | nginx calls/s | gateway / nginx | gateway / direct | added p50 gateway / nginx (us) | added p99 gateway / nginx (us) | CPU us per call: backend / gateway / nginx | errors |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        def ops(t):
            return f"{r[t]['ops_per_s']:,.0f}" if r[t] else ""

        def pair(k1, k2):
            return f"{r[k1]:,.0f} / {r[k2]:,.0f}" if r[k1] is not None and r[k2] is not None else ""

        ratio = f"{r['gateway_over_nginx']:.2f}x" if r["gateway_over_nginx"] else ""
        direct_ratio = f"{r['gateway_over_direct']:.2f}x" if r["gateway_over_direct"] else ""
        lines.append(f"| {r['concurrency']} | {ops('direct')} | {ops('gateway')} | {ops('nginx')} | {ratio} | {direct_ratio} | "
                     f"{pair('gateway_added_p50_us', 'nginx_added_p50_us')} | {pair('gateway_added_p99_us', 'nginx_added_p99_us')} | "
                     f"{cpu(r, 'direct')} / {cpu(r, 'gateway')} / {cpu(r, 'nginx')} | {r['errors']} |")
    # Issue 10's targets: gateway / nginx at each concurrency.
    targets = {1: 0.6, 32: 1.5, 256: 3.0}
    verdicts = []
    for row in rows:
        goal = targets.get(row["concurrency"])
        if goal is not None and row["gateway_over_nginx"]:
            verdict = "met" if row["gateway_over_nginx"] >= goal else "missed"
            verdicts.append(f"c={row['concurrency']}: {row['gateway_over_nginx']:.2f}x (>= {goal}x {verdict})")
    if verdicts:
        lines += ["", "Targets, gateway / nginx: " + "; ".join(verdicts) + "."]
    with open(a.out_md, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
