#!/usr/bin/env bash
# services.sh start|stop|status dev|test — the project-local PostgreSQL 15 and Redis 7.
#   dev:  .data/pg on 127.0.0.1:55432 (database "mhac"), .data/redis on 127.0.0.1:56379 (AOF kept)
#   test: .data/test-pg on 127.0.0.1:55433, .data/test-redis on 127.0.0.1:56380 (nothing persisted);
#         MHAC_TEST_PG_PORT and MHAC_TEST_REDIS_PORT move them (two checkouts testing side by side)
#   restore: .data/restore-pg on 127.0.0.1:55434, .data/restore-redis on 56381 (the restore drill)
#   drill: .data/drill-pg on 127.0.0.1:55435, .data/drill-redis on 56382 (the fault drills)
#   replica: .data/replica-pg on 127.0.0.1:55436, a streaming replica (hot standby) of the primary
#         on 127.0.0.1:MHAC_REPLICA_PRIMARY_PORT (default: the drill set's port), made with
#         pg_basebackup -R on first start; no Redis. `promote replica` makes it a primary.
#         MHAC_REPLICA_PG_PORT moves it.
# Idempotent: start when running is a no-op, stop when stopped is a no-op, stale pid files are
# cleared. Never touches Debian's own clusters/services (5432, 6379).
set -euo pipefail
export PATH=$PATH:/usr/sbin:/sbin   # runuser

usage() { echo "usage: $0 start|stop|status dev|test|restore|drill|replica, or $0 promote replica" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
action=$1 set=$2

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data="$root/.data"
pgbin=/usr/lib/postgresql/15/bin
case $set in
  dev)  pgdir="$data/pg"      pgport=55432 rdir="$data/redis"      rport=56379 db=mhac ;;
  test) pgdir="$data/test-pg" pgport=${MHAC_TEST_PG_PORT:-55433} rdir="$data/test-redis" rport=${MHAC_TEST_REDIS_PORT:-56380} db= ;;
  # restore: the cluster a restore drill restores into (scripts/drill-restore.sh); its Redis is
  # started too, so that a clinic can be served from the restored data.
  restore) pgdir="$data/restore-pg" pgport=${MHAC_RESTORE_PG_PORT:-55434} rdir="$data/restore-redis" rport=${MHAC_RESTORE_REDIS_PORT:-56381} db= ;;
  # drill: the clinic of the fault drill (scripts/drill-processes.sh), restarted and stopped by it.
  drill) pgdir="$data/drill-pg" pgport=${MHAC_DRILL_PG_PORT:-55435} rdir="$data/drill-redis" rport=${MHAC_DRILL_REDIS_PORT:-56382} db=mhac ;;
  # replica: a hot standby of another set's PostgreSQL (scripts/drill-replica.sh); no Redis.
  replica) pgdir="$data/replica-pg" pgport=${MHAC_REPLICA_PG_PORT:-55436} rdir='' rport='' db=
           primary_port=${MHAC_REPLICA_PRIMARY_PORT:-${MHAC_DRILL_PG_PORT:-55435}} ;;
  *) usage ;;
esac

log() { echo "services[$set]: $*"; }
die() { echo "services[$set]: error: $*" >&2; exit 1; }

