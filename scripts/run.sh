#!/usr/bin/env bash
# Runs PolicyApi on http://127.0.0.1:8080 (the next free port when 8080 is taken; it says which).
# With nothing configured it starts its own PostgreSQL cluster in .data/postgres (kept between runs; as root in a
# folder the 'postgres' user cannot enter, under /var/lib/policyapi), creates two roles — policyapi_owner, which
# runs the migrations and owns the tables, and policyapi_app, the service's login with DML rights only — applies
# the migrations as the owner and serves the API as the application role; Ctrl-C stops both. With
# ConnectionStrings__Policy set (and ConnectionStrings__PolicyOwner for migrations), it uses that server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/postgres.sh
. "$root/scripts/lib/postgres.sh"

if [ -n "${POLICYAPI_URLS:-}" ]; then
  urls=$POLICYAPI_URLS
else
  api_port=$(pg_free_port 8080)
  if [ "$api_port" != 8080 ]; then
    pg_log "port 8080 is taken; PolicyApi will listen on $api_port instead (set POLICYAPI_URLS to choose)"
  fi
  urls="http://127.0.0.1:$api_port"
fi
data=$(pg_data_dir "$root/.data/postgres")
started_cluster=""
api_pid=""

cleanup() {
  trap - EXIT INT TERM
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    # SIGTERM: ASP.NET Core shuts down gracefully on it (background jobs of a script ignore SIGINT).
    kill -TERM "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  if [ -n "$started_cluster" ]; then
    pg_stop "$data"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${ConnectionStrings__Policy:-}" ]; then
  wanted_pg_port=${POLICYAPI_PG_PORT:-55432}
  port=$(pg_free_port "$wanted_pg_port")
  if [ "$port" != "$wanted_pg_port" ]; then
    pg_log "port $wanted_pg_port is taken; PostgreSQL will listen on $port instead"
  fi
  pg_log "PostgreSQL cluster folder: $data"
  pg_start "$data" "$port"
  started_cluster=1
  pg_provision "$port" policyapi policyapi_owner policyapi_app
  export ConnectionStrings__PolicyOwner="Host=127.0.0.1;Port=$port;Database=policyapi;Username=policyapi_owner"
  export ConnectionStrings__Policy="Host=127.0.0.1;Port=$port;Database=policyapi;Username=policyapi_app"
else
  pg_log "using the PostgreSQL server of ConnectionStrings__Policy"
fi

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
# Checkpoints of the audit log go outside the database: here, a file beside the cluster.
export Audit__CheckpointFile=${Audit__CheckpointFile-$(dirname "$data")/audit-checkpoints.jsonl}
# An empty database starts with the four seed documents, read and committed through the importer.
export DemoData__Directory=${DemoData__Directory-$root/data/seeds}

pg_log "building PolicyApi…"
# No build servers left running after Ctrl-C.
dotnet build "$root/src/Api/PolicyApi.Api.csproj" -c Release -nologo -v quiet -nodeReuse:false -p:UseSharedCompilation=false -o "$root/.data/build"
pg_log "applying migrations as the owner role…"
dotnet "$root/.data/build/PolicyApi.Api.dll" migrate --contentRoot "$root/src/Api"
dotnet "$root/.data/build/PolicyApi.Api.dll" --urls "$urls" --contentRoot "$root/src/Api" &
api_pid=$!

first_url=${urls%%;*}
for _ in $(seq 1 120); do
  if ! kill -0 "$api_pid" 2>/dev/null; then
    pg_log "PolicyApi exited during startup."
    exit 1
  fi
  if curl -fsS "$first_url/health/ready" >/dev/null 2>&1; then
    pg_log "PolicyApi is ready."
    pg_log "Swagger UI: $first_url/swagger"
    pg_log "Press Ctrl-C to stop${started_cluster:+ (the PostgreSQL cluster stops with it; data stays in $data)}."
    break
  fi
  sleep 1
done

wait "$api_pid"
