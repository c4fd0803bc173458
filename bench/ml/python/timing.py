"""Timing helper shared by the reference benchmarks: time-based warm-up, batches long enough for the clock, and the
median of wall time and of this thread's CPU time (time.thread_time, the clock the .NET side reads too)."""

import statistics
import time


def measure(fn, repetitions=15, min_batch_s=0.01, warmup_s=0.3):
    """Seconds per call of fn over `repetitions` batches of calls, each batch at least min_batch_s long."""
    start = time.perf_counter()
    cpu_start = time.thread_time()
    calls = 0
    while time.perf_counter() - start < warmup_s or time.thread_time() - cpu_start < 0.5 * warmup_s or calls < 3:
        fn()
        calls += 1
    per_call = (time.thread_time() - cpu_start) / calls
    batch = max(1, int(min_batch_s / max(per_call, 1e-9)))
    wall, cpu = [], []
    for _ in range(repetitions):
        c0 = time.thread_time()
        t0 = time.perf_counter()
        for _ in range(batch):
            fn()
        wall.append((time.perf_counter() - t0) / batch)
        cpu.append((time.thread_time() - c0) / batch)
    return {"median_s": statistics.median(wall), "min_s": min(wall), "cpu_median_s": statistics.median(cpu),
            "cpu_min_s": min(cpu), "batch": batch, "repetitions": repetitions}


def per_item(timing, count):
    """The timing of a call that performs `count` operations, per operation."""
    out = dict(timing)
    for key in ("median_s", "min_s", "cpu_median_s", "cpu_min_s"):
        out[key] /= count
    return out
