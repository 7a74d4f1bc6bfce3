#!/usr/bin/env bash
# pg-control.sh stop|start DATA_DIR PORT — stops a throwaway cluster at once (as a crash would: immediate mode) or
# starts it again. Used by the outage tests, which scripts/test.sh lets control the cluster it started.
# pg-control.sh standby DATA_DIR PORT PRIMARY_PORT — makes DATA_DIR a streaming standby of the cluster on PRIMARY_PORT
# (pg_basebackup -R over loopback) and starts it on PORT; pg-control.sh destroy DATA_DIR PORT stops it and removes it.
set -euo pipefail
. "$(dirname "$0")/postgres.sh"
action=$1 data=$2 port=$3
bin=$(pg_bin_dir)
case "$action" in
  stop)  pg_as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null ;;
  start) pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
           -o "-p $port -c unix_socket_directories= -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=${PG_FSYNC:-off}" start >/dev/null ;;
  standby)
    mkdir -p "$data"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$data"; fi
    chmod 700 "$data"
    pg_as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$4" -U postgres -D "$data" -R -X stream -c fast >/dev/null
    pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-p $port -c unix_socket_directories= -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c hot_standby=on" start >/dev/null ;;
  destroy)
    if [ -f "$data/postmaster.pid" ]; then pg_as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null || true; fi
    rm -rf "$data" ;;
  *) echo "usage: pg-control.sh stop|start|destroy DATA_DIR PORT, or standby DATA_DIR PORT PRIMARY_PORT" >&2; exit 2 ;;
esac
