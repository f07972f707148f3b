# Sourced by the run-*.sh scripts: `source "$(dirname "${BASH_SOURCE[0]}")/common.sh" NAME`. Gives them ROOT (the
# repository), a work directory WORK (/tmp/lims-NAME-*) removed on exit with whatever they started (the API by API_PID,
# other servers by OTHER_PID, the PostgreSQL cluster once started), and the helpers below.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "/tmp/lims-$1-XXXXXX")"
chmod 755 "$WORK"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
PGDATA="$WORK/pg/data"
API_PID=""
OTHER_PID=""
PG_STARTED=0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  local status=$?
  set +e
  local pid
  for pid in $API_PID $OTHER_PID; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null; fi
  done
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

# A throwaway cluster in $WORK/pg on 127.0.0.1 (a free port, trust, socket in the work directory), started with the
# given extra server options ("-c name=value ..."); sets PGPORT and PG_PID. initdb's --no-sync only skips syncing
# initdb's own files; it does not change how the server writes.
start_postgres() {
  mkdir -p "$WORK/pg"
  [[ "$(id -u)" == 0 ]] && chown postgres "$WORK/pg"
  PGPORT="$(free_port)"
  as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1 $*" -l "$WORK/pg/log" -w -t 60 start >/dev/null
  PG_STARTED=1
  PG_PID="$(head -n 1 "$PGDATA/postmaster.pid")"
}

# Copies the sources to $WORK/tree and sets SRC to it, so that edits made while the benchmark builds and runs do not
# mix in: `head` = the last commit (git archive HEAD) with this benchmarks/ folder as it is, `worktree` = the working tree.
snapshot_source() {
  mkdir -p "$WORK/tree"
  if [[ "$1" == head ]]; then
    echo "   commit $(git -C "$ROOT" rev-parse --short HEAD): $(git -C "$ROOT" log -1 --format=%s)"
    git -C "$ROOT" archive HEAD | tar -C "$WORK/tree" -xf -
    rm -rf "$WORK/tree/benchmarks"
    tar -C "$ROOT" --exclude=bin --exclude=obj --exclude=BenchmarkDotNet.Artifacts -cf - benchmarks | tar -C "$WORK/tree" -xf -
  else
    tar -C "$ROOT" --exclude=./.git --exclude=bin --exclude=obj --exclude=BenchmarkDotNet.Artifacts -cf - . | tar -C "$WORK/tree" -xf -
  fi
  SRC="$WORK/tree"
}

# Runs a dotnet build or publish quietly; on failure prints its errors and exits.
dotnet_quietly() {
  dotnet "$@" -nologo >"$WORK/build.log" 2>&1 || { grep -E "error|Error" "$WORK/build.log" | sort -u | head -20; exit 1; }
}
