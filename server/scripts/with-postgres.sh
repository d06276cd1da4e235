#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on a free local port,
# reachable through SAMSPILL_TEST_POSTGRES_URL; removes it afterwards.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "with-postgres: PostgreSQL server binaries not found (run server/scripts/setup.sh test)" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/samspill-pg.XXXXXX)
chmod 755 "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

as_pg=()
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root.
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi

cleanup() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null

export SAMSPILL_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "[with-postgres] PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on port $port"
"$@"
