# shellcheck shell=bash
# Helpers to run a private PostgreSQL cluster for PolicyApi: find (or install) the server binaries,
# create a cluster in a given folder, start it on a free loopback port, stop it.
# PostgreSQL refuses to run as root, so as root the server runs as the 'postgres' system user.

pg_log() { printf '[policyapi] %s\n' "$*" >&2; }

# Prints the bin folder of the newest installed PostgreSQL; installs it when missing and possible.
pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] && command -v pg_ctl >/dev/null 2>&1; then
    dir=$(dirname "$(command -v pg_ctl)")
  fi
  if [ -z "$dir" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      pg_log "PostgreSQL is not installed; installing it with apt-get (one time)…"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    fi
  fi
  if [ -z "$dir" ]; then
    pg_log "PostgreSQL server binaries not found. Install PostgreSQL (apt-get install postgresql) or set ConnectionStrings__Policy."
    return 1
  fi
  printf '%s\n' "$dir"
}

# Runs a command as the cluster's owner: 'postgres' when we are root, ourselves otherwise.
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    local cmd
    printf -v cmd '%q ' "$@"
    su postgres -s /bin/sh -c "$cmd"
  else
    "$@"
  fi
}

# Prints a TCP port on 127.0.0.1 that nothing listens on, starting from $1.
pg_free_port() {
  local port=${1:-55432}
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
  done
  printf '%s\n' "$port"
}

# pg_start DATA_DIR PORT: initialises the cluster if the folder is empty, then starts it.
pg_start() {
  local data=$1 port=$2 bin
  bin=$(pg_bin_dir) || return 1
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
    chown postgres: "$data"
    chmod 700 "$data"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    pg_log "creating a PostgreSQL cluster in $data"
    pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  pg_log "starting PostgreSQL on 127.0.0.1:$port"
  pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -c unix_socket_directories= -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=${PG_FSYNC:-on}" start >/dev/null
}

# pg_stop DATA_DIR: fast shutdown; silent when it is not running.
pg_stop() {
  local data=$1 bin
  bin=$(pg_bin_dir) || return 0
  if [ -f "$data/postmaster.pid" ]; then
    pg_log "stopping PostgreSQL ($data)"
    pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

# pg_data_dir PREFERRED: prints where a cluster can live. PREFERRED when the server's user can reach it; as root in
# a folder 'postgres' cannot enter (a clone in root's 0700 home), a folder of its own under /var/lib/policyapi.
pg_data_dir() {
  local preferred=$1 parent
  if [ "$(id -u)" != 0 ]; then
    printf '%s\n' "$preferred"
    return
  fi
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
  parent=$(dirname "$preferred")
  mkdir -p "$parent"
  if su postgres -s /bin/sh -c "test -x '$parent'" 2>/dev/null; then
    printf '%s\n' "$preferred"
  else
    printf '/var/lib/policyapi/%s/postgres\n' "$(printf '%s' "$preferred" | sha256sum | cut -c1-12)"
  fi
}

# pg_provision PORT DATABASE OWNER APP: creates the owner role (runs migrations, owns the tables) and the
# application role (the service's login: DML only), and the database owned by the owner. Idempotent; also adopts
# a database from before the split (tables owned by the superuser) by handing its objects to the owner.
pg_provision() {
  local port=$1 database=$2 owner=$3 app=$4 bin
  bin=$(pg_bin_dir) || return 1
  pg_as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$owner') THEN CREATE ROLE $owner LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$app') THEN CREATE ROLE $app LOGIN; END IF;
END \$\$;
SELECT 'CREATE DATABASE $database OWNER $owner ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$database') \gexec
ALTER DATABASE $database OWNER TO $owner;
SQL
  pg_as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d "$database" -v ON_ERROR_STOP=1 -q >/dev/null <<SQL
DO \$\$ DECLARE r record; BEGIN
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'policy') THEN
    EXECUTE 'ALTER SCHEMA policy OWNER TO $owner';
    FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'policy' AND c.relkind IN ('r', 'S', 'v', 'm', 'p') AND pg_get_userbyid(c.relowner) <> '$owner' LOOP
      EXECUTE format(CASE r.relkind WHEN 'S' THEN 'ALTER SEQUENCE policy.%I OWNER TO $owner' WHEN 'v' THEN 'ALTER VIEW policy.%I OWNER TO $owner'
                     WHEN 'm' THEN 'ALTER MATERIALIZED VIEW policy.%I OWNER TO $owner' ELSE 'ALTER TABLE policy.%I OWNER TO $owner' END, r.relname);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'policy' AND pg_get_userbyid(p.proowner) <> '$owner' LOOP
      EXECUTE format('ALTER FUNCTION %s OWNER TO $owner', r.signature);
    END LOOP;
  END IF;
END \$\$;
SQL
}
