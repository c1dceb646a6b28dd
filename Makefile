# MHAC — `make run` starts the demo clinic, `make test` runs every test. See README.md.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

GO := $(or $(shell command -v go 2>/dev/null),/usr/local/go/bin/go)
export GO
export PATH := $(PATH):/usr/local/go/bin
export GOTOOLCHAIN := local

# The defaults the Go code uses too (README.md, "Configuration").
export MHAC_DATABASE_URL ?= postgres://mhac@127.0.0.1:55432/mhac?sslmode=disable
export MHAC_REDIS_ADDR ?= 127.0.0.1:56379
export MHAC_LISTEN ?= 127.0.0.1:8080
export MHAC_PUBLIC_URL ?= http://127.0.0.1:8080
export MHAC_DATA_DIR ?= .data
export MHAC_KEYS_DIR ?= .data/keys
export MHAC_SESSION_SECRET_FILE ?= .data/session.key
export MHAC_TEST_PG_PORT ?= 55433
export MHAC_TEST_REDIS_PORT ?= 56380
export MHAC_E2E_PORT ?= 18080
export MHAC_TEST_DATABASE_URL ?= postgres://mhac@127.0.0.1:$(MHAC_TEST_PG_PORT)/postgres?sslmode=disable
export MHAC_TEST_REDIS_ADDR ?= 127.0.0.1:$(MHAC_TEST_REDIS_PORT)

.PHONY: help run stop test build ui types bench fmt vet clean reset-data drills

help:
	@echo "make run         install what is missing, start PostgreSQL+Redis, build, migrate, seed, serve on $(MHAC_PUBLIC_URL)"
	@echo "make test        install what is missing, start the test services, build, vet, go test, browser tests"
	@echo "make stop        stop the server started by make run and both service sets"
	@echo "make types       regenerate frontend/openapi.json (bin/mhac openapi) and frontend/src/api-types.ts after an API change"
	@echo "make drills      3 serve + 2 worker processes under load through a kill -9, a PostgreSQL restart and a Redis outage; a read replica promoted (docs/operations.md)"
	@echo "make build | ui | bench | fmt | vet | clean | reset-data CONFIRM=yes"

run:
	scripts/deps.sh run
	scripts/services.sh start dev
	$(MAKE) --no-print-directory build
	mkdir -p $(MHAC_DATA_DIR)
	scripts/secrets.sh
	bin/mhac migrate
	bin/mhac seed
	@echo; echo "MHAC is starting on $(MHAC_PUBLIC_URL) — demo logins above (and in README.md). Ctrl-C or 'make stop' to stop."; echo
	echo $$$$ > .data/mhac.pid; exec bin/mhac serve --with-worker

stop:
	@p=$$(cat .data/mhac.pid 2>/dev/null || true); \
	if [[ -n $$p ]] && grep -q 'bin/mhac' /proc/$$p/cmdline 2>/dev/null; then \
	  echo "stopping bin/mhac (pid $$p)"; kill $$p; \
	fi; rm -f .data/mhac.pid
	scripts/services.sh stop dev
	scripts/services.sh stop test

test:
	scripts/deps.sh test
	scripts/services.sh start test
	$(MAKE) --no-print-directory build
	scripts/test.sh

ui:
	@if [[ ! -f frontend/package.json ]]; then \
	  echo "ui: frontend/package.json does not exist yet; skipping the UI build"; \
	else \
	  scripts/deps.sh npm && cd frontend && npm run build; \
	fi

# The web app's API types: the OpenAPI document from the Go route table, then openapi-typescript.
# The build and make test fail while they are stale.
types:
	scripts/deps.sh npm
	$(GO) run ./cmd/mhac openapi > frontend/openapi.json
	cd frontend && npm run types

# The fault drills: several processes (scripts/drill-processes.sh; DRILL_RATE, DRILL_SECONDS), then
# the read replica and its promotion (scripts/drill-replica.sh). Both use the drill services.
drills: build
	scripts/drill-processes.sh
	scripts/drill-replica.sh

build: ui
	mkdir -p bin
	$(GO) build -o bin/mhac ./cmd/mhac

BENCH_PKGS = $(shell grep -rl --include='*_test.go' --exclude-dir=node_modules --exclude-dir=.data '^func Benchmark' . 2>/dev/null | xargs -r -n1 dirname | sort -u)
bench:
	@if [[ -z "$(BENCH_PKGS)" ]]; then echo "bench: no benchmarks yet"; exit 0; fi; \
	scripts/services.sh start test; \
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m $(BENCH_PKGS)

fmt:
	$(GO) fmt ./...

vet:
	$(GO) vet ./...

clean:
	rm -rf bin/

reset-data:
	@if [[ "$(CONFIRM)" != yes ]]; then echo "reset-data deletes .data (demo database, keys, secrets): run 'make reset-data CONFIRM=yes'"; exit 1; fi
	$(MAKE) --no-print-directory stop
	for d in .data/pg .data/test-pg; do \
	  t=$$(readlink $$d || true); [[ $$t == /var/lib/mhac/?*/* ]] && rm -rf "$${t%/*}"; \
	done; true
	rm -rf .data
	@echo "reset-data: .data removed"
