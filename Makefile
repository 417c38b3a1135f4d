# docc2context-operator — run `make help` for the map.
# Everything runs on the project's own Node 22 (npm package `node@22` in node_modules/.bin).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)

MOCHA := mocha --timeout 30000 --reporter spec
UNIT_TESTS := 'test/**/*.test.ts' --ignore 'test/**/*.integration.test.ts' --ignore 'test/**/*.browser.test.ts'
REDIS_PORT ?= 6379

.DEFAULT_GOAL := help

## help: list every target with what it does
.PHONY: help
help:
	@grep -hE '^## ' $(MAKEFILE_LIST) | sed -E 's/^## ([^:]+): /\1\t/' | awk -F'\t' '{printf "  %-20s %s\n", $$1, $$2}'

# ---------------------------------------------------------------------------------------------
## install: install the pinned dependencies (including Node 22) from package-lock.json
.PHONY: install
install: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## check-node: fail unless the project's Node 22 is the one on PATH
.PHONY: check-node
check-node: node_modules/.installed
	@node --version | grep -qE '^v22\.' || { echo "Node 22 required, found $$(node --version); run make install" >&2; exit 1; }

# --- run ---------------------------------------------------------------------------------------
## run: serve the converter on PORT (8080): builtin engine, in-memory store, no Redis, no Swift
.PHONY: run
run: check-node
	PORT=$${PORT:-8080} ENGINE=$${ENGINE:-builtin} node converter/server/main.ts

## convert: run the docc2context command: make convert IN=<archive|zip> OUT=<dir|zip> [ARGS='--force ...']
.PHONY: convert
convert: check-node
	@test -n "$(IN)" -a -n "$(OUT)" || { echo "usage: make convert IN=<archive or zip> OUT=<directory or .zip> [ARGS='...']" >&2; exit 2; }
	node bin/docc2context.js "$(IN)" --output "$(OUT)" $(ARGS)

