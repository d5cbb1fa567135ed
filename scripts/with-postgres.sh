#!/usr/bin/env bash
# Runs a command against PostgreSQL. Uses $DATABASE_URL when set; otherwise starts a throw-away
# PostgreSQL 15 server on 127.0.0.1 (initdb must run as a non-root user) and stops it afterwards.
set -euo pipefail
if [ -n "${DATABASE_URL:-}" ]; then exec "$@"; fi
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || bash "$(dirname "$0")/system-deps.sh"
PGDATA=$(mktemp -d /tmp/fazhi-pg.XXXXXX)
PGPORT=${FAZHI_PG_PORT:-$(( 54000 + RANDOM % 1000 ))}
RUN_AS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres:postgres "$PGDATA"; RUN_AS=(runuser -u postgres --)
fi
"${RUN_AS[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
"${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" start >/dev/null
cleanup() { "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGDATA"; }
trap cleanup EXIT
"$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres fazhi
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/fazhi"
echo "PostgreSQL 15 on 127.0.0.1:$PGPORT"
"$@"
