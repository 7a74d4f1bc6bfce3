#!/usr/bin/env bash
# Runs the supervision benchmark: builds a large data set (≈2 million rows) in a fresh database and prints
# how long the bulletin, rankings, attainment, and overdue/due lists take through the HTTP pipeline.
# Uses POLICYAPI_BENCH_CONNECTION if set; otherwise starts a throwaway PostgreSQL cluster and removes it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/postgres.sh
. "$root/scripts/lib/postgres.sh"

cluster=""
cleanup() {
  if [ -n "$cluster" ]; then
    pg_stop "$cluster"
    rm -rf "$cluster"
  fi
}
trap cleanup EXIT

if [ -z "${POLICYAPI_BENCH_CONNECTION:-}" ]; then
  cluster=$(mktemp -d /tmp/policyapi-bench-pg.XXXXXX)
  port=$(pg_free_port 57432)
  pg_start "$cluster" "$port"
  export POLICYAPI_BENCH_CONNECTION="Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres"
fi

dotnet run --project "$root/benchmarks/PolicyApi.Benchmarks" -c Release
