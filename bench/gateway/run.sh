#!/usr/bin/env bash
# Benchmarks the gateway (services/gateway) against a direct call and against nginx grpc_pass (Debian's nginx), all three
# in front of the same backend (tests/Attune.EchoServer, Release) and driven by the same load driver (bench/grpc's grpc-go
# loadgen, unary calls, closed loop, with the API key as metadata on every call, so the gateway checks it as in
# production). Pinning on a 2-core machine: the driver on cpu 0; the backend and the proxy under test share cpu 1 (nginx
# with one worker, the gateway's whole process), so both proxies get the same CPU. Rows alternate direct, gateway, nginx
# round by round; the report takes each row's median run. Besides calls/s, the driver reads the CPU time the process in
# front of it spent per call (the backend's for direct, the proxy's own for gateway and nginx): a measure that a busy
# machine disturbs far less than throughput.
# Writes bench/gateway/results/results.json and results.md.
#
# Usage: bench/gateway/run.sh [-d SECONDS] [-w SECONDS] [-r ROUNDS] [-c "1 32 256"]
# Env: PROXY_CPU (default 1), DRIVER_CPU (default 0), PAYLOAD (default 100 bytes), SKIP_BUILD=1, PREWARM (seconds,
#      default 20), GATEWAY_ENV (extra VAR=VALUE settings for the gateway process)
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
root=$(cd ../.. && pwd)
duration=3 warmup=1 rounds=3 concurrencies="1 32 256"
while getopts "d:w:r:c:" opt; do
  case $opt in
    d) duration=$OPTARG ;; w) warmup=$OPTARG ;; r) rounds=$OPTARG ;; c) concurrencies=$OPTARG ;;
    *) sed -n '2,12p' "$0"; exit 2 ;;
  esac
done
proxy_cpu=${PROXY_CPU:-1} driver_cpu=${DRIVER_CPU:-0} payload=${PAYLOAD:-100}
bin=$here/bin results=$here/results
key="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
key_hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# shellcheck source=../../scripts/lib/servers.sh
source "$root/scripts/lib/servers.sh" # ensure_packages, wait_port

build() {
  ensure_packages "nginx golang-go golang-google-grpc-dev golang-goprotobuf-dev protobuf-compiler protoc-gen-go-grpc"
  echo "== build the load driver (bench/grpc/go/loadgen)"
  rm -rf "$bin/gopath/src/attune"
  mkdir -p "$bin/gopath/src"
  protoc -I"$root/protos" --go_out="$bin/gopath/src" --go-grpc_out="$bin/gopath/src" attune/testing/v1/echo.proto
  (cd "$root/bench/grpc" && export GOPATH=$bin/gopath:/usr/share/gocode GO111MODULE=off GOCACHE=$bin/gocache &&
   go build -o "$bin/loadgen" ./go/loadgen)
  echo "== build the backend (EchoServer) and the gateway (Release)"
  dotnet build "$root/tests/Attune.EchoServer/Attune.EchoServer.csproj" -c Release -nologo -clp:ErrorsOnly -o "$bin/echo"
  dotnet build "$root/services/gateway/Attune.Gateway.csproj" -c Release -nologo -clp:ErrorsOnly -o "$bin/gateway"
}

# Below the kernel's ephemeral range (32768-60999), so no outgoing connection can hold one of them.
backend_port=20251 gateway_port=20252 nginx_port=20253
declare -A ports=([direct]=$backend_port [gateway]=$gateway_port [nginx]=$nginx_port)
pids=()
declare -A target_pid=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT

[[ ${SKIP_BUILD:-0} == 1 ]] || build
mkdir -p "$results" "$bin/nginx"
raw=$results/raw.jsonl
: >"$raw"

