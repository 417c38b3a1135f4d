# docc2context-operator — run `make help` for the map.
# Everything runs on the project's own Node 22 (npm package `node@22` in node_modules/.bin).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)

MOCHA := mocha --timeout 30000 --reporter spec
UNIT_TESTS := 'test/**/*.test.ts' --ignore 'test/**/*.integration.test.ts' --ignore 'test/**/*.browser.test.ts'

.DEFAULT_GOAL := help

## help: list every target with what it does
.PHONY: help
help:
	@grep -hE '^## ' $(MAKEFILE_LIST) | sed -e 's/^## //' | awk -F': ' '{printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

## install: install the pinned dependencies (including Node 22) from package-lock.json
.PHONY: install
install: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci
	@touch $@

## check-node: fail unless the project's Node 22 is the one on PATH
.PHONY: check-node
check-node: node_modules/.installed
	@node --version | grep -qE '^v22\.' || { echo "Node 22 required, found $$(node --version); run make install" >&2; exit 1; }

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

## test-integration: integration tests (Redis, the Kubernetes API test server, real converter servers)
.PHONY: test-integration
test-integration: check-node
	$(MOCHA) 'test/**/*.integration.test.ts'

## test-browser: web page tests in headless Chromium (needs /usr/bin/chromium or CHROMIUM_PATH)
.PHONY: test-browser
test-browser: check-node
	$(MOCHA) --timeout 60000 'test/**/*.browser.test.ts'

## crd-types: regenerate operator/api/docconversion.generated.ts from crds/docconversion.yaml
.PHONY: crd-types
crd-types: check-node
	node scripts/gen-crd-types.ts

## check-crd-types: fail when the generated CRD types drift from crds/docconversion.yaml
.PHONY: check-crd-types
check-crd-types: check-node
	node scripts/gen-crd-types.ts --check

## run: start the converter on PORT (8080) with the builtin engine and in-memory defaults (no Redis, no Swift)
.PHONY: run
run: check-node
	PORT=$${PORT:-8080} ENGINE=$${ENGINE:-builtin} node converter/server/main.ts

## bench-service: load the converter over loopback (autocannon) at concurrency 1/2/8/32 and compare with the engine
.PHONY: bench-service
bench-service: check-node
	node bench/service.ts

## test-archive: unit tests of converter/archive (zip safety, extraction, workspaces)
.PHONY: test-archive
test-archive: check-node
	$(MOCHA) 'test/converter/archive/**/*.test.ts'

## test-runner: unit tests of converter/runner (worker pool, swift subprocess, engine selection)
.PHONY: test-runner
test-runner: check-node
	$(MOCHA) 'test/converter/runner/**/*.test.ts'

## test: everything CI runs — typecheck, lint, unit, integration and browser tests
.PHONY: test
test: typecheck lint check-crd-types test-unit test-integration

## bench-engine: engine vs a read+parse+write floor on Docc2contextCore, a synthetic 10 MB bundle and more (prints a table)
.PHONY: bench-engine
bench-engine: check-node
	node bench/engine.ts --runs $(or $(RUNS),7)
