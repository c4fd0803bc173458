#!/usr/bin/env bash
# Benchmarks Attune.Ml side by side with PyTorch, scikit-learn and numpy on ONE seeded dataset, in one run:
#   train    joint L2-regularised logistic factorization: loss+gradient, loss, L-BFGS run and time to a loss (dense, hashed)
#   newuser  new-user Newton fit vs scikit-learn LogisticRegression(lbfgs) on the same answers, 5/10/20/40 answers
#   select   next query among 10,000 candidates vs numpy
#   score    rewards of 8 and 256 responses from embeddings vs numpy/torch
# Both sides run single-threaded (Attune.Ml is single-threaded; torch.set_num_threads(1), OMP/OPENBLAS/MKL_NUM_THREADS=1),
# alternating section by section so that load from other work on the machine hits both alike. Writes
# bench/ml/results/results.md (ratio = reference / Attune: > 1 means Attune faster) and the raw JSON beside it.
#
# Usage: bench/ml/run.sh [-r REPS] [-s "train newuser select score"]
# Env: ML_BENCH_DATA (dataset folder, default bench/ml/.data), SKIP_BUILD=1, CPU (pin both sides to this core, e.g. 1).
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
root=$(cd ../.. && pwd)
reps=15 sections="train newuser select score"
while getopts "r:s:" opt; do
  case $opt in
    r) reps=$OPTARG ;; s) sections=$OPTARG ;;
    *) sed -n '2,13p' "$0"; exit 2 ;;
  esac
done
data=${ML_BENCH_DATA:-$here/.data}
results=$here/results
python=/usr/bin/python3 # Debian's interpreter: the python3 on PATH cannot see the Debian packages
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
pin=()
if [[ -n ${CPU:-} ]]; then pin=(taskset -c "$CPU"); fi

# Without libopenblas0-pthread numpy and torch fall back to the reference BLAS (~35x slower): install it with the rest.
missing=()
for pkg in python3-numpy python3-sklearn python3-torch libopenblas0-pthread; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "== installing ${missing[*]}"
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! $python -c "from threadpoolctl import threadpool_info as t; import numpy; exit(0 if any(i['internal_api'] == 'openblas' for i in t()) else 1)"; then
  echo "numpy does not load OpenBLAS: comparisons would be meaningless (see /work/shared/ENVIRONMENT.md)" >&2
  exit 1
fi

bin=$here/Attune.Bench.Ml/bin/Release/net10.0
if [[ -z ${SKIP_BUILD:-} ]]; then
  echo "== build Attune.Bench.Ml (Release)"
  dotnet build "$here/Attune.Bench.Ml/Attune.Bench.Ml.csproj" -c Release -nologo -clp:ErrorsOnly
fi

echo "== dataset -> $data"
rm -rf "$data"
$python "$here/python/gen_data.py" "$data"

rm -rf "$results"
mkdir -p "$results"
start=$SECONDS
for section in $sections; do
  echo "== $section: reference (python)"
  (cd "$here/python" && "${pin[@]}" $python bench_ref.py "$data" --out "$results/ref-$section.json" --reps "$reps" --sections "$section")
  echo "== $section: Attune"
  "${pin[@]}" dotnet "$bin/Attune.Bench.Ml.dll" "$data" --out "$results/attune-$section.json" --reps "$reps" --sections "$section"
done

{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), $(( SECONDS - start )) s; CPU: $(lscpu | sed -n 's/^Model name: *//p'), nproc $(getconf _NPROCESSORS_ONLN);"
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg); ${CPU:+both sides pinned to core $CPU; }threads: 1 per side."
} > "$results/header.txt"
$python "$here/python/report.py" "$results" --data "$data" --header "$results/header.txt" >/dev/null
echo "== wrote $results/results.md"
