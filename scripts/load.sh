#!/usr/bin/env bash
# Load benchmark of the hot reads: GET /api/v1/measures/{id} and a document's page of 50 measures, served by
#  - a raw-Npgsql baseline (benchmarks/PolicyApi.Baseline: same schema, same JSON, nothing else), then
#  - PolicyApi itself (Production settings, a real token, authentication, authorization, ETags and problem
#    handling all on; only the rate limit raised),
# one after the other on the benchmark data set (scripts/bench.sh's Seed.sql, scale 1), with wrk.
# Each case is warmed up (LOAD_WARMUP, 30 s) on both, then measured in LOAD_ROUNDS (3) alternating rounds. Prints requests
# per second, p50 and p99 of each round and their medians, and PolicyApi's ratio to the baseline. Asserts nothing.
#   scripts/load.sh                      # throwaway PostgreSQL, 20 s per run, 2 threads, 32 connections (≈ 6 min)
#   LOAD_DURATION=30s LOAD_CONNECTIONS=64 scripts/load.sh
#   POLICYAPI_BENCH_CONNECTION=... scripts/load.sh   # an existing server (a superuser); its data set is reused
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/postgres.sh
. "$root/scripts/lib/postgres.sh"

duration=${LOAD_DURATION:-20s}
warmup=${LOAD_WARMUP:-30s}
rounds=${LOAD_ROUNDS:-3}
threads=${LOAD_THREADS:-2}
connections=${LOAD_CONNECTIONS:-32}
out="$root/.data/load"
cluster=""
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$cluster" ]; then
    pg_stop "$cluster"
    rm -rf "$cluster"
  fi
}
trap cleanup EXIT

if ! command -v wrk >/dev/null 2>&1; then
  pg_log "installing wrk (one time)…"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
fi

if [ -z "${POLICYAPI_BENCH_CONNECTION:-}" ]; then
  cluster=$(mktemp -d /tmp/policyapi-load-pg.XXXXXX)
  port=$(pg_free_port 57532)
  PG_FSYNC=off pg_start "$cluster" "$port"
  export POLICYAPI_BENCH_CONNECTION="Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres"
fi

pg_log "preparing the data set (seeded once, then reused)…"
POLICYAPI_BENCH_SEED_ONLY=1 POLICYAPI_BENCH_REUSE=1 dotnet run --project "$root/benchmarks/PolicyApi.Benchmarks" -c Release
db=$(printf '%s' "$POLICYAPI_BENCH_CONNECTION" | sed -E 's/Database=[^;]*/Database=policyapi_bench/')

pg_log "building the service and the baseline…"
dotnet build "$root/src/Api/PolicyApi.Api.csproj" -c Release -nologo -v quiet -o "$out/api" >/dev/null
dotnet build "$root/benchmarks/PolicyApi.Baseline/PolicyApi.Baseline.csproj" -c Release -nologo -v quiet -o "$out/baseline" >/dev/null

# A reused data set may be a migration behind this build.
ConnectionStrings__PolicyOwner="$db" ConnectionStrings__Policy="$db" dotnet "$out/api/PolicyApi.Api.dll" migrate >/dev/null

psql_args=$(printf '%s' "$db" | sed -E 's/Host=([^;]*);Port=([^;]*);Database=([^;]*);Username=([^;]*).*/-h \1 -p \2 -d \3 -U \4/')
# shellcheck disable=SC2086
document=$(psql $psql_args -tAc "SELECT id FROM policy.documents ORDER BY doc_number LIMIT 1")
# shellcheck disable=SC2086
measure=$(psql $psql_args -tAc "SELECT id FROM policy.measures WHERE document_id = '$document' ORDER BY sequence LIMIT 1 OFFSET 10")

start() { # start NAME PORT COMMAND...: runs it in the background and waits until it answers
  local name=$1 port=$2; shift 2
  "$@" --urls "http://127.0.0.1:$port" >"$out/$name.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 60); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/measures/$measure"; then return 0; fi
    sleep 1
  done
  pg_log "$name did not start; see $out/$name.log"
  exit 1
}

