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

## test: everything CI runs — typecheck, lint, unit, integration and browser tests
.PHONY: test
test: typecheck lint test-unit

## golden-rich: regenerate the rich profile's golden Markdown (review the diff before committing)
.PHONY: golden-rich
golden-rich: check-node
	UPDATE_GOLDEN=1 $(MOCHA) test/converter/engine/rich/golden.test.ts

## bench-engine: engine vs a read+parse+write floor on Docc2contextCore, a synthetic 10 MB bundle, and rich on the largest corpus archives (prints a table)
.PHONY: bench-engine
bench-engine: check-node
	node bench/engine.ts --runs $(or $(RUNS),7)
