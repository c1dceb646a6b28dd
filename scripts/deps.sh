#!/usr/bin/env bash
# deps.sh run|test|npm — install what is missing, and only that.
#   run:  postgresql, redis-server (+ nodejs/npm if there is no node), then npm ci in frontend/
#   test: the above + chromium, poppler-utils, qpdf, zbar-tools (reads the specimen labels' barcodes), fonts-dejavu-core, wrk, and staticcheck
#         (built from source by `go install` from the Go module proxy into bin/staticcheck)
#   npm:  only npm ci in frontend/ (when node_modules is missing or older than package-lock.json)
# Debian packages come from apt (sudo when not root); nothing downloads a prebuilt binary.
set -euo pipefail

mode=${1:-run}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log() { echo "deps: $*"; }
die() { echo "deps: error: $*" >&2; exit 1; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_install() {
  local want=() p
  for p in "$@"; do installed "$p" || want+=("$p"); done
  if ! command -v node >/dev/null; then want+=(nodejs); command -v npm >/dev/null || want+=(npm); fi
  if [[ ${#want[@]} -eq 0 ]]; then log "system packages present"; return; fi
  local sudo=()
  if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null || die "need root or sudo to install: ${want[*]}"
    sudo=(sudo)
  fi
  log "installing: ${want[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${want[@]}"
}

npm_ci() {
  local fe=$root/frontend
  if [[ ! -f $fe/package.json ]]; then
    log "frontend/package.json does not exist yet; skipping npm ci"; return
  fi
  command -v npm >/dev/null || die "npm is missing; run scripts/deps.sh run"
  [[ -f $fe/package-lock.json ]] || die "frontend/package-lock.json is missing; npm ci needs it (run npm install in frontend/ and commit the lock file)"
  # frontend/ and its API-types generator (openapi-typescript, with the TypeScript 5 it needs).
  local dir
  for dir in "$fe" "$fe/tools/openapi-types"; do
    if [[ -f $dir/node_modules/.package-lock.json && ! $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
      log "${dir#"$root"/}/node_modules up to date"; continue
    fi
    log "npm ci in ${dir#"$root"/}/"
    # playwright-core drives /usr/bin/chromium: never fetch a browser build.
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  done
}

# staticcheck 2026.2.2 (module honnef.co/go/tools v0.8.2) is the release for Go 1.26.
staticcheck_version=v0.8.2
go_tools() {
  local go=${GO:-go} bin=$root/bin/staticcheck
  command -v "$go" >/dev/null || die "go is missing (see README.md)"
  if [[ -x $bin ]] && "$bin" -version 2>/dev/null | grep -qF "(${staticcheck_version#v})"; then
    log "bin/staticcheck $staticcheck_version present"; return
  fi
  log "go install honnef.co/go/tools/cmd/staticcheck@$staticcheck_version into bin/"
  mkdir -p "$root/bin"
  (cd "$root" && GOBIN=$root/bin "$go" install "honnef.co/go/tools/cmd/staticcheck@$staticcheck_version")
}

case $mode in
  run)  apt_install postgresql redis-server redis-tools ;;
  test) apt_install postgresql redis-server redis-tools chromium poppler-utils qpdf zbar-tools fonts-dejavu-core wrk curl; go_tools ;;
  npm)  ;;
  *) echo "usage: $0 run|test|npm" >&2; exit 2 ;;
esac
npm_ci
