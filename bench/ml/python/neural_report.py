"""Summarises bench/ml/neural.sh: median seconds per epoch (epochs after the first, which also holds set-up on the .NET
side) and median total, per side, and the ratio PyTorch / Attune. Usage: neural_report.py RESULTS META HEADER"""

import glob
import json
import os
import statistics
import sys


def load(results, side):
    runs = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(results, f"neural-{side}-*.json")))]
    epochs = [s for r in runs for s in r["epoch_s"][1:]]
    return runs, statistics.median(epochs), statistics.median(r["total_s"] for r in runs)


def main(results, meta_path, header):
    meta = json.load(open(meta_path))
    attune, a_epoch, a_total = load(results, "attune")
    torch, t_epoch, t_total = load(results, "pytorch")
    print(header)
    print()
    print(f"World: {meta['comparisons']:,} comparisons, {meta['users']:,} users, {meta['responses']:,} responses, D = {meta['dimension']}, "
          f"K = {meta['rank']}, h = {meta['hidden']}, batch {meta['batch_size']}, Adam lr {meta['learning_rate']}, "
          f"{attune[0]['epochs']} epochs x {len(attune)} runs per side; linear PReF start (PrefTrainer) {meta['linear_train_s']:.1f} s.")
    print()
    print("| side | s / epoch (median) | total s (median) | validation loss: start -> best |")
    print("| --- | ---: | ---: | --- |")
    for name, runs, epoch, total in (("Attune.Ml.Torch (TorchSharp 0.107, libtorch 2.10)", attune, a_epoch, a_total),
                                     (f"{torch[0]['side']} (Debian python3-torch)", torch, t_epoch, t_total)):
        r = runs[0]
        print(f"| {name} | {epoch:.3f} | {total:.2f} | {r['initial_validation_loss']:.4f} -> {r['final_validation_loss']:.4f} |")
    print()
    print(f"Ratio PyTorch / Attune: {t_epoch / a_epoch:.2f} per epoch, {t_total / a_total:.2f} in total (> 1: Attune faster).")


if __name__ == "__main__":
    main(*sys.argv[1:4])
