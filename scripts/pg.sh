#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 server on loopback for tests.
#   scripts/pg.sh start DIR PORT   -> prints the admin URL
#   scripts/pg.sh stop DIR
# initdb refuses to run as root, so the server runs as the "postgres" user
# (or the current user when not root).
set -euo pipefail
cmd=${1:?usage: pg.sh start DIR PORT | stop DIR}
dir=${2:?data directory}

bindir=""
for c in /usr/lib/postgresql/*/bin; do [ -x "$c/initdb" ] && bindir=$c; done
if [ -z "$bindir" ]; then
  echo "error: PostgreSQL server binaries not found (install the Debian package postgresql-15)" >&2
  exit 1
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

case "$cmd" in
  start)
    port=${3:?port}
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "'$bindir/initdb' -D '$dir/data' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 \
      || { echo "error: initdb failed, see $dir/initdb.log" >&2; cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/server.log' -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=on -c max_connections=400\" -w start" >/dev/null \
      || { echo "error: PostgreSQL did not start, see $dir/server.log" >&2; cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_pg "'$bindir/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 || kill "$(head -1 "$dir/data/postmaster.pid")" 2>/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: pg.sh start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
