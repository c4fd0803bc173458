# Shared by scripts/test and bench scripts: installs Debian packages and starts RabbitMQ, PostgreSQL and Redis on 127.0.0.1.
# Sets ATTUNE_TEST_POSTGRES, ATTUNE_TEST_RABBITMQ, ATTUNE_TEST_RABBITMQ_NODE and ATTUNE_TEST_REDIS for the tests. Nothing
# here needs systemd.

ATTUNE_SERVERS_DIR=${ATTUNE_SERVERS_DIR:-/tmp/attune-servers}
ATTUNE_PG_PORT=${ATTUNE_PG_PORT:-55432}
ATTUNE_RABBIT_PORT=${ATTUNE_RABBIT_PORT:-5672}
ATTUNE_REDIS_PORT=${ATTUNE_REDIS_PORT:-56379}

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# ensure_packages "pkg1 pkg2 ...": installs the missing ones with apt-get.
ensure_packages() {
  local missing=()
  for p in $1; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "== installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

wait_port() { # host port seconds: true once host:port accepts connections (tries at least once)
  local i
  for ((i = 0; i <= $3 * 10; i++)); do
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
    (( i < $3 * 10 )) && sleep 0.1
  done
  return 1
}

start_postgres() {
  [[ -x /usr/lib/postgresql/15/bin/initdb ]] || return 0
  local d=$ATTUNE_SERVERS_DIR/pg
  if ! wait_port 127.0.0.1 "$ATTUNE_PG_PORT" 0; then
    as_root rm -rf "$d"; as_root mkdir -p "$d"; as_root chown postgres "$d"
    as_root su postgres -c "/usr/lib/postgresql/15/bin/initdb -D $d/data -A trust -U postgres --no-sync" >/dev/null
    as_root su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $d/data -o '-c listen_addresses=127.0.0.1 -p $ATTUNE_PG_PORT -k $d -c fsync=off' -l $d/log -w start" >/dev/null
    ATTUNE_STARTED_PG=$d
  fi
  export ATTUNE_TEST_POSTGRES=${ATTUNE_TEST_POSTGRES:-"Host=127.0.0.1;Port=$ATTUNE_PG_PORT;Username=postgres;Database=postgres"}
}

# start_rabbitmq_node NODE PORT DIR: starts a RabbitMQ node (loopback only, data under DIR) and waits for PORT.
# Also used by tests/Attune.IntegrationTests for the private node its broker-outage test stops and starts.
start_rabbitmq_node() {
  local node=$1 port=$2 d=$3
  as_root rm -rf "$d"; as_root mkdir -p "$d"; as_root chown rabbitmq "$d" 2>/dev/null || true
  as_root env RABBITMQ_NODENAME="$node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$port" \
    RABBITMQ_DIST_PORT=$((port + 20000)) ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    RABBITMQ_MNESIA_BASE="$d/mnesia" RABBITMQ_LOG_BASE="$d/log" rabbitmq-server -detached >/dev/null 2>&1
  wait_port 127.0.0.1 "$port" 60 || { echo "RabbitMQ node $node did not start on port $port" >&2; return 1; }
}

# stop_rabbitmq_node NODE: stops the node (its data folder is left to the caller).
stop_rabbitmq_node() { as_root rabbitmqctl -n "$1" stop >/dev/null 2>&1 || true; }

start_rabbitmq() {
  command -v rabbitmq-server >/dev/null || return 0
  if ! wait_port 127.0.0.1 "$ATTUNE_RABBIT_PORT" 0; then
    start_rabbitmq_node rabbit@localhost "$ATTUNE_RABBIT_PORT" "$ATTUNE_SERVERS_DIR/rabbit" || return 1
    ATTUNE_STARTED_RABBIT=rabbit@localhost
  fi
  export ATTUNE_TEST_RABBITMQ=${ATTUNE_TEST_RABBITMQ:-"amqp://guest:guest@127.0.0.1:$ATTUNE_RABBIT_PORT/"}
  # The node's name, for the tests that create a virtual host per test with rabbitmqctl.
  export ATTUNE_TEST_RABBITMQ_NODE=${ATTUNE_TEST_RABBITMQ_NODE:-rabbit@localhost}
}

# Redis for the gateway's shared rate limits (tests/Attune.Gateway.Tests): loopback only, nothing written to disk.
start_redis() {
  command -v redis-server >/dev/null || return 0
  local d=$ATTUNE_SERVERS_DIR/redis
  if ! wait_port 127.0.0.1 "$ATTUNE_REDIS_PORT" 0; then
    mkdir -p "$d"
    redis-server --bind 127.0.0.1 --port "$ATTUNE_REDIS_PORT" --save '' --appendonly no --dir "$d" \
      --daemonize yes --pidfile "$d/redis.pid" --logfile "$d/redis.log" >/dev/null
    wait_port 127.0.0.1 "$ATTUNE_REDIS_PORT" 10 || { echo "Redis did not start on port $ATTUNE_REDIS_PORT" >&2; return 1; }
    ATTUNE_STARTED_REDIS=$d
  fi
  export ATTUNE_TEST_REDIS=${ATTUNE_TEST_REDIS:-"127.0.0.1:$ATTUNE_REDIS_PORT"}
}

start_servers() { start_postgres; start_rabbitmq; start_redis; }

stop_servers() {
  # Private nodes of tests/Attune.IntegrationTests (each test removes its own; these are left by a killed test run).
  local n
  for n in $(epmd -names 2>/dev/null | awk '$2 ~ /^attune-it-/ { print $2 }'); do stop_rabbitmq_node "$n@localhost"; done
  if [[ -n ${ATTUNE_STARTED_PG:-} ]]; then
    as_root su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $ATTUNE_STARTED_PG/data -m fast -w stop" >/dev/null 2>&1 || true
  fi
  if [[ -n ${ATTUNE_STARTED_REDIS:-} ]]; then
    redis-cli -h 127.0.0.1 -p "$ATTUNE_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  fi
  if [[ -n ${ATTUNE_STARTED_RABBIT:-} ]]; then
    stop_rabbitmq_node "$ATTUNE_STARTED_RABBIT"
    epmd -kill >/dev/null 2>&1 || true
  fi
}