taskset -c "$proxy_cpu" env Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$bin/echo/Attune.EchoServer.dll" --urls "http://127.0.0.1:$backend_port" >"$results/backend.log" 2>&1 &
pids+=($!) target_pid[direct]=$!
taskset -c "$proxy_cpu" env Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  "Gateway__Routes__attune.testing.v1.EchoService=http://127.0.0.1:$backend_port" \
  Gateway__ApiKeys__0__Name=bench Gateway__ApiKeys__0__Sha256="$key_hash" \
  Gateway__ApiKeys__0__PermitsPerSecond=1000000000 Gateway__ApiKeys__0__Burst=1000000000 \
  ${GATEWAY_ENV:-} dotnet "$bin/gateway/Attune.Gateway.dll" --urls "http://127.0.0.1:$gateway_port" >"$results/gateway.log" 2>&1 &
pids+=($!) target_pid[gateway]=$!
sed -e "s|@DIR@|$bin/nginx|g" -e "s|@PORT@|$nginx_port|g" -e "s|@BACKEND@|$backend_port|g" "$here/nginx.conf" >"$bin/nginx/nginx.conf"
taskset -c "$proxy_cpu" nginx -c "$bin/nginx/nginx.conf" -p "$bin/nginx" >"$results/nginx.log" 2>&1 &
pids+=($!) target_pid[nginx]=$!
for port in $backend_port $gateway_port $nginx_port; do
  wait_port 127.0.0.1 "$port" 30 || { echo "nothing listens on 127.0.0.1:$port after 30 s" >&2; exit 1; }
done

# Steady state, as a serving replica is: each target first serves PREWARM seconds (default 20) at c=1 and then 5 s at
# c=32, unmeasured. .NET's tiered JIT promotes hot methods (tier 0 -> instrumented -> optimised with PGO) only after a
# call-counting delay that new tier-0 compilations keep extending; a process saturated from its first second can stay
# at tier 0 for a long time (the gateway measured 4-5k calls/s at c=32 for 25 s, 18-21k once promoted). A gateway pod
# sets DOTNET_TC_CallCountingDelayMs=0 (k8s/gateway.yaml), which ends that within about 4 s under full load.
prewarm=${PREWARM:-20}
if [[ $prewarm -gt 0 ]]; then
  for target in direct gateway nginx; do
    echo "== pre-warm $target: ${prewarm}s at c=1, 5s at c=32"
    taskset -c "$driver_cpu" env GOMAXPROCS=1 "$bin/loadgen" -target "127.0.0.1:${ports[$target]}" -scenario unary -c 1 \
      -warmup 0s -d "${prewarm}s" -payload "$payload" -metadata "x-api-key=$key" >/dev/null 2>&1
    taskset -c "$driver_cpu" env GOMAXPROCS=1 "$bin/loadgen" -target "127.0.0.1:${ports[$target]}" -scenario unary -c 32 \
      -warmup 0s -d 5s -payload "$payload" -metadata "x-api-key=$key" >/dev/null 2>&1
  done
fi

echo "== backend and proxies on cpu $proxy_cpu, driver on cpu $driver_cpu; $rounds rounds of ${warmup}s warm-up + ${duration}s per row"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
order="direct gateway nginx"
for c in $concurrencies; do
  for ((round = 1; round <= rounds; round++)); do
    for target in $order; do
      printf '   unary c=%-3s round %s %-8s ' "$c" "$round" "$target"
      line=$(taskset -c "$driver_cpu" env GOMAXPROCS=1 "$bin/loadgen" -target "127.0.0.1:${ports[$target]}" \
        -scenario unary -c "$c" -warmup "${warmup}s" -d "${duration}s" -payload "$payload" -metadata "x-api-key=$key" \
        -server-pid "${target_pid[$target]}")
      echo "{\"target\":\"$target\",\"round\":$round,\"result\":$line}" >>"$raw"
    done
    order=$(echo "$order" | tr " " "\n" | tac | tr "\n" " ")
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

/usr/bin/python3 "$here/report.py" "$raw" "$results/results.json" "$results/results.md" \
  --proxy-cpu "$proxy_cpu" --driver-cpu "$driver_cpu" --duration "$duration" --warmup "$warmup" --rounds "$rounds" \
  --payload "$payload" --load-before "$load_before" --load-after "$load_after"
cat "$results/results.md"
