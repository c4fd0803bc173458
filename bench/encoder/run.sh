#!/usr/bin/env bash
# "Score of 8 new responses with the encoder featurizer" (issue 12, item 4): Attune's MiniLmFeaturizer + PrefModel against
# the obvious peer run in the same process, a direct ONNX Runtime session on the same embedded all-MiniLM-L6-v2 model
# (Python onnxruntime cannot be installed on these machines: no PyPI). One ONNX Runtime thread on both sides, rounds
# alternating Attune and peer. Writes bench/encoder/results/results.md and results.json.
#
# Usage: bench/encoder/run.sh [-r REPS] [-n ROUNDS] [-k K]
# Env: SKIP_BUILD=1, CPU (pin to this core, e.g. 1).
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
reps=15 rounds=3 k=8
while getopts "r:n:k:" opt; do
  case $opt in
    r) reps=$OPTARG ;; n) rounds=$OPTARG ;; k) k=$OPTARG ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
pin=()
if [[ -n ${CPU:-} ]]; then pin=(taskset -c "$CPU"); fi
bin=$here/Attune.Bench.Encoder/bin/Release/net10.0
if [[ -z ${SKIP_BUILD:-} ]]; then
  echo "== build Attune.Bench.Encoder (Release)"
  dotnet build "$here/Attune.Bench.Encoder/Attune.Bench.Encoder.csproj" -c Release -nologo -clp:ErrorsOnly
fi
mkdir -p "$here/results"
load=$(cut -d' ' -f1-3 /proc/loadavg)
table=$("${pin[@]}" dotnet "$bin/Attune.Bench.Encoder.dll" --out "$here/results/results.json" --reps "$reps" --rounds "$rounds" --k "$k")
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'); CPU: $(lscpu | sed -n 's/^Model name: *//p'), nproc $(getconf _NPROCESSORS_ONLN);"
  echo "load average before the run: $load; ${CPU:+pinned to core $CPU; }ONNX Runtime 1.32.0, IntraOpNumThreads = 1, InterOpNumThreads = 1;"
  echo "8 chat replies of 9-26 words (under 50 word pieces each), K = $k, $rounds rounds x $reps repetitions, medians of the rounds' medians."
  echo
  echo "$table"
} > "$here/results/results.md"
cat "$here/results/results.md"
