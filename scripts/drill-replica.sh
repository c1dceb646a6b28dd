#!/usr/bin/env bash
# drill-replica.sh — the read replica and its promotion. On a fresh clinic of its own:
#   1 the primary (scripts/services.sh … drill, 127.0.0.1:55435), migrated and seeded with the
#     demo data, and its streaming replica (… replica, 127.0.0.1:55436, pg_basebackup -R);
#     DRILL_SYNC=1 (default) makes the replication synchronous (synchronous_standby_names = '*'),
#     0 leaves it asynchronous
#   2 `mhac serve --with-worker` with MHAC_DATABASE_REPLICA_URL: /readyz says the replica is ok; a
#     case registered through the clinic is on the replica (how long it took), and the case
#     search (served by the replica) finds it
#   3 an open-loop `mhac load --acked` for DRILL_SECONDS; halfway through, the primary is stopped
#     (DRILL_PRIMARY_STOP: immediate, i.e. as if it crashed, by default; or fast)
#   4 the replica is promoted (pg_ctl promote) and the clinic restarted with
#     MHAC_DATABASE_URL pointing at it
#   5 the clinic goes on: /readyz, a login, a write and a read; the case of step 2 is there; every
#     write the load was told succeeded is stored (scripts/check-acked.sh); a minute later the
#     audit rows written before the switch are sealed on the promoted replica and the chain verifies
# Results: .data/drill-replica/results.txt (and the processes' logs beside it). Exits non-zero when
# a check fails. DRILL_RATE (30 requests/s), DRILL_SECONDS (30), MHAC_DRILL_PG_PORT,
# MHAC_DRILL_REDIS_PORT, MHAC_REPLICA_PG_PORT, MHAC_DRILL_HTTP_PORT (18640: the API; metrics on +1);
# KEEP_DRILL=1 leaves the services running.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[[ -x bin/mhac ]] || { echo "drill: bin/mhac is missing; run make build" >&2; exit 1; }

