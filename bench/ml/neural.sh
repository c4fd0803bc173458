#!/usr/bin/env bash
# Trains the neural PReF basis (Attune.Ml.Torch, TorchSharp 0.107 / libtorch 2.10 CPU) and the same objective written
# directly in Debian's PyTorch (python/neural_ref.py) on ONE seeded world of 100,000 comparisons (1,000 users, D = 384,
# K = 4, h = 64, batch 256, Adam lr 1e-3), both from the same linear PReF start, one thread each, alternating side by
# side REPS times. Writes bench/ml/results/neural.md (ratio = PyTorch / Attune seconds: > 1 means Attune faster).
#
# Usage: bench/ml/neural.sh [-r REPS] [-e EPOCHS]   Env: SKIP_BUILD=1, CPU (pin both sides to this core).
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
reps=3 epochs=4
while getopts "r:e:" opt; do
  case $opt in
    r) reps=$OPTARG ;; e) epochs=$OPTARG ;;
    *) sed -n '2,8p' "$0"; exit 2 ;;
  esac
done
python=/usr/bin/python3 # Debian's interpreter: the python3 on PATH cannot see the Debian packages
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
pin=()
if [[ -n ${CPU:-} ]]; then pin=(taskset -c "$CPU"); fi
missing=()
for pkg in python3-numpy python3-torch libopenblas0-pthread; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

bin=$here/Attune.Bench.Neural/bin/Release/net10.0/linux-x64
if [[ -z ${SKIP_BUILD:-} ]]; then
  dotnet build "$here/Attune.Bench.Neural/Attune.Bench.Neural.csproj" -c Release -nologo -clp:ErrorsOnly
fi
data=${ML_BENCH_NEURAL_DATA:-$here/.data-neural}
results=$here/results
mkdir -p "$results"
rm -f "$results"/neural-*.json
"${pin[@]}" dotnet "$bin/Attune.Bench.Neural.dll" prepare "$data"
for ((r = 1; r <= reps; r++)); do
  echo "== rep $r: PyTorch"
  "${pin[@]}" $python "$here/python/neural_ref.py" "$data" "$epochs" "$results/neural-pytorch-$r.json" >/dev/null
  echo "== rep $r: Attune (TorchSharp)"
  "${pin[@]}" dotnet "$bin/Attune.Bench.Neural.dll" run "$data" "$epochs" "$results/neural-attune-$r.json" >/dev/null
done
header="Run $(date -u '+%Y-%m-%d %H:%M UTC'); CPU: $(lscpu | sed -n 's/^Model name: *//p'), nproc $(getconf _NPROCESSORS_ONLN); load before: $(cut -d' ' -f1-3 /proc/loadavg); ${CPU:+pinned to core $CPU; }one thread per side."
$python "$here/python/neural_report.py" "$results" "$data/meta.json" "$header" | tee "$results/neural.md"
