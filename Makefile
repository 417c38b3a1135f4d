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

## test-integration: integration tests (Redis, the Kubernetes API test server)
.PHONY: test-integration
test-integration: check-node
	$(MOCHA) 'test/**/*.integration.test.ts'

## crd-types: regenerate operator/api/docconversion.generated.ts from crds/docconversion.yaml
.PHONY: crd-types
crd-types: check-node
	node scripts/gen-crd-types.ts

## check-crd-types: fail when the generated CRD types drift from crds/docconversion.yaml
.PHONY: check-crd-types
check-crd-types: check-node
	node scripts/gen-crd-types.ts --check

## test-kube-apiserver: the Kubernetes API test server's own suite (test/kube-apiserver, in-process, nothing running)
.PHONY: test-kube-apiserver
test-kube-apiserver: check-node
	$(MOCHA) 'test/kube-apiserver/**/*.test.ts'

## test: everything CI runs — typecheck, lint, unit, integration and browser tests
.PHONY: test
test: typecheck lint test-unit

## test-operator: every operator test — unit and integration (fake converter, Kubernetes API test server)
.PHONY: test-operator
test-operator: check-node
	$(MOCHA) 'test/operator/**/*.test.ts'

## run-operator: run the operator outside the cluster against the current kubeconfig and CONVERTER_URL (default http://localhost:8080)
.PHONY: run-operator
run-operator: check-node
	CONVERTER_URL=$${CONVERTER_URL:-http://localhost:8080} LEADER_ELECT=$${LEADER_ELECT:-false} \
	PROBE_PORT=$${PROBE_PORT:-8081} METRICS_PORT=$${METRICS_PORT:-8082} node --max-semi-space-size=1 --max-old-space-size=128 operator/main.ts

## bench-operator: 1,000 and 10,000 DocConversions against the Kubernetes API test server and a caching fake converter
.PHONY: bench-operator
bench-operator: check-node
	node bench/operator.ts
