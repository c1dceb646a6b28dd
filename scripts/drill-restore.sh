#!/usr/bin/env bash
# drill-restore.sh — the backup and restore drill. Backs up the clinic named by MHAC_DATABASE_URL
# (default: the dev database of `make run`) with its keys, restores the archive into a NEW cluster
# (.data/restore-pg on 127.0.0.1:55434, made from scratch), then checks the restored clinic: every
# stored form verifies against the restored keys, the audit chain verifies, and the row counts
# match the manifest. Prints one line per step and exits non-zero at the first failure.
#   MHAC_DATABASE_URL, MHAC_KEYS_DIR, MHAC_SESSION_SECRET_FILE   what to back up (as for serve)
#   MHAC_RESTORE_PG_PORT, MHAC_RESTORE_REDIS_PORT                 move the restore cluster
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
log() { echo "drill: $*"; }
die() { echo "drill: FAILED: $*" >&2; exit 1; }
[[ -x bin/mhac ]] || die "bin/mhac is missing; run make build"

work=$root/.data/drill
rm -rf "$work"; mkdir -p "$work"
archive=$work/backup.tar

t0=$SECONDS
bin/mhac backup --out "$archive" || die "backup"
log "backup written: $(du -h "$archive" | cut -f1) in $((SECONDS - t0))s"

# A new cluster: the restore never sees the source's data directory.
scripts/services.sh stop restore >/dev/null
rm -rf "$root/.data/restore-pg" "$root/.data/restore-redis"
scripts/services.sh start restore
port=${MHAC_RESTORE_PG_PORT:-55434}
/usr/lib/postgresql/15/bin/createdb -h 127.0.0.1 -p "$port" -U mhac mhac
target="postgres://mhac@127.0.0.1:$port/mhac?sslmode=disable"

t1=$SECONDS
bin/mhac restore --from "$archive" --database "$target" --keys-dir "$work/keys" --secret-file "$work/session.key" || die "restore"
log "restored in $((SECONDS - t1))s"

export MHAC_DATABASE_URL=$target MHAC_KEYS_DIR=$work/keys MHAC_SESSION_SECRET_FILE=$work/session.key
unset MHAC_SIGNING_CERT MHAC_SIGNING_KEY
bin/mhac migrate >/dev/null || die "the restored schema is not current"
forms=$(bin/mhac forms verify-stored) || die "stored forms: $forms"
log "stored forms: $forms"
bin/mhac audit verify || die "audit chain"
log "OK: backup, restore into a new cluster, every form verified, audit chain intact ($((SECONDS - t0))s)"
if [[ ${KEEP_RESTORE:-} != 1 ]]; then scripts/services.sh stop restore >/dev/null; fi
