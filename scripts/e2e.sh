#!/usr/bin/env bash
# e2e.sh — the browser tests: a fresh mhac_e2e database on the test cluster, its own keys and data
# under .data/e2e, bin/mhac serve --with-worker on 127.0.0.1:18080, then `npm run test:e2e` in
# frontend/ with E2E_BASE_URL. The server is always stopped afterwards.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
log() { echo "e2e: $*"; }
die() { echo "e2e: error: $*" >&2; exit 1; }

[[ -x bin/mhac ]] || die "bin/mhac is missing; run make build"

port=${MHAC_E2E_PORT:-18080}
listen=127.0.0.1:$port base=http://127.0.0.1:$port
curl -s -o /dev/null "$base/" && die "something already listens on $listen; stop it first"

admin=${MHAC_TEST_DATABASE_URL:-postgres://mhac@127.0.0.1:55433/postgres?sslmode=disable}
redis=${MHAC_TEST_REDIS_ADDR:-127.0.0.1:56380}
noquery=${admin%%\?*}
export MHAC_DATABASE_URL="${noquery%/*}/mhac_e2e?sslmode=disable"
export MHAC_REDIS_ADDR=$redis MHAC_LISTEN=$listen MHAC_PUBLIC_URL=$base
# The specs may move the clinic clock (POST /test/clock; tb-pathway.spec.ts resets it when done).
export MHAC_TEST_CLOCK=1
dir=$root/.data/e2e
export MHAC_DATA_DIR=$dir/data MHAC_KEYS_DIR=$dir/keys MHAC_SESSION_SECRET_FILE=$dir/session.key

log "fresh database mhac_e2e, empty test Redis, fresh $dir"
psql=/usr/lib/postgresql/15/bin/psql
PGOPTIONS="-c client_min_messages=warning" "$psql" -q "$admin" -c 'DROP DATABASE IF EXISTS mhac_e2e WITH (FORCE)' -c 'CREATE DATABASE mhac_e2e'
redis-cli -h "${redis%:*}" -p "${redis##*:}" flushall >/dev/null
rm -rf "$dir"; mkdir -p "$MHAC_DATA_DIR"
scripts/secrets.sh
bin/mhac migrate
bin/mhac seed

bin/mhac serve --with-worker >"$dir/server.log" 2>&1 &
pid=$!
stop_server() {
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}
trap stop_server EXIT
log "server pid $pid on $base, log $dir/server.log"

for _ in $(seq 120); do
  curl -fs -o /dev/null "$base/readyz" && break
  kill -0 "$pid" 2>/dev/null || { tail -n 40 "$dir/server.log" >&2; die "the server exited"; }
  sleep 0.5
done
curl -fs -o /dev/null "$base/readyz" || { tail -n 40 "$dir/server.log" >&2; die "$base/readyz never answered"; }

log "npm run test:e2e against $base"
if ! (cd frontend && E2E_BASE_URL=$base timeout 40m npm run test:e2e -- "$@"); then
  echo "e2e: --- last lines of the server log ---" >&2; tail -n 40 "$dir/server.log" >&2
  exit 1
fi
