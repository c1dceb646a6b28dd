#!/usr/bin/env bash
# secrets.sh — create, if absent, the session secret ($MHAC_SESSION_SECRET_FILE: 32 random bytes
# as hex, mode 0600) and the site's signing keys ($MHAC_KEYS_DIR, via `bin/mhac keys init`).
# Existing secrets are never replaced.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
session=${MHAC_SESSION_SECRET_FILE:-.data/session.key}
keys=${MHAC_KEYS_DIR:-.data/keys}

if [[ ! -s $session ]]; then
  mkdir -p "$(dirname "$session")"
  (umask 077; od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$session")
  chmod 600 "$session"
  echo "secrets: wrote a new session secret to $session"
fi

if [[ -d $keys && -n $(ls -A "$keys") ]]; then
  echo "secrets: signing keys present in $keys"
else
  [[ -x bin/mhac ]] || { echo "secrets: error: bin/mhac is missing; run make build" >&2; exit 1; }
  mkdir -p "$(dirname "$keys")"
  echo "secrets: creating the signing keys of site KGL in $keys"
  bin/mhac keys init --dir "$keys" --site KGL --site-name "Kigali MHAC"
fi
