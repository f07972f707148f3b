#!/usr/bin/env bash
# Measures bulk registration through the batch API on PostgreSQL, end to end, on this machine:
# a throwaway PostgreSQL cluster on 127.0.0.1, the API published and run in Release, a submitter
# and API key made with the CLI, a warm-up, then the load generator at each concurrency, with the
# CPU time of the API, of PostgreSQL and of the load generator measured over every timed run.
# Everything it starts is stopped and removed on exit.
#
#   benchmarks/run-load.sh [--concurrency "2 4 8"] [--batches 60] [--tubes 1000] [--people 10]
#                          [--max-seconds 120] [--durability default|off] [--no-phases] [--source worktree|head]
#
# --source worktree     build the working tree as it is (default)
# --source head         build the last commit (git archive HEAD, read-only) with this benchmarks/ folder,
#                       for when the working tree is in the middle of other edits and does not build
#
# --durability default  PostgreSQL's defaults: fsync=on, synchronous_commit=on, full_page_writes=on
#                       (the headline figure).
# --durability off      fsync=off, synchronous_commit=off, full_page_writes=off (as the tests run it;
#                       shows what the disk costs, not a setting to run production with).
set -euo pipefail

CONCURRENCY="2 4 8"
BATCHES=60
TUBES=1000
PEOPLE=10
MAX_SECONDS=120
DURABILITY=default
PHASES=1
SOURCE=worktree
while [[ $# -gt 0 ]]; do
  case "$1" in
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --batches) BATCHES="$2"; shift 2 ;;
    --tubes) TUBES="$2"; shift 2 ;;
    --people) PEOPLE="$2"; shift 2 ;;
    --max-seconds) MAX_SECONDS="$2"; shift 2 ;;
    --durability) DURABILITY="$2"; shift 2 ;;
    --no-phases) PHASES=0; shift ;;
    --source) SOURCE="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done

source "$(dirname "${BASH_SOURCE[0]}")/common.sh" load

echo "== machine: $(nproc) cores, $(awk '/MemTotal/{ printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(dotnet --version) SDK, $("$PGBIN/postgres" --version)"

echo "== PostgreSQL cluster in $WORK/pg (durability: $DURABILITY)"
PGOPTS=""
if [[ "$DURABILITY" == off ]]; then PGOPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
start_postgres $PGOPTS
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE DATABASE lims" postgres
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -At -c "SELECT 'settings: ' || string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','shared_buffers','max_wal_size','wal_level')" postgres

export Database__Provider=PostgreSql
export ConnectionStrings__Lims="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=lims"
export Database__MigrateOnStart=true
export Lims__Jobs__RunServer=false
Lims__Security__PersonalDataKey="$(head -c 32 /dev/urandom | base64)"; export Lims__Security__PersonalDataKey
Lims__Security__LookupKey="$(head -c 32 /dev/urandom | base64)"; export Lims__Security__LookupKey
export Logging__LogLevel__Default=Warning

echo "== building (Release) from a snapshot of the $SOURCE in $WORK/tree (so that edits made meanwhile do not mix in)"
snapshot_source "$SOURCE"
dotnet_quietly publish -c Release "$SRC/src/Lims.Api/Lims.Api.csproj" -o "$WORK/api"
# The CLI is published next to the API (same sources, same moment) and run from there; it is the
# same program as `dotnet run -c Release --project src/Lims.Cli --`.
dotnet_quietly publish -c Release "$SRC/src/Lims.Cli/Lims.Cli.csproj" -o "$WORK/cli"
dotnet_quietly build -c Release "$SRC/benchmarks/Lims.Benchmarks"
BENCH="$SRC/benchmarks/Lims.Benchmarks/bin/Release/net10.0/Lims.Benchmarks.dll"

API_PORT="$(free_port)"
export Urls="http://127.0.0.1:$API_PORT"
echo "== API on $Urls"
(cd "$WORK/api" && exec dotnet Lims.Api.dll) >"$WORK/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 120); do
  curl -s -o /dev/null "$Urls/openapi/v1.json" && break
  kill -0 "$API_PID" 2>/dev/null || { cat "$WORK/api.log"; exit 1; }
  sleep 0.5
done
curl -sf -o /dev/null "$Urls/openapi/v1.json" || { echo "the API did not start"; cat "$WORK/api.log"; exit 1; }

echo "== submitter and API key (CLI)"
(cd "$WORK" && dotnet cli/lims.dll submitter create --code bench --name Bench)
KEY="$(cd "$WORK" && dotnet cli/lims.dll apikey create --submitter bench | tail -n 1)"
[[ -n "$KEY" ]] || { echo "no API key"; exit 1; }

echo "== warm-up: 20 batches, concurrency 2"
dotnet "$BENCH" load --url "$Urls" --key "$KEY" --batches 20 --tubes "$TUBES" --people "$PEOPLE" --concurrency 2 --max-seconds 60 >/dev/null

for c in $CONCURRENCY; do
  echo
  echo "== load: $BATCHES batches of $TUBES tubes × $PEOPLE people, concurrency $c"
  echo "command: dotnet run -c Release --project benchmarks/Lims.Benchmarks -- load --url $Urls --key *** --batches $BATCHES --tubes $TUBES --people $PEOPLE --concurrency $c --max-seconds $MAX_SECONDS"
  dotnet "$BENCH" load --url "$Urls" --key "$KEY" --batches "$BATCHES" --tubes "$TUBES" --people "$PEOPLE" --concurrency "$c" --max-seconds "$MAX_SECONDS" \
    --cpu "api:$API_PID,postgres:$PG_PID" || echo "(the load run reported failures)"
done

echo
echo "== database: $(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -At -c "SELECT (SELECT count(*) FROM tubes) || ' tubes, ' || (SELECT count(*) FROM tube_members) || ' members, ' || pg_size_pretty(pg_database_size('lims'))" lims)"

if [[ "$PHASES" == 1 ]]; then
  # The API stays up but idle: the probe below runs the same code in its own process.
  for c in 1 2; do
    echo
    echo "== phases (in this process, no HTTP): 20 batches, database writers: $c"
    dotnet "$BENCH" phases --connection "$ConnectionStrings__Lims" --batches 20 --tubes "$TUBES" --people "$PEOPLE" --concurrency "$c" \
      --max-seconds "$MAX_SECONDS" --cpu "postgres:$PG_PID"
  done
fi
