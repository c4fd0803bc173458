"""Merges the Attune and reference result files of one run.sh run into results.md (and results.json).

Ratios are reference time / Attune time, so > 1 means Attune is faster. They use each row's median thread-CPU time: on
a shared machine wall time also counts time spent waiting for a core. Wall medians are listed beside them.
"""

import argparse
import json
import math
import os

TARGETS = (1e-2, 1e-3, 1e-4)
SUMMARY = {}


def fmt(seconds):
    if seconds is None or (isinstance(seconds, float) and math.isnan(seconds)):
        return "n/a"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def ratio(reference, attune):
    return f"**{reference / attune:.2f}x**" if reference and attune else "n/a"


def time_to(trace, target):
    """CPU seconds of the first evaluation whose loss is <= target (trace rows: wall, cpu, loss)."""
    found = evaluations_to(trace, target)
    return trace[found - 1][1] if found else None


def evaluations_to(trace, target):
    """Number of evaluations until the loss is first <= target, or None."""
    for i, (_, _, loss) in enumerate(trace):
        if loss <= target:
            return i + 1
    return None


def load(directory, side, sections):
    merged = {}
    for section in sections:
        path = os.path.join(directory, f"{side}-{section}.json")
        if os.path.exists(path):
            with open(path) as f:
                part = json.load(f)
            merged.setdefault("environment", part.get("environment"))
            if section in part:
                merged[section] = part[section]
    return merged