## run-operator: run the operator outside the cluster against the current kubeconfig and CONVERTER_URL (default http://localhost:8080)
.PHONY: run-operator
run-operator: check-node
	CONVERTER_URL=$${CONVERTER_URL:-http://localhost:8080} LEADER_ELECT=$${LEADER_ELECT:-false} \
	PROBE_PORT=$${PROBE_PORT:-8081} METRICS_PORT=$${METRICS_PORT:-8082} node --max-semi-space-size=1 --max-old-space-size=128 operator/main.ts

# --- test --------------------------------------------------------------------------------------
## test: everything CI runs — typecheck, lint, generated-file drift, unit, integration and browser tests; runs every suite even when one fails, then lists the failures
SUITES := typecheck lint check-crd-types test-unit test-integration test-browser
.PHONY: test
test:
	@failed=""; \
	for suite in $(SUITES); do \
	  echo "==> make $$suite"; \
	  $(MAKE) --no-print-directory $$suite || failed="$$failed $$suite"; \
	done; \
	if [ -n "$$failed" ]; then echo "FAILED:$$failed" >&2; exit 1; fi; \
	echo "All suites passed: $(SUITES)"

## typecheck: type-check every TypeScript file (tsc --noEmit, strict)
.PHONY: typecheck
typecheck: check-node
	tsc -p tsconfig.json

## lint: ESLint with the complexity/depth/params limits of STYLE.md
.PHONY: lint
lint: check-node
	eslint .

## test-unit: unit tests (nothing running needed)
.PHONY: test-unit
test-unit: check-node
	$(MOCHA) $(UNIT_TESTS)

## test-integration: integration tests (real Redis, the Kubernetes API test server, real converter servers)
.PHONY: test-integration
test-integration: check-node redis
	$(MOCHA) 'test/**/*.integration.test.ts'

## test-browser: web page tests in headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH)
.PHONY: test-browser
test-browser: check-node
	@command -v $${CHROMIUM_PATH:-chromium} >/dev/null || { echo "Chromium is missing: apt-get install -y chromium (or set CHROMIUM_PATH)" >&2; exit 1; }
	$(MOCHA) --timeout 60000 'test/**/*.browser.test.ts'

## redis: start a throwaway redis-server on 127.0.0.1:REDIS_PORT unless one already answers
.PHONY: redis
redis:
	@redis-cli -p $(REDIS_PORT) ping >/dev/null 2>&1 || { \
	  command -v redis-server >/dev/null || { echo "Redis is missing: apt-get install -y redis-server" >&2; exit 1; }; \
	  redis-server --daemonize yes --bind 127.0.0.1 --port $(REDIS_PORT) --save '' --appendonly no \
	    --dir /tmp --logfile /tmp/docc2context-redis.log && \
	  for i in $$(seq 1 50); do redis-cli -p $(REDIS_PORT) ping >/dev/null 2>&1 && break; sleep 0.1; done; }

## test-archive: unit tests of converter/archive (zip safety, extraction, workspaces)
.PHONY: test-archive
test-archive: check-node
	$(MOCHA) 'test/converter/archive/**/*.test.ts'

## test-runner: unit tests of converter/runner (worker pool, swift subprocess, engine selection)
.PHONY: test-runner
test-runner: check-node
	$(MOCHA) 'test/converter/runner/**/*.test.ts'

## test-kube-apiserver: the Kubernetes API test server's own suite (in-process, nothing running)
.PHONY: test-kube-apiserver
test-kube-apiserver: check-node
	$(MOCHA) 'test/kube-apiserver/**/*.test.ts'

## test-operator: every operator test — unit and integration (Kubernetes API test server, converters)
.PHONY: test-operator
test-operator: check-node redis
	$(MOCHA) 'test/operator/**/*.test.ts'

## test-e2e: the operator end to end with the real converter (builtin engine, real Redis) and the Kubernetes API test server
.PHONY: test-e2e
test-e2e: check-node redis
	$(MOCHA) 'test/operator/e2e-real-converter*.integration.test.ts'

# --- generated files ---------------------------------------------------------------------------
## crd-types: regenerate operator/api/docconversion.generated.ts from crds/docconversion.yaml
.PHONY: crd-types
crd-types: check-node
	node scripts/gen-crd-types.ts

## check-crd-types: fail when the generated CRD types drift from crds/docconversion.yaml
.PHONY: check-crd-types
check-crd-types: check-node
	node scripts/gen-crd-types.ts --check

## golden-rich: regenerate the rich profile's golden Markdown (review the diff before committing)
.PHONY: golden-rich
golden-rich: check-node
	UPDATE_GOLDEN=1 $(MOCHA) test/converter/engine/rich/golden.test.ts

# --- benchmarks (not tests; each prints a table; results go in docs/performance.md) ---------------
## bench: every benchmark below, one after the other
.PHONY: bench
bench: bench-engine bench-service bench-hostile bench-operator

## bench-engine: engine vs a read+parse+write floor (Docc2contextCore, synthetic 10 MB, largest corpus archives with rich)
.PHONY: bench-engine
bench-engine: check-node
	node bench/engine.ts --runs $(or $(RUNS),7)

## bench-service: the converter under load at concurrency 1/2/8/32 vs the engine; cache hits and rate limiter on Redis
.PHONY: bench-service
bench-service: check-node redis
	node bench/service.ts
	node bench/store.ts

## bench-hostile: hostile archives (repeated big reference, huge string, huge page) vs the 2 GiB budget: peak RSS, and a normal conversion alongside (~2 min)
.PHONY: bench-hostile
bench-hostile: check-node
	node bench/hostile.ts

## bench-operator: 1,000 and 10,000 DocConversions against the Kubernetes API test server and a caching converter
.PHONY: bench-operator
bench-operator: check-node
	node bench/operator.ts
