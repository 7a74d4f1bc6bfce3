#!/usr/bin/env bash
# pg-control.sh stop|start DATA_DIR PORT — stops a throwaway cluster at once (as a crash would: immediate mode) or
# starts it again. Used by the outage tests, which scripts/test.sh lets control the cluster it started.
set -euo pipefail
. "$(dirname "$0")/postgres.sh"
action=$1 data=$2 port=$3
bin=$(pg_bin_dir)
case "$action" in
  stop)  pg_as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null ;;
  start) pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
           -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=${PG_FSYNC:-off}" start >/dev/null ;;
  *) echo "usage: pg-control.sh stop|start DATA_DIR PORT" >&2; exit 2 ;;
esac