def training_rows(a, r, settings, lines):
    n = settings["comparisons"]
    lines += ["## 1. Training: joint objective, loss + gradient over all comparisons", "",
              f"{n:,} comparisons, {settings['users']} users, {settings['pairs']:,} pairs, K = {settings['rank']}, float32, "
              "1 thread. Attune: `JointObjective.LossGradient`; PyTorch: the same sum of BCE-with-logits plus both ridge "
              "terms, autograd `backward()`. Ratio = PyTorch / Attune on CPU time (> 1: Attune faster).", "",
              "| features | operation | Attune CPU (wall) | PyTorch CPU (wall) | PyTorch / Attune | Attune comparisons/s | loss0 abs. diff |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for kind, label in (("dense", f"dense D = {settings['dense_d']}"), ("sparse", f"hashed D = {settings['sparse_d']}, {settings['nnz']} nnz")):
        at, rt = a["train"][kind], r["train"][kind]
        for variant, ref in rt.items():
            for op in ("loss_grad", "loss"):
                am, rm = at[op], ref[op]
                SUMMARY.setdefault("per_evaluation", {})[f"{kind} {op} ({variant})"] = rm["cpu_median_s"] / am["cpu_median_s"]
                lines.append(f"| {label} | {'loss + gradient' if op == 'loss_grad' else 'loss only'} ({variant}) | "
                             f"{fmt(am['cpu_median_s'])} ({fmt(am['median_s'])}) | {fmt(rm['cpu_median_s'])} ({fmt(rm['median_s'])}) | "
                             f"{ratio(rm['cpu_median_s'], am['cpu_median_s'])} | {n / am['cpu_median_s']:,.0f} | "
                             f"{abs(at['loss0'] - ref['loss0']):.3g} |")
    lines.append("")
    lines += [f"### Full training run: L-BFGS, {settings['iterations']} iterations, history {settings['lbfgs_history']}, from the same theta0 (fastest of 2 runs per side)", "",
              "Attune: `Lbfgs` (backtracking Armijo) on `JointObjective`; PyTorch: `torch.optim.LBFGS` (strong-Wolfe line search). "
              "Time to a loss = CPU time of the first evaluation at or below it (ev. = evaluations so far); targets are relative to the best final loss of the two.", "",
              "| features | side | run CPU (wall) | evaluations | final loss | to best·(1+1e-2) | to best·(1+1e-3) | to best·(1+1e-4) |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for kind in ("dense", "sparse"):
        runs = {"Attune": a["train"][kind]["train"]}
        for variant, ref in r["train"][kind].items():
            if "train" in ref:
                runs[f"PyTorch ({variant})"] = ref["train"]
        best = min(x["final_loss"] for x in runs.values())
        times = {}
        for side, run in runs.items():
            cells = []
            for rel in TARGETS:
                t = time_to(run["trace"], best * (1 + rel))
                times.setdefault(side, []).append(t)
                cells.append(f"{fmt(t)} ({evaluations_to(run['trace'], best * (1 + rel))} ev.)" if t is not None else "not reached")
            lines.append(f"| {kind} | {side} | {fmt(run['cpu_seconds'])} ({fmt(run['seconds'])}) | {run['evaluations']} | "
                         f"{run['final_loss']:.2f} | " + " | ".join(cells) + " |")
        (attune_times, ref_times), ref_run = list(times.values())[:2], list(runs.values())[1]
        cells, values = [], []
        for t_att, t_ref in zip(attune_times, ref_times):
            if t_att and t_ref:
                cells.append(ratio(t_ref, t_att))
                values.append(t_ref / t_att)
            elif t_att:  # PyTorch never got there: its whole run is a lower bound
                cells.append(f"**> {ref_run['cpu_seconds'] / t_att:.2f}x** (PyTorch not reached)")
                values.append(ref_run["cpu_seconds"] / t_att)
            else:
                cells.append("Attune not reached")
                values.append(0.0 if t_ref else None)
        SUMMARY.setdefault("time_to_loss", {})[kind] = values
        lines.append(f"| {kind} | **PyTorch / Attune** | | | | " + " | ".join(cells) + " |")
    lines.append("")
    lines += ["### Where Attune's loss + gradient goes (public kernels, all distinct pairs once)", "",
              "| features | z = V d for every pair (`Project`) | dV += g d^T for every pair (`AddOuter`) | rest: per-comparison loop | total |",
              "| --- | --- | --- | --- | --- |"]
    for kind in ("dense", "sparse"):
        b = a["train"][kind]["breakdown"]
        total = a["train"][kind]["loss_grad"]["cpu_median_s"]
        p, o = b["project"]["cpu_median_s"], b["add_outer"]["cpu_median_s"]
        lines.append(f"| {kind} | {fmt(p)} ({p / total:.0%}) | {fmt(o)} ({o / total:.0%}) | {fmt(max(total - p - o, 0))} "
                     f"({max(total - p - o, 0) / total:.0%}) | {fmt(total)} |")
    lines.append("")


def newuser_rows(a, r, lines):
    lines += ["## 2. New-user adaptation: K = 8 weights from n answers", "",
              "Attune: `NewUserFitter.Fit` (Newton/IRLS, allocation-free overload). scikit-learn: `LogisticRegression(solver='lbfgs', "
              "C=1, fit_intercept=False)`, which minimises sum BCE + 1/2 ||w||^2: the same objective as Attune with the prior "
              "N(0, I) (\"isotropic\"). The production prior N(mu, Sigma) fitted to the users (\"trained\") has a non-zero mean "
              "and full covariance, which scikit-learn cannot express; it is timed on the Attune side only. Times are per fit, "
              "averaged over each size's answer sets. Target: Attune >= 10x faster.", "",
              "| answers | Attune isotropic CPU (wall) | Attune trained prior CPU (wall) | scikit-learn CPU (wall) | sklearn / Attune (isotropic) | Newton iterations | max abs. diff w vs sklearn | allocated B/fit |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for n, row in a["newuser"].items():
        iso, trained, ref = row["isotropic"], row["trained"], r["newuser"][n]
        SUMMARY.setdefault("newuser", {})[n] = ref["timing"]["cpu_median_s"] / iso["timing"]["cpu_median_s"]
        diff = max(abs(x - y) for wa, ws in zip(iso["coef"], ref["coef"]) for x, y in zip(wa, ws))
        lines.append(f"| {n} | {fmt(iso['timing']['cpu_median_s'])} ({fmt(iso['timing']['median_s'])}) | "
                     f"{fmt(trained['timing']['cpu_median_s'])} ({fmt(trained['timing']['median_s'])}) | "
                     f"{fmt(ref['timing']['cpu_median_s'])} ({fmt(ref['timing']['median_s'])}) | "
                     f"{ratio(ref['timing']['cpu_median_s'], iso['timing']['cpu_median_s'])} | {iso['mean_newton_iterations']:.2f} | "
                     f"{diff:.2g} | {iso['timing']['allocated_bytes_per_call']:.0f} |")
    lines.append("")


def select_rows(a, r, lines):
    s = a["select"]
    SUMMARY["select"] = (s["timing"]["cpu_median_s"], s["timing"]["median_s"])
    lines += ["## 3. Selection: next query among candidates, sigmoid'(mu . z) sqrt(z^T Sigma z)", "",
              f"{s['candidates']:,} candidates, K = 8. Attune: `ActiveQuerySelector.Select(Uncertainty, ...)` (Cholesky of Sigma "
              "inside the call); numpy: Cholesky, `Z @ mu`, `Z @ L`, row sums of squares, argmax, in float32 and float64. "
              "Target: Attune < 1 ms.", "",
              "| side | CPU (wall) | choice | numpy / Attune |", "| --- | --- | --- | --- |",
              f"| Attune | {fmt(s['timing']['cpu_median_s'])} ({fmt(s['timing']['median_s'])}) | {s['choice']} | |"]
    for name, ref in r["select"].items():
        lines.append(f"| numpy {name} | {fmt(ref['timing']['cpu_median_s'])} ({fmt(ref['timing']['median_s'])}) | {ref['choice']} | "
                     f"{ratio(ref['timing']['cpu_median_s'], s['timing']['cpu_median_s'])} |")
    lines.append("")


def score_rows(a, r, lines):
    lines += ["## 4. Scoring: r_u(e_i) = w_u . V e_i for n responses from precomputed embeddings (D = 256, K = 8)", "",
              "Attune (API): `PrefModel.RewardFeatures` per response, then w_u . phi. Attune (folded): the batch API "
              "`PrefModel.Rewards(user, embeddings, rewards)`, u = V^T w_u once, then e_i . u. "
              "Ratios: the fastest numpy/torch variant / Attune API.", "",
              "| n | Attune API CPU (wall) | Attune folded CPU (wall) | best reference | reference CPU (wall) | reference / Attune API | reference / Attune folded |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for n, row in a["score"].items():
        ref = {k: v for k, v in r["score"][n].items() if isinstance(v, dict)}
        best_name = min(ref, key=lambda k: ref[k]["timing"]["cpu_median_s"])
        bt = ref[best_name]["timing"]
        m, f = row["model"]["timing"], row["folded"]["timing"]
        lines.append(f"| {n} | {fmt(m['cpu_median_s'])} ({fmt(m['median_s'])}) | {fmt(f['cpu_median_s'])} ({fmt(f['median_s'])}) | "
                     f"{best_name} | {fmt(bt['cpu_median_s'])} ({fmt(bt['median_s'])}) | {ratio(bt['cpu_median_s'], m['cpu_median_s'])} | "
                     f"{ratio(bt['cpu_median_s'], f['cpu_median_s'])} |")
    lines.append("")
    lines += ["All reference variants:", "", "| n | variant | CPU (wall) |", "| --- | --- | --- |"]
    for n in a["score"]:
        for name, v in r["score"][n].items():
            if isinstance(v, dict):
                lines.append(f"| {n} | {name} | {fmt(v['timing']['cpu_median_s'])} ({fmt(v['timing']['median_s'])}) |")
    lines.append("")


def targets():
    out = ["## Targets", "", "| target | result | met |", "| --- | --- | --- |"]
    per_eval = SUMMARY.get("per_evaluation", {})
    for kind in ("dense", "sparse"):
        grads = {k: v for k, v in per_eval.items() if k.startswith(kind + " loss_grad")}
        if grads:
            best_ref = min(grads.values())
            out.append(f"| training, loss + gradient ({kind}) at least as fast as PyTorch | PyTorch / Attune = "
                       f"{', '.join(f'{v:.2f}x ({k.split(chr(40))[1][:-1]})' for k, v in grads.items())} | {'yes' if best_ref >= 1 else 'no'} |")
        ttl = SUMMARY.get("time_to_loss", {}).get(kind)
        if ttl:
            shown = ", ".join(f"{x:.2f}x" if x else "n/a" for x in ttl)
            met = all(x is None or x >= 1 for x in ttl) and any(x for x in ttl)
            out.append(f"| training, time to the same loss ({kind}) at least as fast as PyTorch | PyTorch / Attune to best·(1+1e-2, 1e-3, 1e-4) = {shown} | {'yes' if met else 'no'} |")
    nu = SUMMARY.get("newuser")
    if nu:
        out.append(f"| new-user fit >= 10x faster than scikit-learn | {', '.join(f'{n} answers {v:.0f}x' for n, v in nu.items())} | "
                   f"{'yes' if min(nu.values()) >= 10 else 'no'} |")
    if "select" in SUMMARY:
        cpu, wall = SUMMARY["select"]
        out.append(f"| selection among 10,000 candidates < 1 ms | {fmt(cpu)} CPU, {fmt(wall)} wall | {'yes' if cpu < 1e-3 else 'no'}"
                   f"{'' if wall < 1e-3 else ' (CPU; wall above 1 ms under this load)'} |")
    return out + [""]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--data", required=True)
    ap.add_argument("--header", default="")
    args = ap.parse_args()
    sections = ["train", "newuser", "select", "score"]
    a = load(args.results, "attune", sections)
    r = load(args.results, "ref", sections)
    with open(os.path.join(args.data, "meta.json")) as f:
        settings = json.load(f)["settings"]
    lines = ["# Attune.Ml vs PyTorch / scikit-learn / numpy", ""]
    if args.header:
        with open(args.header) as f:
            lines += [f.read().rstrip(), ""]
    env = r.get("environment") or {}
    blas = ", ".join(f"{b['internal_api']} {b.get('version') or ''} ({b['num_threads']} thr)".replace("  ", " ") for b in env.get("blas", []))
    lines += [f"Attune: {(a.get('environment') or {}).get('runtime')}, single-threaded. Reference: python {env.get('python')}, "
              f"numpy {env.get('numpy')}, torch {env.get('torch')} ({env.get('torch_threads')} thread), scikit-learn "
              f"{env.get('sklearn')}; thread pools: {blas}; sgemm 2048³ on 1 thread (CPU time): numpy {fmt(env.get('numpy_sgemm_2048_s'))} "
              f"({2 * 2048 ** 3 / env['numpy_sgemm_2048_s'] / 1e9:.0f} GFLOP/s), torch {fmt(env.get('torch_sgemm_2048_s'))}; "
              f"BLAS libraries mapped in the reference process: {', '.join(m for m in env.get('mapped_blas', []) if os.path.basename(m).startswith('lib'))}.", ""]
    if "train" in a and "train" in r:
        training_rows(a, r, settings, lines)
    if "newuser" in a and "newuser" in r:
        newuser_rows(a, r, lines)
    if "select" in a and "select" in r:
        select_rows(a, r, lines)
    if "score" in a and "score" in r:
        score_rows(a, r, lines)
    lines += targets()
    with open(os.path.join(args.results, "results.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
