#!/usr/bin/env bash
# Service benchmarks, each against a peer measured in the same run (bench/services/Attune.Bench.Services):
#   ingest  RecordComparison (stored durably, FeedbackRecorded queued in the same transaction) per second, SQLite and
#           PostgreSQL, against the same two INSERTs per transaction written straight to the database
#   score   adapter Score of 8 responses (demo model in force, a user with 10 answers) p50/p99, against a health Check
#           on the same server and channel
# PostgreSQL: a server of its own started here with its default durability (fsync on, synchronous_commit on), unlike
# the test suite's fsync=off server. Writes bench/services/results/results.md and results.json.
#
# Usage: bench/services/run.sh [-t SECONDS_PER_CELL] [-c "1,32"] [-s "ingest,score"]
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
root=$(cd ../.. && pwd)
seconds=10 concurrency=1,32 sections=ingest,score
while getopts "t:c:s:" opt; do
  case $opt in
    t) seconds=$OPTARG ;; c) concurrency=$OPTARG ;; s) sections=$OPTARG ;;
    *) sed -n '2,11p' "$0"; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# shellcheck source=../../scripts/lib/servers.sh
source "$root/scripts/lib/servers.sh"
ensure_packages postgresql
pg=$(mktemp -d /tmp/attune-bench-pg.XXXXXX) port=55433
as_root chown postgres "$pg"
as_root su postgres -c "/usr/lib/postgresql/15/bin/initdb -D $pg/data -A trust -U postgres" >/dev/null
as_root su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $pg/data -o '-c listen_addresses=127.0.0.1 -p $port -k $pg' -l $pg/log -w start" >/dev/null
trap 'as_root su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $pg/data -m fast -w stop" >/dev/null 2>&1 || true; as_root rm -rf "$pg"' EXIT

dotnet build "$here/Attune.Bench.Services" -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
mkdir -p "$here/results"
dotnet "$here/Attune.Bench.Services/bin/Release/net10.0/Attune.Bench.Services.dll" --out "$here/results" \
  --seconds "$seconds" --concurrency "$concurrency" --sections "$sections" \
  --postgres "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
echo "lscpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) logical cores" >> "$here/results/results.md"
