#!/usr/bin/env bash
# test.sh — after `make build` and `services.sh start test`: go mod tidy (go.mod/go.sum must not
# change), go vet, staticcheck, go test (unit + integration against the test services), the
# generated API types (frontend/src/api-types.ts) against openapi.json, the browser tests; every stage runs, then a report. Exit 1 if any failed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
go=${GO:-go}
export MHAC_TEST_DATABASE_URL=${MHAC_TEST_DATABASE_URL:-postgres://mhac@127.0.0.1:55433/postgres?sslmode=disable}
export MHAC_TEST_REDIS_ADDR=${MHAC_TEST_REDIS_ADDR:-127.0.0.1:56380}

report=() failed=0
logs=$root/.data/test-logs
mkdir -p "$logs"
# stage NAME CMD...: runs CMD, its output also kept in .data/test-logs; a failed stage's report
# names what failed (Go's FAIL lines, Playwright's ✘ lines), so the end of the output says it.
stage() {
  local name=$1 t0=$SECONDS rc=0
  shift
  local log="$logs/${name// /-}.log"
  echo; echo "==> $name: $*"
  "$@" 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
  local took="$((SECONDS - t0))s"
  case $rc in
    0)  report+=("PASS  $name ($took)")
        while IFS= read -r line; do report+=("        ${line:0:200}"); done \
          < <(grep -E -A3 '^[[:space:]]+[0-9]+ flaky' "$log" | head -n 8) ;;
    *)  report+=("FAIL  $name ($took, exit $rc)"); failed=1
        while IFS= read -r line; do report+=("        ${line:0:200}"); done \
          < <(grep -E '^(--- FAIL|FAIL[[:space:]]|panic:)|✘|^[[:space:]]+[0-9]+ (failed|flaky)' "$log" | head -n 12) ;;
  esac
}

# npm_script NAME: run frontend/'s script NAME.
npm_script() { (cd frontend && npm run "$1"); }

# staticcheck: bin/staticcheck, which `scripts/deps.sh test` installs.
staticcheck() {
  [[ -x bin/staticcheck ]] || { echo "bin/staticcheck is missing: run scripts/deps.sh test"; return 1; }
  bin/staticcheck ./...
}

# go mod tidy -diff prints what tidy would change in go.mod/go.sum and exits 1, changing nothing.
stage "go mod tidy" "$go" mod tidy -diff
stage "go vet" "$go" vet ./...
stage "staticcheck" staticcheck
stage "go test" "$go" test -p 2 -timeout 30m ./...
stage "generated API types" npm_script check:types
stage "frontend typecheck" npm_script typecheck
stage "frontend unit tests" npm_script test
stage "browser tests" scripts/e2e.sh

echo; echo "==> make test report"
printf '  %s\n' "${report[@]}"
if (( failed )); then echo "make test: FAILED"; exit 1; fi
echo "make test: OK"
