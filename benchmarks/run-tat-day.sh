#!/usr/bin/env bash
# The turnaround dashboard over a city's day: a throwaway PostgreSQL cluster on 127.0.0.1 (default durability), the
# benchmarks built in Release, then `Lims.Benchmarks tat-day`, which migrates an empty database, seeds a day of
# tubes with their stage times with COPY, and times GET /api/v1/dashboard/tat's handler over an hour and over the
# day (TatDay.cs). Everything it starts is stopped and removed on exit.
#
#   benchmarks/run-tat-day.sh [--tubes 3000000] [--sites 500]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/lims-tat-day-XXXXXX)"
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
echo "== tat-day $*"
dotnet "$ROOT/benchmarks/Lims.Benchmarks/bin/Release/net10.0/Lims.Benchmarks.dll" tat-day \
  --connection "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=day;Command Timeout=600" "$@"
echo "== PostgreSQL statements of 100 ms or more after the seeding (the dashboard's queries)"
sed -n '/VACUUM ANALYZE tubes/,$p' "$WORK/pg/log" | grep -E "duration: [0-9.]+ ms" | sed -E 's/^.*duration: ([0-9.]+ ms).*(statement|execute [^:]*): /\1  /' | cut -c1-220