rate=${DRILL_RATE:-30} dur=${DRILL_SECONDS:-30} sync=${DRILL_SYNC:-1} stopmode=${DRILL_PRIMARY_STOP:-immediate}
export MHAC_DRILL_PG_PORT=${MHAC_DRILL_PG_PORT:-55435} MHAC_DRILL_REDIS_PORT=${MHAC_DRILL_REDIS_PORT:-56382}
export MHAC_REPLICA_PG_PORT=${MHAC_REPLICA_PG_PORT:-55436}
export MHAC_REPLICA_PRIMARY_PORT=$MHAC_DRILL_PG_PORT
hp=${MHAC_DRILL_HTTP_PORT:-18640}
api=http://127.0.0.1:$hp
work=$root/.data/drill-replica
results=$work/results.txt
pgbin=/usr/lib/postgresql/15/bin
failed=0
log() { echo "drill: $*" | tee -a "$results"; }
bad() { echo "drill: FAILED: $*" | tee -a "$results" >&2; failed=1; }
as_pg() { if [[ $EUID -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
ms() { date +%s%3N; }

serve_pid=
cleanup() {
  [[ -n $serve_pid ]] && { kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; }
  if [[ ${KEEP_DRILL:-} != 1 ]]; then
    scripts/services.sh stop replica >/dev/null 2>&1 || true
    scripts/services.sh stop drill >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

scripts/services.sh stop replica >/dev/null 2>&1 || true
scripts/services.sh stop drill >/dev/null 2>&1 || true
rm -rf "$root/.data/drill-pg" "$root/.data/drill-redis" "$root/.data/replica-pg" "$root/.data/replica-pg.basebackup.log" "$work"
mkdir -p "$work"
scripts/services.sh start drill >/dev/null
primary="postgres://mhac@127.0.0.1:$MHAC_DRILL_PG_PORT/mhac?sslmode=disable"
replica="postgres://mhac@127.0.0.1:$MHAC_REPLICA_PG_PORT/mhac?sslmode=disable"
export MHAC_DATABASE_URL=$primary
export MHAC_REDIS_ADDR=127.0.0.1:$MHAC_DRILL_REDIS_PORT MHAC_PUBLIC_URL=$api
export MHAC_DATA_DIR=$work/data MHAC_KEYS_DIR=$work/keys MHAC_SESSION_SECRET_FILE=$work/session.key
unset MHAC_SIGNING_CERT MHAC_SIGNING_KEY MHAC_REDIS_DB MHAC_DATABASE_REPLICA_URL
mkdir -p "$MHAC_DATA_DIR"
scripts/secrets.sh >/dev/null
bin/mhac migrate >/dev/null
bin/mhac seed >"$work/seed.log"
log "$(date -u +%FT%TZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); rate $rate/s for $dur s; replication $([[ $sync == 1 ]] && echo synchronous || echo asynchronous); primary stopped in mode $stopmode"

t=$(ms)
scripts/services.sh start replica >"$work/replica.log" 2>&1 || { cat "$work/replica.log" >&2; bad "the replica did not start"; exit 1; }
log "replica made with pg_basebackup -R and started in $(( $(ms) - t )) ms"
if [[ $sync == 1 ]]; then
  "$pgbin/psql" "$primary" -qtAc "ALTER SYSTEM SET synchronous_standby_names = '*'" -c "SELECT pg_reload_conf()" >/dev/null
fi
"$pgbin/psql" "$primary" -tAc "SELECT 'primary sees the standby: ' || state || ', ' || sync_state FROM pg_stat_replication" | tee -a "$results"

start_serve() { # extra environment for serve, e.g. MHAC_DATABASE_REPLICA_URL=…
  env "$@" MHAC_LISTEN=127.0.0.1:$hp MHAC_METRICS_LISTEN=127.0.0.1:$((hp + 1)) bin/mhac serve --with-worker >>"$work/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 300); do curl -fs -o /dev/null "$api/readyz" && return 0; sleep 0.2; done
  tail -n 20 "$work/serve.log" >&2; return 1
}
jar=$work/cookies
login() { # user: the CSRF token of a new session (cookie in $jar.user)
  curl -fs -c "$jar.$1" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"mhac-demo-2026\"}" \
    "$api/api/session" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' || true
}
register() { # user csrf case_number surname birth_date: the HTTP status of registering a one-person case
  curl -s -o "$work/register.json" -w '%{http_code}' -b "$jar.$1" -H 'Content-Type: application/json' -H "X-CSRF-Token: $2" \
    -d "{\"case_number\":\"$3\",\"destination\":\"US\",\"program\":\"refugee\",\"members\":[{\"surnames\":\"$4\",\"given_names\":\"Drill\",\"birth_date\":\"$5\",\"sex\":\"female\",\"residence_country\":\"RW\"}]}" \
    "$api/api/cases"
}
found() { # user query: how many cases the search finds
  { curl -fs -b "$jar.$1" "$api/api/cases?q=$2" | grep -o '"case_number"' || true; } | wc -l
}
metric() { { curl -s "http://127.0.0.1:$((hp + 1))/metrics" | grep -E "^$1" || true; } | tr '\n' ' '; }

start_serve MHAC_DATABASE_REPLICA_URL="$replica" || { bad "serve with the replica never became ready"; exit 1; }
ready=$(curl -s "$api/readyz")
[[ $ready == *'"replica":"ok"'* ]] && log "serve with the replica: /readyz $ready" || bad "/readyz with the replica: $ready"

# A write on the primary appears on the replica.
csrf=$(login registrar)
code=$(register registrar "$csrf" DRILL-BEFORE Zeplinski 1971-05-06)
t=$(ms)
[[ $code == 201 ]] || bad "registering a case: $code $(cat "$work/register.json")"
for _ in $(seq 500); do
  [[ $("$pgbin/psql" "$replica" -tAc "SELECT count(*) FROM cases WHERE case_number = 'DRILL-BEFORE'") == 1 ]] && break
  sleep 0.01
done
if [[ $("$pgbin/psql" "$replica" -tAc "SELECT count(*) FROM cases WHERE case_number = 'DRILL-BEFORE'") == 1 ]]; then
  log "a case registered through the clinic was on the replica within $(( $(ms) - t )) ms"
else
  bad "the case registered on the primary is not on the replica 5 s later"
fi
served0=$(metric 'mhac_replica_transactions_total\{outcome="served"\}' | awk '{print $2}')
n=$(found registrar Zeplinski)
served1=$(metric 'mhac_replica_transactions_total\{outcome="served"\}' | awk '{print $2}')
if [[ $n == 1 && ${served1%.*} -gt ${served0%.*} ]]; then log "the case search, served by the replica, finds it"; else bad "case search: $n found, replica transactions $served0 -> $served1"; fi

# Load, and the primary stopped halfway through it.
bin/mhac load --url "$api" --rate "$rate" -d "${dur}s" --acked "$work/acked.csv" >"$work/load.txt" 2>&1 &
load_pid=$!
n0=$(grep -c '"route":"/api/worklist"' "$work/serve.log" || true)
for _ in $(seq 300); do (( $(grep -c '"route":"/api/worklist"' "$work/serve.log" || true) > n0 )) && break; sleep 0.2; done
sleep $((dur / 2))
log "before the stop: $(metric 'mhac_replica_(up|lag_seconds|transactions_total)')"
log "  the primary's view: $("$pgbin/psql" "$primary" -tAc "SELECT 'sent ' || sent_lsn || ', replayed ' || replay_lsn || ', replay lag ' || coalesce(replay_lag::text, '0') FROM pg_stat_replication")"
pgdir=$(readlink -f "$root/.data/drill-pg")
t=$(ms)
as_pg "$pgbin/pg_ctl" -D "$pgdir" -w -m "$stopmode" stop >/dev/null
log "primary stopped ($stopmode) $((dur / 2)) s into the measured load"
wait "$load_pid" || true
log "  load: $(grep -m1 'open loop' "$work/load.txt" || tail -n1 "$work/load.txt")"
sed -n '2,$p' "$work/load.txt" | sed 's/^/drill:   /' | tee -a "$results"
loaded=$SECONDS
log "  $(wc -l <"$work/acked.csv") writes acknowledged; 503s while the primary was down: $(grep -c '"status":503' "$work/serve.log" || true)"

# Promote the replica and point the clinic at it.
t=$(ms)
scripts/services.sh promote replica >/dev/null
log "replica promoted in $(( $(ms) - t )) ms: in recovery $("$pgbin/psql" "$replica" -tAc 'SELECT pg_is_in_recovery()')"
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=
t=$(ms)
start_serve MHAC_DATABASE_URL="$replica" || { bad "serve on the promoted replica never became ready"; exit 1; }
log "clinic restarted on the promoted replica, ready in $(( $(ms) - t )) ms: /readyz $(curl -s "$api/readyz")"

csrf=$(login registrar)
[[ -n $csrf ]] && log "login on the promoted replica: ok" || bad "login on the promoted replica"
code=$(register registrar "$csrf" DRILL-AFTER Oberhauser 1964-09-10)
[[ $code == 201 ]] && log "a write (a case registered): $code" || bad "a write after the switch: $code $(cat "$work/register.json")"
[[ $(found registrar Oberhauser) == 1 ]] && log "a read (the case search finds it): ok" || bad "the case written after the switch is not found"
[[ $(found registrar Zeplinski) == 1 ]] && log "the case registered before the switch is there" || bad "the case registered before the switch is missing"
if out=$(scripts/check-acked.sh "$replica" "$work/acked.csv"); then log "acknowledged writes: $out"; else bad "acknowledged writes: $out"; fi
# The audit chain is sealed over rows a minute old: wait until the rows written on the primary
# before the switch are, seal them on the promoted replica, and verify the whole chain.
sleep $(( loaded + 62 - SECONDS > 0 ? loaded + 62 - SECONDS : 0 ))
if out=$(MHAC_DATABASE_URL=$replica bin/mhac audit seal 2>&1) && out2=$(MHAC_DATABASE_URL=$replica bin/mhac audit verify 2>&1); then
  log "audit: $out; $out2"
else bad "audit: $out ${out2:-}"; fi
[[ $failed == 0 ]] && log "OK: every check passed" || log "some checks FAILED (see above)"
exit $failed
