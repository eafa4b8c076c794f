#!/usr/bin/env bash
# Lab component: PostgreSQL for the watch store (mxray watch --db jdbc:postgresql://…).
#   one throw-away cluster in lab/run/postgres/data, listening only on 127.0.0.1:$LAB_PG_PORT (default 15432);
#   its Unix socket stays in lab/run/postgres. Database "mxray", owned by the password-authenticated role
#   "mxray" (scram-sha-256 over TCP). Its collation ignores punctuation at the first level, as glibc's
#   en_US.UTF-8 of most production servers does, so tests see that ORDER BY on text is not byte order there.
#   lab.env: LAB_PG_URL (jdbc URL with user and password), LAB_PG_HOST, LAB_PG_PORT, LAB_PG_DB, LAB_PG_USER,
#   LAB_PG_PASSWORD.
# The cluster is created once and reused; each start rewrites its access rules and listen settings.
# PostgreSQL refuses to run as root: as root the cluster belongs to the system user "postgres".
set -euo pipefail
: "${LAB_RUN:?run via scripts/lab.sh}"
PORT="${LAB_PG_PORT:-15432}"
DIR="$LAB_RUN/postgres"
DATA="$DIR/data"
DB=mxray
ROLE=mxray
PASSWORD=lab-password-not-secret

bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

install() {
  if [ -z "$(bindir)" ] || [ ! -x "$(bindir)/initdb" ]; then
    echo "lab/postgres: installing postgresql from Debian packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql >/dev/null
  fi
  # Debian's own cluster (port 5432), if the package started one, is left alone: the lab uses its own.
}

# Runs a PostgreSQL program as the cluster's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

psql_admin() { # sql...
  as_owner "$(bindir)/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -d postgres -At "$@"
}

init_cluster() {
  local bin major
  bin=$(bindir)
  major=$(basename "$(dirname "$bin")")
  if [ -f "$DATA/PG_VERSION" ] && [ "$(cat "$DATA/PG_VERSION")" = "$major" ]; then
    return 0
  fi
  rm -rf "$DATA"
  mkdir -p "$DATA"
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$DIR" "$DATA"
  fi
  chmod 700 "$DATA"
  if ! as_owner test -w "$DATA"; then
    echo "lab/postgres: the postgres user cannot write $DATA (a parent directory is not searchable)" >&2
    return 1
  fi
  # The superuser only logs in over the socket as the owner (peer); fsync off: the data is disposable.
  as_owner "$bin/initdb" -D "$DATA" -U postgres --auth-local=peer --auth-host=reject -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$DIR/initdb.log" 2>&1 || {
      echo "lab/postgres: initdb failed; log:" >&2
      tail -20 "$DIR/initdb.log" >&2
      return 1
    }
}

write_hba() {
  cat > "$DATA/pg_hba.conf" <<EOF
# Written by scripts/lab.d/30-postgres.sh at every start.
local all postgres            peer
host  $DB $ROLE  127.0.0.1/32 scram-sha-256
EOF
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$DATA/pg_hba.conf"
  fi
}

start_server() {
  as_owner "$(bindir)/pg_ctl" -D "$DATA" -l "$DIR/postgres.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories='$DIR' -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c password_encryption=scram-sha-256" start >/dev/null || {
      echo "lab/postgres: the server did not start; log:" >&2
      tail -20 "$DIR/postgres.log" >&2 || true
      return 1
    }
}

# Role and database, created once; the password is (re)set at every start.
provision() {
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
    psql_admin -c "CREATE ROLE $ROLE LOGIN"
  fi
  psql_admin -c "ALTER ROLE $ROLE PASSWORD '$PASSWORD'"
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $DB OWNER $ROLE TEMPLATE template0 ENCODING 'UTF8'
      LOCALE_PROVIDER icu ICU_LOCALE 'en-US-u-ka-shifted' LOCALE 'C.UTF-8'"
  fi
}

stop_server() {
  if [ -f "$DATA/postmaster.pid" ] && [ -n "$(bindir)" ]; then
    as_owner "$(bindir)/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
}

case "$1" in
  start)
    install
    mkdir -p "$DIR"
    stop_server
    init_cluster
    write_hba
    start_server
    provision
    {
      echo "LAB_PG_HOST=127.0.0.1"
      echo "LAB_PG_PORT=$PORT"
      echo "LAB_PG_DB=$DB"
      echo "LAB_PG_USER=$ROLE"
      echo "LAB_PG_PASSWORD=$PASSWORD"
      echo "LAB_PG_URL=jdbc:postgresql://127.0.0.1:$PORT/$DB?user=$ROLE&password=$PASSWORD"
    } >> "$LAB_ENV"
    ;;
  stop)
    stop_server
    ;;
  status)
    if [ -f "$DATA/postmaster.pid" ] && kill -0 "$(head -1 "$DATA/postmaster.pid")" 2>/dev/null; then
      echo "postgres: running (pid $(head -1 "$DATA/postmaster.pid"), 127.0.0.1:$PORT)"
    else
      echo "postgres: stopped"
    fi
    ;;
esac
