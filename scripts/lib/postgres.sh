# Finds a Postgres server, or provisions one, for the scripts.
# shellcheck shell=bash
#
# ensure_postgres sets PG_SERVER_URL (the server, without a database name) from, in order:
#   1. DATABASE_URL, when set;
#   2. a server on 127.0.0.1:5432 that lets user postgres in;
#   3. a cluster of the project's own in .data/postgres on port $CREMA_PG_PORT (5433),
#      installing Debian's postgresql when missing.

PG_SERVER_URL=""
PG_URL_QUERY=""

# The URL of database $1 on the server.
database_url() { printf '%s/%s%s' "$PG_SERVER_URL" "$1" "$PG_URL_QUERY"; }

# psql on the server's maintenance database, stopping at the first error.
psql_admin() { PGOPTIONS=--client-min-messages=warning psql "$(database_url postgres)" -X -v ON_ERROR_STOP=1 "$@"; }

# Creates database $1 unless it exists.
ensure_database() {
  if [[ -z $(psql_admin -Atc "select 1 from pg_database where datname = '$1'") ]]; then
    psql_admin -q -c "create database \"$1\""
  fi
}

# Drops database $1 and creates it empty.
recreate_database() {
  psql_admin -q -c "drop database if exists \"$1\" with (force)" -c "create database \"$1\""
}

ensure_postgres() {
  command -v psql >/dev/null || apt_install postgresql-client
  if [[ -n ${DATABASE_URL:-} ]]; then
    local url="${DATABASE_URL%%\?*}"
    PG_URL_QUERY="${DATABASE_URL#"$url"}"
    PG_SERVER_URL="${url%/*}"
    step "using the Postgres server of DATABASE_URL"
    return
  fi
  if psql "postgres://postgres@127.0.0.1:5432/postgres" -X -Atqc 'select 1' >/dev/null 2>&1; then
    PG_SERVER_URL="postgres://postgres@127.0.0.1:5432"
    step "using the Postgres server on 127.0.0.1:5432"
    return
  fi
  start_project_cluster
}

# The bin folder of the newest installed Postgres server.
pg_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

start_project_cluster() {
  [[ -n $(pg_bindir) ]] || apt_install postgresql
  local bin port data run=()
  bin="$(pg_bindir)"
  port="${CREMA_PG_PORT:-5433}"
  data="$ROOT/.data/postgres"
  mkdir -p "$data"
  # Postgres refuses to run as root: hand the cluster to Debian's postgres user.
  if [[ $(id -u) == 0 ]]; then
    chown postgres: "$data"
    run=(runuser -u postgres --)
    if ! "${run[@]}" test -w "$data"; then
      # The checkout is not reachable by that user (a private home, say).
      data="/var/lib/crema/$(printf '%s' "$ROOT" | md5sum | cut -c1-12)/postgres"
      mkdir -p "$data" && chown -R postgres: "$(dirname "$data")"
    fi
  fi
  chmod 700 "$data"
  if [[ ! -f $data/PG_VERSION ]]; then
    step "creating a Postgres cluster in $data"
    "${run[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if ! "${run[@]}" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    step "starting Postgres on 127.0.0.1:$port"
    "${run[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
      -o "-p $port -k $data -c listen_addresses=127.0.0.1" start >/dev/null \
      || fail "Postgres did not start; see $data/server.log"
  fi
  PG_SERVER_URL="postgres://postgres@127.0.0.1:$port"
}
