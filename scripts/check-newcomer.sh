#!/usr/bin/env bash
# The newcomer's path, checked (CI runs it after the tests): a clone of this repository in a folder only its owner
# may enter (0700, as root's home is), under a path with spaces and Chinese characters, on a machine where ports
# 8080 and 55432 are taken. scripts/run.sh must say which ports and which cluster folder it chose, serve, and leave no
# process behind after Ctrl-C; scripts/test.sh must run from there too (a few tests, the ones that drive the cluster).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/postgres.sh
. "$root/scripts/lib/postgres.sh"

home=$(mktemp -d "${TMPDIR:-/tmp}/policyapi-newcomer.XXXXXX")
chmod 700 "$home"
clone="$home/政策 跟踪/policy api"
blockers=()
run_pid=""
data=""
fail() { pg_log "newcomer check FAILED: $*"; exit 1; }
cleanup() {
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then kill -INT -- "-$run_pid" 2>/dev/null || true; sleep 5; fi
  for pid in "${blockers[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$data" ] || data=$(sed -n 's/.*PostgreSQL cluster folder: //p' "$home/run.log" 2>/dev/null | head -n 1)
  # As root the cluster lived outside the clone (/var/lib/policyapi/<hash>): remove it too.
  if [ -n "$data" ] && [ "$(id -u)" = 0 ] && [[ $data == /var/lib/policyapi/* ]]; then rm -rf "$(dirname "$data")"; fi
  rm -rf "$home"
}
trap cleanup EXIT

mkdir -p "$(dirname "$clone")"
git clone -q "$root" "$clone"

# Something else already listens on the ports the scripts prefer.
for port in 8080 55432; do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    python3 -c "import socket,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $port)); s.listen(); time.sleep(3600)" &
    blockers+=($!)
  fi
done
sleep 1

log="$home/run.log"
pg_log "newcomer check: scripts/run.sh from $clone"
# As from a terminal: its own process group, SIGINT not ignored (a script's background job would ignore it).
python3 -c 'import os, signal, sys; os.setsid(); signal.signal(signal.SIGINT, signal.SIG_DFL); os.chdir(sys.argv[1]); os.execvp("scripts/run.sh", ["scripts/run.sh"])' "$clone" >"$log" 2>&1 &
run_pid=$!
for _ in $(seq 1 300); do
  grep -q "PolicyApi is ready" "$log" && break
  kill -0 "$run_pid" 2>/dev/null || { cat "$log" >&2; fail "run.sh exited before the API was ready"; }
  sleep 1
done
grep -q "PolicyApi is ready" "$log" || { cat "$log" >&2; fail "the API was not ready within 5 minutes"; }
grep -q "port 8080 is taken; PolicyApi will listen on" "$log" || { cat "$log" >&2; fail "run.sh did not say which port it chose instead of 8080"; }
grep -q "port 55432 is taken; PostgreSQL will listen on" "$log" || { cat "$log" >&2; fail "run.sh did not say which port PostgreSQL chose"; }
grep -q "PostgreSQL cluster folder: " "$log" || fail "run.sh did not say where the cluster lives"
api_url=$(sed -n 's/.*Swagger UI: \(http:[^ ]*\)\/swagger.*/\1/p' "$log" | head -n 1)
curl -fsS "$api_url/health/ready" >/dev/null || fail "the API at $api_url is not ready"
curl -fsS "$api_url/swagger/v1/swagger.json" >/dev/null || fail "no OpenAPI document at $api_url"
data=$(sed -n 's/.*PostgreSQL cluster folder: //p' "$log" | head -n 1)

# Ctrl-C: SIGINT to the whole foreground process group, as a terminal sends it.
kill -INT -- "-$run_pid"
for _ in $(seq 1 60); do kill -0 "$run_pid" 2>/dev/null || break; sleep 1; done
kill -0 "$run_pid" 2>/dev/null && fail "run.sh still runs 60 s after Ctrl-C"
run_pid=""
sleep 2
left=$(ps -eo pid=,args= | grep -F -e "$clone" -e "$data" | grep -v -e grep -e check-newcomer || true)
[ -z "$left" ] || fail "processes left after Ctrl-C: $left"
[ ! -f "$data/postmaster.pid" ] || fail "PostgreSQL still runs in $data"
pg_log "newcomer check: run.sh chose free ports, served, and stopped cleanly"

pg_log "newcomer check: scripts/test.sh from $clone"
(cd "$clone" && unset POLICYAPI_TEST_CONNECTION POLICYAPI_TEST_PG_DATA POLICYAPI_TEST_PG_PORT && \
  scripts/test.sh --filter "FullyQualifiedName~ReplicaReadTests|FullyQualifiedName~GracefulShutdownTests|FullyQualifiedName~ManifestTests") \
  || fail "scripts/test.sh failed from $clone"
pg_log "newcomer check passed"
