# Sourced after scripts/setup.sh by the tests and benchmarks: a throw-away PostgreSQL server of
# their own. Debian's package is installed when missing; the server is made with initdb in a
# new directory, as an unprivileged user (the `postgres` account when run as root), listens on
# 127.0.0.1 only (and a socket in its own directory), and is stopped and removed on exit.

ensure_postgres() {
  if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    say "Installing PostgreSQL from Debian"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql ||
      { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }
  fi
  PG_BIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
}

# The server's programs run as this user: never root, which initdb refuses.
as_pg_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Starts the server on a free loopback port and exports PORTAL_TEST_POSTGRES, the URL of its
# superuser `portal` (trust authentication: only this machine's loopback reaches it). fsync is
# off: a test server that loses power is thrown away anyway.
start_postgres() {
  ensure_postgres
  PG_DIR=$(mktemp -d /tmp/portal-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg_user "$PG_BIN/initdb" -D "$PG_DIR/data" -U portal -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -s \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c max_connections=400" start
  PG_PORT=$port
  export PORTAL_TEST_POSTGRES="postgres://portal@127.0.0.1:$port/"
  say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }') is running at $PORTAL_TEST_POSTGRES"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -s stop || true
  rm -rf "$PG_DIR"
  PG_DIR=
}
