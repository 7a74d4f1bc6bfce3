#!/usr/bin/env bash
# Builds the solution, runs every test project against real PostgreSQL, then lints the OpenAPI document (Spectral):
#  - POLICYAPI_TEST_CONNECTION set: that server (a fresh database is created and dropped per run);
#  - else a Docker engine answers: Testcontainers starts postgres:15;
#  - else: a throwaway cluster is started here and removed afterwards.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/postgres.sh
. "$root/scripts/lib/postgres.sh"

configuration=${CONFIGURATION:-Release}
cluster=""
spectral_install=""

cleanup() {
  if [ -n "$spectral_install" ]; then kill "$spectral_install" 2>/dev/null || true; fi
  rm -f "${TMPDIR:-/tmp}/policyapi-spectral-install.$$.log"
  if [ -n "$cluster" ]; then
    pg_stop "$cluster"
    rm -rf "$cluster"
  fi
}
trap cleanup EXIT

# Spectral (npm, ~40 s on a clean checkout) installs while the solution builds and the tests run; the lint waits for it.
"$root/scripts/lint-openapi.sh" --install-only >"${TMPDIR:-/tmp}/policyapi-spectral-install.$$.log" 2>&1 &
spectral_install=$!

dotnet build "$root/PolicyApi.sln" -c "$configuration" -nologo

if [ -n "${POLICYAPI_TEST_CONNECTION:-}" ]; then
  pg_log "tests use POLICYAPI_TEST_CONNECTION"
elif docker info >/dev/null 2>&1; then
  pg_log "a Docker engine answers: tests use Testcontainers"
else
  pg_log "no Docker engine: starting a throwaway PostgreSQL cluster"
  cluster=$(mktemp -d /tmp/policyapi-test-pg.XXXXXX)
  port=$(pg_free_port 56432)
  PG_FSYNC=off pg_start "$cluster" "$port"
  export POLICYAPI_TEST_CONNECTION="Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres"
  # The outage tests stop this cluster (as a crash would) and start it again with scripts/lib/pg-control.sh.
  export POLICYAPI_TEST_PG_DATA="$cluster" POLICYAPI_TEST_PG_PORT="$port"
fi

# The OpenAPI tests write the document here; Spectral lints it after the tests.
export POLICYAPI_OPENAPI_FILE="$root/.data/openapi/swagger.json"
rm -f "$POLICYAPI_OPENAPI_FILE"

dotnet test "$root/PolicyApi.sln" -c "$configuration" --no-build -nologo --logger "console;verbosity=normal" "$@"

# A failed install is tried again (and reported) by the lint itself.
wait "$spectral_install" || cat "${TMPDIR:-/tmp}/policyapi-spectral-install.$$.log" >&2
rm -f "${TMPDIR:-/tmp}/policyapi-spectral-install.$$.log"
spectral_install=""
if [ -s "$POLICYAPI_OPENAPI_FILE" ]; then
  "$root/scripts/lint-openapi.sh" "$POLICYAPI_OPENAPI_FILE"
elif [ $# -eq 0 ]; then
  pg_log "the tests wrote no OpenAPI document to lint ($POLICYAPI_OPENAPI_FILE)"
  exit 1
else
  pg_log "OpenAPI lint skipped: the filtered run wrote no OpenAPI document"
fi
