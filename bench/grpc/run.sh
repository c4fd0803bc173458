#!/usr/bin/env bash
# Benchmarks Attune's gRPC server (tests/Attune.EchoServer hosted as the services are: Grpc.AspNetCore with AddServiceDefaults) against grpc-go (bench/grpc/go/echoserver) with
# one load driver (bench/grpc/go/loadgen, grpc-go) and identical settings: each server pinned to one core, the driver
# pinned to another, GOMAXPROCS=1 for the Go processes, Release build, a warm-up before every measured run, and
# several rounds per row alternating the servers; the report takes each row's median run.
# Writes bench/grpc/results/results.json and results.md (ratio Attune / grpc-go per row).
#
# Usage: bench/grpc/run.sh [-d SECONDS] [-w SECONDS] [-r ROUNDS] [-s "unary pingpong serverstream"] [-c "1 32 256"]
# Env: SERVER_CPU (default 1), DRIVER_CPU (default 0), PAYLOAD (default 100 bytes), SKIP_BUILD=1,
#      SERVERS (default "attune grpc-go"), ATTUNE_ECHO_BARE=1 (a bare Grpc.AspNetCore host, no service defaults),
#      ECHO_BUFFER_HINT=true (server streams write with WriteFlags.BufferHint, flushing only the last message).
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
root=$(cd ../.. && pwd)
duration=3 warmup=1 rounds=3 scenarios="unary pingpong serverstream" concurrencies="1 32 256"
while getopts "d:w:r:s:c:" opt; do
  case $opt in
    d) duration=$OPTARG ;; w) warmup=$OPTARG ;; r) rounds=$OPTARG ;; s) scenarios=$OPTARG ;; c) concurrencies=$OPTARG ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
  esac
done
attune_args=--service-defaults; [[ ${ATTUNE_ECHO_BARE:-0} == 1 ]] && attune_args=
server_cpu=${SERVER_CPU:-1} driver_cpu=${DRIVER_CPU:-0} payload=${PAYLOAD:-100} servers=${SERVERS:-"attune grpc-go"}
bin=$here/bin results=$here/results
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

build() {
  "$root/scripts/interop-deps" --install
  echo "== build grpc-go peer and load driver"
  rm -rf "$bin/gopath/src/attune"
  mkdir -p "$bin/gopath/src"
  protoc -I"$root/protos" --go_out="$bin/gopath/src" --go-grpc_out="$bin/gopath/src" attune/testing/v1/echo.proto
  (export GOPATH=$bin/gopath:/usr/share/gocode GO111MODULE=off GOCACHE=$bin/gocache
   go build -o "$bin/echoserver" ./go/echoserver && go build -o "$bin/loadgen" ./go/loadgen)
  if [[ " $servers " == *" attune "* ]]; then
    echo "== build Attune EchoServer (Release)"
    dotnet build "$root/tests/Attune.EchoServer/Attune.EchoServer.csproj" -c Release -nologo -clp:ErrorsOnly -o "$bin/attune"
  fi
  echo "== build the allocation-stats startup hook"
  dotnet build "$here/AllocStatsHook/AllocStatsHook.csproj" -c Release -nologo -clp:ErrorsOnly -o "$bin/hook"
}

wait_port() { # port seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1 after $2 s" >&2
  return 1
}

# Below the kernel's ephemeral range (32768-60999), so no outgoing connection can hold one of them.
declare -A pids=() grpc_ports=([attune]=20151 [grpc-go]=20161) \
  stats_ports=([attune]=20152 [grpc-go]=20162)
stop_servers() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_servers EXIT

start_server() { # name
  local port=${grpc_ports[$1]} stats=${stats_ports[$1]}
  case $1 in
    attune)
      # Hosted as every Attune service is (AddServiceDefaults: interceptors, health checks, reflection, transcoding,
      # telemetry wiring); ATTUNE_ECHO_BARE=1 measures a bare Grpc.AspNetCore host instead.
      # Warning-level logs: per-request Information logs would measure the console, not the transport.
      taskset -c "$server_cpu" env DOTNET_STARTUP_HOOKS="$bin/hook/AllocStatsHook.dll" ATTUNE_ALLOC_STATS_PORT="$stats" \
        Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production Echo__BufferHint="${ECHO_BUFFER_HINT:-false}" \
        dotnet "$bin/attune/Attune.EchoServer.dll" --urls "http://127.0.0.1:$port" $attune_args >"$results/attune-server.log" 2>&1 &
      ;;
    grpc-go)
      taskset -c "$server_cpu" env GOMAXPROCS=1 \
        "$bin/echoserver" -addr "127.0.0.1:$port" -stats "127.0.0.1:$stats" >"$results/grpc-go-server.log" 2>&1 &
      ;;
  esac
  pids[$1]=$!
  wait_port "$port" 30
  wait_port "$stats" 10
}

[[ ${SKIP_BUILD:-0} == 1 ]] || build
mkdir -p "$results"
raw=$results/raw.jsonl
: >"$raw"
# Both servers run for the whole benchmark, pinned to the same core; only the one being driven does work. Rows alternate
# between them round by round (A G, G A, ...) so that drift in the shared machine's load hits both alike.
for server in $servers; do start_server "$server"; done
echo "== servers on cpu $server_cpu, driver on cpu $driver_cpu; $rounds rounds of ${warmup}s warm-up + ${duration}s per row"
for scenario in $scenarios; do
  for c in $concurrencies; do
    for ((round = 1; round <= rounds; round++)); do
      order=$servers; ((round % 2 == 0)) && order=$(echo "$servers" | tr " " "\n" | tac | tr "\n" " ")
      for server in $order; do
        printf '   %-12s c=%-3s round %s %-8s ' "$scenario" "$c" "$round" "$server"
        line=$(taskset -c "$driver_cpu" env GOMAXPROCS=1 "$bin/loadgen" -target "127.0.0.1:${grpc_ports[$server]}" \
          -scenario "$scenario" -c "$c" -warmup "${warmup}s" -d "${duration}s" -payload "$payload" \
          -stats "127.0.0.1:${stats_ports[$server]}" -server-pid "${pids[$server]}")
        echo "{\"server\":\"$server\",\"round\":$round,\"result\":$line}" >>"$raw"
      done
    done
  done
done

/usr/bin/python3 "$here/report.py" "$raw" "$results/results.json" "$results/results.md" \
  --server-cpu "$server_cpu" --driver-cpu "$driver_cpu" --duration "$duration" --warmup "$warmup" --rounds "$rounds" --payload "$payload"
cat "$results/results.md"
