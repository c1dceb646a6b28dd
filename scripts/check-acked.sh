#!/usr/bin/env bash
# check-acked.sh DATABASE_URL FILE... — are the writes the clinic acknowledged stored? Each FILE is
# what `mhac load --acked FILE` wrote (kind,record id,version,request id per line). A vitals write
# is stored when its audit row (same request id, written in the write's transaction) is in the
# database and its chart is at the acknowledged version or later. Prints
# "acknowledged N, stored N, missing 0" and exits 1 when any is missing (listing up to 10).
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 DATABASE_URL FILE..." >&2; exit 2; }
url=$1; shift
psql=${MHAC_PG_BIN:-/usr/lib/postgresql/15/bin}/psql
cat "$@" | "$psql" "$url" -v ON_ERROR_STOP=1 -qtA -F ' ' -c "CREATE TEMP TABLE acked (kind text, id text, version int, request_id text)" \
  -c "\\copy acked FROM pstdin WITH (FORMAT csv)" \
  -c "SELECT count(*), count(*) FILTER (WHERE ok), coalesce(string_agg(CASE WHEN NOT ok THEN id || '@' || version || ' ' || request_id END, ', '), '')
      FROM (SELECT a.*, EXISTS (SELECT 1 FROM audit_log l WHERE l.request_id = a.request_id AND l.record_id = a.id)
                    AND EXISTS (SELECT 1 FROM assessments s WHERE s.id::text = a.id AND s.version >= a.version) AS ok
            FROM acked a) c" | {
  read -r total stored missing_list || true
  missing=$((total - stored))
  echo "acknowledged $total, stored $stored, missing $missing${missing_list:+ (e.g. $(cut -d, -f1-10 <<<"$missing_list"))}"
  [[ $missing == 0 ]]
}
