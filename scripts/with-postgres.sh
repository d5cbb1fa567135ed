#!/usr/bin/env bash
# Runs a command against PostgreSQL. Uses $DATABASE_URL when set; otherwise starts a throw-away
# PostgreSQL 15 server on 127.0.0.1 (initdb refuses root, so as root it runs as the postgres user),
# exports DATABASE_URL for the command, and stops and deletes the server afterwards.
#   bash scripts/with-postgres.sh .venv/bin/pytest -n 2
set -euo pipefail
if [ -n "${DATABASE_URL:-}" ]; then exec "$@"; fi
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || bash "$(dirname "$0")/system-deps.sh"

RUN_AS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  RUN_AS=(runuser -u postgres --)
fi
PGDATA=$(mktemp -d /tmp/fazhi-pg.XXXXXX)
cleanup() {
  "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"

"${RUN_AS[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null

# A random port, retried if something else already listens there (several runs may share a machine).
started=0
for _ in 1 2 3 4 5; do
  PGPORT=${FAZHI_PG_PORT:-$((54000 + RANDOM % 1000))}
  if "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 \
    -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
    start >/dev/null; then
    started=1
    break
  fi
  [ -z "${FAZHI_PG_PORT:-}" ] || break
done
if [ $started != 1 ]; then
  echo "PostgreSQL 未能启动：" >&2
  tail -n 20 "$PGDATA/server.log" >&2 || true
  exit 1
fi
"$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres fazhi
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/fazhi"
echo "PostgreSQL 15 on 127.0.0.1:$PGPORT (throw-away, $PGDATA)"
"$@"
