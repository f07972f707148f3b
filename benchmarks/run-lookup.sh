#!/usr/bin/env bash
# Measures the public result look-up (POST /api/v1/lookup) end to end on this machine: a throwaway PostgreSQL cluster
# on 127.0.0.1 (or a SQLite file), the API published and run in Release with the look-up's rate limit raised out of the
# way, the read model seeded directly with N people, then the load generator at each concurrency with the CPU time of
# the API, of PostgreSQL and of the load generator measured over every timed window.
# Everything it starts is stopped and removed on exit.
#
#   benchmarks/run-lookup.sh [--provider postgresql|sqlite] [--people 1000000] [--results 5] [--concurrency "32 64 128"]
#                            [--seconds 30] [--warmup 15] [--misses 0] [--method post|get] [--shared-buffers 2GB]
#                            [--source worktree|head]
#
# --shared-buffers      PostgreSQL's buffer cache (default here 2GB, so that the ~1 GB read model of a million people fits,
#                       as one sizes it for a read-mostly table; PostgreSQL's own default is 128MB). Durability settings
#                       stay at their defaults (reads only).
# Each run warms up first (--warmup seconds, unmeasured): the JIT is still compiling for the first ~10 s.
set -euo pipefail

PROVIDER=postgresql
PEOPLE=1000000
RESULTS=5
CONCURRENCY="32 64 128"
SECONDS_EACH=30
WARMUP=15
SHARED_BUFFERS=2GB
MISSES=0
METHOD=post
SOURCE=worktree
while [[ $# -gt 0 ]]; do
  case "$1" in
    --provider) PROVIDER="$2"; shift 2 ;;
    --people) PEOPLE="$2"; shift 2 ;;
    --results) RESULTS="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --misses) MISSES="$2"; shift 2 ;;
    --method) METHOD="$2"; shift 2 ;;
    --shared-buffers) SHARED_BUFFERS="$2"; shift 2 ;;
    --source) SOURCE="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done

source "$(dirname "${BASH_SOURCE[0]}")/common.sh" lookup

echo "== machine: $(nproc) cores, $(awk '/MemTotal/{ printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(dotnet --version) SDK, load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== building (Release) from a snapshot of the $SOURCE in $WORK/tree"
snapshot_source "$SOURCE"
dotnet_quietly publish -c Release "$SRC/src/Lims.Api/Lims.Api.csproj" -o "$WORK/api"
dotnet_quietly build -c Release "$SRC/benchmarks/Lims.Benchmarks"
BENCH="$SRC/benchmarks/Lims.Benchmarks/bin/Release/net10.0/Lims.Benchmarks.dll"

WATCH=""
if [[ "$PROVIDER" == postgresql ]]; then
  echo "== PostgreSQL cluster in $WORK/pg (shared_buffers=$SHARED_BUFFERS, durability defaults)"
  start_postgres -c shared_buffers="$SHARED_BUFFERS"
  echo "   $("$PGBIN/postgres" --version)"
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE DATABASE lims" postgres
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -At -c "SELECT 'settings: ' || string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers','max_connections','fsync','synchronous_commit')" postgres
  export Database__Provider=PostgreSql
  export ConnectionStrings__Lims="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=lims"
  SEED_CONNECTION="$ConnectionStrings__Lims"
  WATCH=",postgres:$PG_PID"
elif [[ "$PROVIDER" == sqlite ]]; then
  export Database__Provider=Sqlite
  export Lims__DataDirectory="$WORK/data"
  SEED_CONNECTION="Data Source=$WORK/data/lims.db"
else
  echo "--provider is postgresql or sqlite" >&2; exit 1
fi

export Database__MigrateOnStart=true
export Lims__Jobs__RunServer=false
export Lims__SeedDemo=false
Lims__Security__PersonalDataKey="$(head -c 32 /dev/urandom | base64)"; export Lims__Security__PersonalDataKey
Lims__Security__LookupKey="$(head -c 32 /dev/urandom | base64)"; export Lims__Security__LookupKey
# The benchmark's clients all come from 127.0.0.1: the per-address limit (30 a minute by default) is raised out of the way.
export Lims__Lookup__PermitsPerMinute=2000000000
export Logging__LogLevel__Default=Warning

API_PORT="$(free_port)"
export Urls="http://127.0.0.1:$API_PORT"
echo "== API on $Urls ($PROVIDER)"
(cd "$WORK/api" && exec dotnet Lims.Api.dll) >"$WORK/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 120); do
  curl -s -o /dev/null "$Urls/openapi/v1.json" && break
  kill -0 "$API_PID" 2>/dev/null || { cat "$WORK/api.log"; exit 1; }
  sleep 0.5
done
curl -sf -o /dev/null "$Urls/openapi/v1.json" || { echo "the API did not start"; cat "$WORK/api.log"; exit 1; }

echo "== seeding the read model: $PEOPLE people × $RESULTS results"
dotnet "$BENCH" lookup-seed --provider "$PROVIDER" --connection "$SEED_CONNECTION" --people "$PEOPLE" --results "$RESULTS"
if [[ "$PROVIDER" == postgresql ]]; then
  echo "   $(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -At -c "SELECT 'lookup_results: ' || count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('lookup_results')) FROM lookup_results" lims)"
else
  echo "   $(du -h "$WORK/data/lims.db" | cut -f1) database file"
fi
echo "   one look-up: $(curl -s -X POST "$Urls/api/v1/lookup" -H 'Content-Type: application/json' -d "{\"idNumber\":\"$(dotnet "$BENCH" lookup-id 0)\",\"name\":\"Person 0\"}" | head -c 400)"

echo
echo "== the HTTP pipeline alone (GET /api/v1/lookup without an id: a 400 from the validator, no hash, no database), concurrency 64"
dotnet "$BENCH" lookup-load --url "$Urls" --concurrency 64 --seconds "$SECONDS_EACH" --warmup "$WARMUP" --floor --cpu "api:$API_PID$WATCH" \
  | grep -E "requests|lookups/s|latency|CPU" | sed 's/lookups\/s/requests\/s/' || true

echo
echo "== bare Kestrel (Lims.Benchmarks bare-http: no middleware, no database, a constant 400 to the same --floor requests), concurrency 64"
BARE_URL="http://127.0.0.1:$(free_port)"
dotnet "$BENCH" bare-http --url "$BARE_URL" >"$WORK/bare.log" 2>&1 &
OTHER_PID=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "$BARE_URL/api/v1/lookup" && break; sleep 0.5; done
dotnet "$BENCH" lookup-load --url "$BARE_URL" --concurrency 64 --seconds "$SECONDS_EACH" --warmup "$WARMUP" --floor --cpu "bare:$OTHER_PID" \
  | grep -E "requests|lookups/s|latency|CPU" | sed 's/lookups\/s/requests\/s/' || true
kill "$OTHER_PID"; wait "$OTHER_PID" 2>/dev/null || true; OTHER_PID=""

for c in $CONCURRENCY; do
  echo
  echo "== load: concurrency $c, ${WARMUP} s warm-up, ${SECONDS_EACH} s measured; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: dotnet run -c Release --project benchmarks/Lims.Benchmarks -- lookup-load --url $Urls --people $PEOPLE --concurrency $c --seconds $SECONDS_EACH --warmup $WARMUP --misses $MISSES --method $METHOD"
  dotnet "$BENCH" lookup-load --url "$Urls" --people "$PEOPLE" --concurrency "$c" --seconds "$SECONDS_EACH" --warmup "$WARMUP" \
    --misses "$MISSES" --method "$METHOD" --cpu "api:$API_PID$WATCH" || echo "(the load run reported failures)"
done
