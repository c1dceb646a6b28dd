#!/usr/bin/env bash
# drill-processes.sh — several processes and their faults. On a fresh clinic of its own
# (scripts/services.sh … drill: PostgreSQL on 127.0.0.1:55435, Redis with AOF on 56382), seeded
# with the demo data, it runs 3 `mhac serve` and 2 `mhac worker` processes against the one
# database and Redis, and an open-loop `mhac load` against each API process, through four phases:
#   1 steady      the load alone
#   2 kill -9     one serve process killed in the middle of writes, then started again
#   3 postgres    PostgreSQL restarted (fast shutdown) under the load
#   4 redis       Redis down for DRILL_REDIS_DOWN seconds under the load, then back
# and then checks: a session made on one process is valid on the others; the API processes answer
# /readyz after each fault without a restart; every write a load was told succeeded is stored
# (each load logs them with --acked; scripts/check-acked.sh); every form ordered is drawn (the forms catch up);
# no form is stored twice; every stored form verifies; the audit chain verifies. Each load's
# summary (sent, errors, p99) is written per phase. Results: .data/drill/results.txt.
#   DRILL_RATE (60: requests/s over the 3 processes), DRILL_SECONDS (60 per phase),
#   DRILL_REDIS_DOWN (60), MHAC_DRILL_PG_PORT, MHAC_DRILL_REDIS_PORT, MHAC_DRILL_HTTP_PORT (18600:
#   the API processes listen on it and the next two; metrics on +10.. and the workers' on +20..)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[[ -x bin/mhac ]] || { echo "drill: bin/mhac is missing; run make build" >&2; exit 1; }

rate=${DRILL_RATE:-60} dur=${DRILL_SECONDS:-60} redis_down=${DRILL_REDIS_DOWN:-60}
export MHAC_DRILL_PG_PORT=${MHAC_DRILL_PG_PORT:-55435} MHAC_DRILL_REDIS_PORT=${MHAC_DRILL_REDIS_PORT:-56382}
hp=${MHAC_DRILL_HTTP_PORT:-18600}
work=$root/.data/drill-processes
results=$work/results.txt
failed=0
log() { echo "drill: $*" | tee -a "$results"; }
bad() { echo "drill: FAILED: $*" | tee -a "$results" >&2; failed=1; }

declare -A pid
cleanup() {
  for k in "${!pid[@]}"; do kill "${pid[$k]}" 2>/dev/null || true; done
  for k in "${!pid[@]}"; do wait "${pid[$k]}" 2>/dev/null || true; done
  if [[ ${KEEP_DRILL:-} != 1 ]]; then scripts/services.sh stop drill >/dev/null || true; fi
}
trap cleanup EXIT

scripts/services.sh stop drill >/dev/null || true
rm -rf "$root/.data/drill-pg" "$root/.data/drill-redis" "$work"
mkdir -p "$work"
scripts/services.sh start drill >/dev/null
export MHAC_DATABASE_URL="postgres://mhac@127.0.0.1:$MHAC_DRILL_PG_PORT/mhac?sslmode=disable"
export MHAC_REDIS_ADDR=127.0.0.1:$MHAC_DRILL_REDIS_PORT MHAC_PUBLIC_URL=http://127.0.0.1:$hp
export MHAC_DATA_DIR=$work/data MHAC_KEYS_DIR=$work/keys MHAC_SESSION_SECRET_FILE=$work/session.key
unset MHAC_SIGNING_CERT MHAC_SIGNING_KEY MHAC_REDIS_DB
mkdir -p "$MHAC_DATA_DIR"
scripts/secrets.sh >/dev/null
bin/mhac migrate >/dev/null
bin/mhac seed >"$work/seed.log"
log "$(date -u +%FT%TZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); rate $rate/s over 3 API processes, $dur s per phase"

start_serve() { # i
  MHAC_LISTEN=127.0.0.1:$((hp + $1)) MHAC_METRICS_LISTEN=127.0.0.1:$((hp + 10 + $1)) \
    bin/mhac serve >>"$work/serve$1.log" 2>&1 &
  pid[serve$1]=$!
}
start_worker() { # j
  MHAC_METRICS_LISTEN=127.0.0.1:$((hp + 20 + $1)) bin/mhac worker >>"$work/worker$1.log" 2>&1 &
  pid[worker$1]=$!
}
ready() { # i [seconds]: the API process answers /readyz
  local i=$1 n=${2:-60}
  for _ in $(seq $((n * 5))); do
    curl -fs -o /dev/null "http://127.0.0.1:$((hp + i))/readyz" && return 0
    sleep 0.2
  done
  return 1
}
for i in 0 1 2; do start_serve $i; done
for j in 0 1; do start_worker $j; done
for i in 0 1 2; do ready $i || { tail -n 20 "$work/serve$i.log" >&2; bad "serve $i never became ready"; exit 1; }; done
log "3 serve + 2 worker processes up (pids ${pid[*]})"

