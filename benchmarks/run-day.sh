#!/usr/bin/env bash
# A city's day on PostgreSQL, through one of the in-process probes of Lims.Benchmarks: a throwaway PostgreSQL cluster on
# 127.0.0.1 (default durability, statements of 100 ms or more logged), the benchmarks built in Release, then the probe,
# which migrates an empty database, seeds the day with COPY and times the production code over it. The statements
# PostgreSQL logged after the seeding are printed at the end. Everything it starts is stopped and removed on exit.
# The entry points are run-recall-day.sh (RecallDay.cs) and run-tat-day.sh (TatDay.cs).
#
#   [PROBE_ENV="NAME=value ..."] benchmarks/run-day.sh recall-day|tat-day [the probe's options]
# PROBE_ENV: environment for the probe's process only (not the build).
set -euo pipefail
PROBE="$1"; shift
source "$(dirname "${BASH_SOURCE[0]}")/common.sh" "$PROBE"

echo "== machine: $(nproc) cores, $(awk '/MemTotal/{ printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(dotnet --version) SDK, $("$PGBIN/postgres" --version)"
start_postgres -c log_min_duration_statement=100
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE DATABASE day" postgres

echo "== building (Release)"
dotnet_quietly build -c Release "$ROOT/benchmarks/Lims.Benchmarks"
echo "== $PROBE $*"
env ${PROBE_ENV:-} dotnet "$ROOT/benchmarks/Lims.Benchmarks/bin/Release/net10.0/Lims.Benchmarks.dll" "$PROBE" \
  --connection "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=day;Command Timeout=600" "$@"
echo "== PostgreSQL statements of 100 ms or more after the seeding"
sed -n '/VACUUM ANALYZE tubes/,$p' "$WORK/pg/log" | grep -E "duration: [0-9.]+ ms" | sed -E 's/^.*duration: ([0-9.]+ ms).*(statement|execute [^:]*): /\1  /' | cut -c1-220
