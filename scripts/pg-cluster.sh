#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks: `start` prints a postgres:// URL,
# `stop DIR` removes it. Uses Debian's postgresql (installed by .ci/run when missing).
set -euo pipefail
cmd="${1:-}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "pg-cluster: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 2
fi
case "$cmd" in
  start)
    dir="$(mktemp -d /tmp/slant-pg.XXXXXX)"
    chown postgres:postgres "$dir" 2>/dev/null || true
    # A free port: ask the kernel for one.
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
    as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres slant_test
    echo "$dir" > "$dir/dir"
    echo "postgres://postgres@127.0.0.1:$port/slant_test $dir"
    ;;
  stop)
    dir="${2:?pg-cluster stop DIR}"
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    else "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: pg-cluster.sh start | stop DIR" >&2; exit 2 ;;
esac