key=$(head -c 32 /dev/urandom | base64)
audit_key=$(head -c 32 /dev/urandom | base64)
baseline_port=$(pg_free_port 58100)
ConnectionStrings__Policy="$db" start baseline "$baseline_port" dotnet "$out/baseline/PolicyApi.Baseline.dll"
api_port=$(pg_free_port 58200)
export ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Policy="$db" Auth__SigningKey="$key" Audit__SigningKey="$audit_key" \
  Database__RequireLeastPrivilege=false Limits__PermitsPerMinute=1000000000 DemoData__Directory= Logging__LogLevel__Default=Warning
start api "$api_port" dotnet "$out/api/PolicyApi.Api.dll"
token=$(dotnet "$out/api/PolicyApi.Api.dll" token reader | tail -1)

ms() { # wrk's latency (e.g. 812.00us, 3.21ms, 1.02s) in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n *= 1; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

run() { # run URL [TOKEN]: prints "rps p50 p99"
  local url=$1 auth=()
  [ -n "${2:-}" ] && auth=(-H "Authorization: Bearer $2")
  local report
  report=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "${auth[@]}" "$url")
  local rps p50 p99
  rps=$(printf '%s\n' "$report" | awk '/Requests\/sec/ { print $2 }')
  p50=$(ms "$(printf '%s\n' "$report" | awk '$1 == "50%" { print $2 }')")
  p99=$(ms "$(printf '%s\n' "$report" | awk '$1 == "99%" { print $2 }')")
  if printf '%s\n' "$report" | grep -q "Non-2xx"; then
    pg_log "warning: $(printf '%s\n' "$report" | grep 'Non-2xx') for $url"
  fi
  printf '%s %s %s\n' "$rps" "$p50" "$p99"
}

median() { # median of its arguments (numbers)
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

printf '\nwrk -t%s -c%s -d%s on %s cores; each case warmed up %s on both servers, then %s rounds (baseline, then PolicyApi)\n' \
  "$threads" "$connections" "$duration" "$(nproc)" "$warmup" "$rounds"
printf '%-34s %10s %9s %9s %10s %9s %9s %7s %9s\n' read "base rps" "base p50" "base p99" "api rps" "api p50" "api p99" ratio "p99 × base"
line() { # line NAME BRPS BP50 BP99 ARPS AP50 AP99
  printf '%-34s %10s %9s %9s %10s %9s %9s %7.2f %9.2f\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" \
    "$(awk -v a="$5" -v b="$2" 'BEGIN { print a / b }')" "$(awk -v a="$7" -v b="$4" 'BEGIN { print a / b }')"
}
for case in "by id|/api/v1/measures/$measure" "page of 50|/api/v1/measures?documentId=$document&limit=50"; do
  name=${case%%|*}; path=${case#*|}
  # Warm-up, not measured: connection pools, compiled queries, and the JIT's tiers. The service has far more code than
  # the baseline to bring from tier 0 to tier 1; after 5 s of load a profile (perf) still found it running tier-0 code
  # with an eighth of its CPU in the tiering compiler, which is start-up cost, not the cost of a request.
  wrk -t"$threads" -c"$connections" -d"$warmup" "http://127.0.0.1:$baseline_port$path" >/dev/null
  wrk -t"$threads" -c"$connections" -d"$warmup" -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port$path" >/dev/null
  brps=(); bp50=(); bp99=(); arps=(); ap50=(); ap99=()
  for round in $(seq 1 "$rounds"); do
    # Alternating rounds: a slow minute of this (shared, virtual) machine falls on both servers, not on one.
    read -r b1 b2 b3 < <(run "http://127.0.0.1:$baseline_port$path")
    read -r a1 a2 a3 < <(run "http://127.0.0.1:$api_port$path" "$token")
    brps+=("$b1"); bp50+=("$b2"); bp99+=("$b3"); arps+=("$a1"); ap50+=("$a2"); ap99+=("$a3")
    [ "$rounds" -eq 1 ] || line "$name, round $round" "$b1" "$b2" "$b3" "$a1" "$a2" "$a3"
  done
  line "$name$([ "$rounds" -eq 1 ] || printf ', median')" "$(median "${brps[@]}")" "$(median "${bp50[@]}")" "$(median "${bp99[@]}")" \
    "$(median "${arps[@]}")" "$(median "${ap50[@]}")" "$(median "${ap99[@]}")"
done