# A session made on one process is valid on the others: sessions live in PostgreSQL.
jar=$work/cookies
csrf=$(curl -fs -c "$jar" -H 'Content-Type: application/json' -d '{"username":"nurse","password":"mhac-demo-2026"}' \
  "http://127.0.0.1:$hp/api/session" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')
shared=0
for i in 1 2; do
  [[ $(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "http://127.0.0.1:$((hp + i))/api/session") == 200 ]] && shared=$((shared + 1))
done
if [[ -n $csrf && $shared == 2 ]]; then log "sessions: made on serve 0, valid on serves 1 and 2"; else bad "sessions: a session of serve 0 is valid on $shared of 2 others"; fi

loads() { # phase: one open-loop load per API process, in the background
  for i in 0 1 2; do
    bin/mhac load --url "http://127.0.0.1:$((hp + i))" --rate $((rate / 3)) -d "${2:-$dur}s" --acked "$work/$1-acked$i.csv" >"$work/$1-load$i.txt" 2>&1 &
    pid[load$i]=$!
  done
}
waitloads() { # phase
  for i in 0 1 2; do wait "${pid[load$i]}" || true; unset "pid[load$i]"; done
  for i in 0 1 2; do log "  $1 serve $i: $(grep -m1 'open loop' "$work/$1-load$i.txt" || tail -n1 "$work/$1-load$i.txt")"; done
  local errors conflicts
  errors=$( (grep -ho 'errors [0-9]*' "$work/$1"-load*.txt || true) | awk '{s += $2} END {print s + 0}')
  conflicts=$( (grep -ho 'conflicts [0-9]*' "$work/$1"-load*.txt || true) | awk '{s += $2} END {print s + 0}')
  log "  $1: $((errors - conflicts)) requests failed, and $conflicts writes refused as stale (409: two loads wrote the same chart) over the 3 loads"
}
# measuring: wait until every load has signed in and is sending (its requests other than the
# sign-in show in the process's log), so a fault lands inside the measured window.
measuring() {
  local i n
  for i in 0 1 2; do
    n=$(grep -c '"route":"/api/worklist"' "$work/serve$i.log" || true)
    for _ in $(seq 300); do
      (( $(grep -c '"route":"/api/worklist"' "$work/serve$i.log" || true) > n )) && break
      sleep 0.2
    done
  done
}
allready() { # phase
  for i in 0 1 2; do ready $i 60 || bad "$1: serve $i does not answer /readyz 60 s after the fault"; done
}
psql_() { /usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$MHAC_DRILL_PG_PORT" -U mhac -d mhac -tAc "$1"; }

log "phase 1 steady"
loads steady; waitloads steady

log "phase 2 kill -9 of serve 1 $((dur / 3)) s into the measured load, started again 5 s later"
loads kill
measuring; sleep $((dur / 3))
kill -9 "${pid[serve1]}"; wait "${pid[serve1]}" 2>/dev/null || true
sleep 5; start_serve 1
waitloads kill; allready kill

log "phase 3 PostgreSQL restarted (fast) $((dur / 3)) s into the measured load"
loads postgres
measuring; sleep $((dur / 3))
pgdir=$(readlink -f "$root/.data/drill-pg")
t=$SECONDS
if [[ $EUID -eq 0 ]]; then (cd / && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdir" -w -m fast restart >/dev/null)
else /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdir" -w -m fast restart >/dev/null; fi
log "  PostgreSQL back after $((SECONDS - t)) s"
waitloads postgres; allready postgres

log "phase 4 Redis down for $redis_down s"
loads redis $((dur + redis_down))
measuring; sleep 10
redis-cli -h 127.0.0.1 -p "$MHAC_DRILL_REDIS_PORT" shutdown >/dev/null 2>&1 || true
sleep "$redis_down"
scripts/services.sh start drill >/dev/null
waitloads redis; allready redis

# The forms catch up: none left pending (the workers draw them once Redis is back).
for _ in $(seq 150); do
  [[ $(psql_ "SELECT count(*) FROM forms WHERE status = 'pending'") == 0 ]] && break
  sleep 2
done
pending=$(psql_ "SELECT count(*) FROM forms WHERE status = 'pending'")
[[ $pending == 0 ]] && log "forms: all drawn ($(psql_ "SELECT count(*) FROM forms")) after the faults" || bad "forms: $pending still pending 300 s after Redis came back"
dups=$(psql_ "SELECT count(*) FROM (SELECT snapshot_id, form_type FROM forms GROUP BY 1, 2 HAVING count(*) > 1) d")
[[ $dups == 0 ]] && log "forms: none stored twice" || bad "forms: $dups snapshot × form type stored more than once"
# Every write acknowledged to a load, in every phase, is in the database.
for phase in steady kill postgres redis; do
  if out=$(scripts/check-acked.sh "$MHAC_DATABASE_URL" "$work/$phase"-acked*.csv); then log "acknowledged writes, $phase: $out"
  else bad "acknowledged writes, $phase: $out"; fi
done
if out=$(bin/mhac forms verify-stored 2>&1); then log "stored forms: $out"; else bad "stored forms: $out"; fi
if out=$(bin/mhac audit verify 2>&1); then log "audit: $out"; else bad "audit: $out"; fi
for j in 0 1; do
  log "worker $j: $(curl -s "http://127.0.0.1:$((hp + 20 + j))/metrics" | grep -E '^mhac_(forms_drawn_total|job_duration_seconds_count)' | tr '\n' ' ')"
done
[[ $failed == 0 ]] && log "OK: every check passed" || log "some checks FAILED (see above)"
exit $failed
