#!/usr/bin/env bash
# A city's day of collection pools deconvolved and persisted: a throwaway PostgreSQL cluster on 127.0.0.1
# (default durability), the benchmarks built in Release, then `Lims.Benchmarks recall-day`, which migrates an
# empty database, seeds the day's interpreted pools with COPY, and times the in-memory pass and the opening of
# every recall case (RecallDay.cs). Everything it starts is stopped and removed on exit.
#
#   benchmarks/run-recall-day.sh [--pools 2600000] [--positive-rate 0.01] [--people 10] [--repeat 3]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/lims-recall-day-XXXXXX)"
chmod 755 "$WORK"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
PGDATA="$WORK/pg/data"
PG_STARTED=0

as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  local status=$?
  set +e
  if [[ "$PG_STARTED" == 1 ]]; then as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT INT TERM

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    ss -ltnH "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}

echo "== machine: $(nproc) cores, $(awk '/MemTotal/{ printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(dotnet --version) SDK, $("$PGBIN/postgres" --version)"
mkdir -p "$WORK/pg"
[[ "$(id -u)" == 0 ]] && chown postgres "$WORK/pg"
PGPORT="$(free_port)"
as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c log_min_duration_statement=100" -l "$WORK/pg/log" -w -t 60 start >/dev/null
PG_STARTED=1
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE DATABASE day" postgres

echo "== building (Release)"
dotnet build -c Release "$ROOT/benchmarks/Lims.Benchmarks" -nologo >"$WORK/build.log" 2>&1 || { grep -E "error|Error" "$WORK/build.log" | sort -u | head -20; exit 1; }
echo "== recall-day $*"
DOTNET_TieredCompilation=0 dotnet "$ROOT/benchmarks/Lims.Benchmarks/bin/Release/net10.0/Lims.Benchmarks.dll" recall-day \
  --connection "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=day;Command Timeout=600" "$@"
echo "== PostgreSQL statements of 100 ms or more after the seeding (the recall pass)"
sed -n '/VACUUM ANALYZE tube_members/,$p' "$WORK/pg/log" | grep -E "duration: [0-9.]+ ms" | sed -E 's/^.*duration: ([0-9.]+ ms).*(statement|execute [^:]*): /\1  /' | cut -c1-220