# As root, PostgreSQL must run as the "postgres" OS user; otherwise as the current user.
as_pg() { if [[ $EUID -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

# resolve_pgdir: as root, the cluster must be reachable by "postgres". If the checkout lives where
# it cannot reach (e.g. under /root), the cluster goes to /var/lib/mhac/<hash>/ and .data/<name>
# becomes a symlink to it.
resolve_pgdir() {
  if [[ -L $pgdir ]]; then
    pgdir=$(readlink "$pgdir")
    [[ -d $pgdir ]] || { mkdir -p "$pgdir"; chown postgres:postgres "$pgdir"; chmod 700 "$pgdir"; }
    return
  fi
  mkdir -p "$pgdir"
  [[ $EUID -eq 0 ]] || return 0
  chmod a+x "$data"
  chown postgres:postgres "$pgdir"; chmod 700 "$pgdir"
  [[ -f $pgdir/PG_VERSION ]] && return 0
  if ! runuser -u postgres -- test -w "$pgdir"; then
    local alt
    alt="/var/lib/mhac/$(printf %s "$root" | sha1sum | cut -c1-12)/$(basename "$pgdir")"
    log "user postgres cannot reach $pgdir; keeping the cluster in $alt (symlinked)"
    rmdir "$pgdir"; mkdir -p "$alt"; chown postgres:postgres "$alt"; chmod 700 "$alt"
    ln -s "$alt" "$pgdir"; pgdir=$alt
  fi
}

pg_opts() {
  local sock=$pgdir opts
  (( ${#sock} < 90 )) || sock=''   # unix socket paths are limited to ~107 bytes; TCP is enough
  opts="-c listen_addresses=127.0.0.1 -c port=$pgport -c unix_socket_directories='$sock'"
  # The drill runs 3 API processes and 2 workers (20 connections each), durably; a standby needs
  # at least its primary's max_connections. Primaries that a replica may follow say wal_level
  # (PostgreSQL 15's default, named so that it stays so) and keep WAL senders.
  [[ $set == drill || $set == replica ]] && opts+=" -c max_connections=200"
  [[ $set == dev || $set == drill ]] && opts+=" -c wal_level=replica -c max_wal_senders=10"
  # Test data is thrown away: trade durability for speed.
  [[ $set == test ]] && opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
  echo "$opts"
}

# pg_running: the postmaster named in postmaster.pid is alive (a zombie left by a crash is not);
# a stale postmaster.pid is removed so that the next start works.
pg_running() {
  local f=$pgdir/postmaster.pid p
  [[ -f $f ]] || return 1
  p=$(head -n 1 "$f")
  if [[ $p =~ ^[0-9]+$ && -r /proc/$p/stat ]] && [[ $(awk '{print $3}' "/proc/$p/stat") != Z ]] \
      && grep -q postgres "/proc/$p/cmdline" 2>/dev/null; then
    return 0
  fi
  log "removing stale $f"; rm -f "$f"; return 1
}
pg_answers() { "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$pgport"; }

psql_primary() { "$pgbin/psql" -h 127.0.0.1 -p "$primary_port" -U mhac -d postgres -v ON_ERROR_STOP=1 -tAc "$1"; }

# basebackup: the replica's data directory is a copy of the primary's, taken over a replication
# connection on loopback as the role mhac_replication, with the standby's settings (-R:
# standby.signal and primary_conninfo). The primary gets the role, and a pg_hba.conf line for it
# on 127.0.0.1 when it has none for replication; it must run with wal_level replica.
basebackup() {
  "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$primary_port" || die "no primary answers on 127.0.0.1:$primary_port (start it first, e.g. scripts/services.sh start drill)"
  local wal hba
  wal=$(psql_primary "SHOW wal_level")
  [[ $wal == replica || $wal == logical ]] || die "the primary runs with wal_level=$wal; it needs replica (restart it with -c wal_level=replica)"
  psql_primary "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mhac_replication') THEN
    CREATE ROLE mhac_replication WITH REPLICATION LOGIN; END IF; END \$\$" >/dev/null
  hba=$(psql_primary "SHOW hba_file")
  if ! as_pg grep -Eq '^host[[:space:]]+replication[[:space:]]+(all|mhac_replication)[[:space:]]+127\.0\.0\.1/32' "$hba"; then
    log "adding a replication line for 127.0.0.1 to $hba"
    echo "host replication mhac_replication 127.0.0.1/32 trust" | as_pg tee -a "$hba" >/dev/null
    psql_primary "SELECT pg_reload_conf()" >/dev/null
  fi
  log "pg_basebackup of 127.0.0.1:$primary_port into $pgdir"
  as_pg "$pgbin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U mhac_replication -D "$pgdir" -R -X stream -c fast -w \
    >"$pgdir.basebackup.log" 2>&1 || { cat "$pgdir.basebackup.log" >&2; die "pg_basebackup failed"; }
  rm -f "$pgdir/server.log"   # the primary's log, copied with its directory
}

pg_start() {
  [[ -x $pgbin/initdb ]] || die "PostgreSQL 15 is not installed ($pgbin); run scripts/deps.sh"
  resolve_pgdir
  if [[ $set == replica && ! -f $pgdir/PG_VERSION ]]; then
    basebackup
  elif [[ ! -f $pgdir/PG_VERSION ]]; then
    log "initdb $pgdir"
    as_pg "$pgbin/initdb" -D "$pgdir" -U mhac --auth=trust -E UTF8 --locale=C.UTF-8 >"$pgdir.initdb.log" 2>&1 \
      || { cat "$pgdir.initdb.log" >&2; die "initdb failed"; }
  fi
  if pg_running; then
    log "PostgreSQL already running on 127.0.0.1:$pgport"
  else
    pg_answers && die "port $pgport is taken by another PostgreSQL; stop it first"
    log "starting PostgreSQL on 127.0.0.1:$pgport"
    as_pg "$pgbin/pg_ctl" -D "$pgdir" -w -t 60 -l "$pgdir/server.log" -o "$(pg_opts)" start >/dev/null \
      || { tail -n 20 "$pgdir/server.log" >&2 || true; die "PostgreSQL did not start"; }
  fi
  for _ in $(seq 50); do pg_answers && break; sleep 0.2; done
  pg_answers || die "PostgreSQL does not answer on 127.0.0.1:$pgport"
  if [[ -n $db ]] && [[ -z $("$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U mhac -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$db'") ]]; then
    log "creating database $db"
    "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U mhac "$db"
  fi
}

pg_stop() {
  [[ -e $pgdir ]] || return 0
  [[ -L $pgdir ]] && pgdir=$(readlink -f "$pgdir")
  if pg_running; then
    log "stopping PostgreSQL on 127.0.0.1:$pgport"
    as_pg "$pgbin/pg_ctl" -D "$pgdir" -w -t 60 -m fast stop >/dev/null
  fi
}

# Redis: the pid file is trusted only if it names a live redis-server.
rpid() {
  local f=$rdir/redis.pid p
  [[ -f $f ]] || return 1
  p=$(<"$f")
  if [[ $p =~ ^[0-9]+$ ]] && kill -0 "$p" 2>/dev/null && grep -q redis-server "/proc/$p/cmdline" 2>/dev/null; then
    echo "$p"
  else
    rm -f "$f"; return 1
  fi
}
r_answers() { [[ $(redis-cli -h 127.0.0.1 -p "$rport" ping 2>/dev/null) == PONG ]]; }

redis_start() {
  command -v redis-server >/dev/null || die "redis-server is not installed; run scripts/deps.sh"
  mkdir -p "$rdir"
  if rpid >/dev/null; then
    log "Redis already running on 127.0.0.1:$rport"
  else
    r_answers && die "port $rport is taken by another Redis; stop it first"
    log "starting Redis on 127.0.0.1:$rport"
    local aof=no; [[ $set == dev || $set == drill ]] && aof=yes
    redis-server --port "$rport" --bind 127.0.0.1 --dir "$rdir" --daemonize yes \
      --pidfile "$rdir/redis.pid" --logfile "$rdir/redis.log" --save '' --appendonly "$aof"
  fi
  for _ in $(seq 50); do r_answers && return 0; sleep 0.2; done
  tail -n 20 "$rdir/redis.log" >&2 || true
  die "Redis does not answer on 127.0.0.1:$rport"
}

redis_stop() {
  local p
  p=$(rpid) || return 0
  log "stopping Redis on 127.0.0.1:$rport"
  kill "$p"
  for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || { rm -f "$rdir/redis.pid"; return 0; }; sleep 0.1; done
  die "Redis (pid $p) did not stop"
}

status() {
  local rc=0
  if [[ -L $pgdir ]]; then pgdir=$(readlink -f "$pgdir"); fi
  if pg_running; then log "PostgreSQL running on 127.0.0.1:$pgport ($pgdir)"; else log "PostgreSQL stopped"; rc=3; fi
  [[ -z $rdir ]] && return $rc
  if p=$(rpid); then log "Redis running on 127.0.0.1:$rport (pid $p)"; else log "Redis stopped"; rc=3; fi
  return $rc
}

# promote: the standby stops following its primary and accepts writes (pg_ctl promote).
promote() {
  [[ $set == replica ]] || die "only the replica set can be promoted"
  [[ -L $pgdir ]] && pgdir=$(readlink -f "$pgdir")
  pg_running || die "the replica is not running"
  log "promoting the replica on 127.0.0.1:$pgport"
  as_pg "$pgbin/pg_ctl" -D "$pgdir" -w -t 60 promote >/dev/null || die "pg_ctl promote failed"
}

case $action in
  start) mkdir -p "$data"; pg_start
         if [[ -n $rdir ]]; then redis_start; fi
         log "ready: postgres://mhac@127.0.0.1:$pgport/${db:-postgres}${rdir:+  redis 127.0.0.1:$rport}" ;;
  stop) if [[ -n $rdir ]]; then redis_stop; fi; pg_stop ;;
  status) status ;;
  promote) promote ;;
  *) usage ;;
esac
