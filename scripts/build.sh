#!/usr/bin/env bash
# make build / npm run build (also `prepare`, so npm ci runs it): JavaScript in dist/ (docs/adr/0001).
# - tsc emits dist/ mirroring the source tree (.ts imports rewritten to .js): the converter, its
#   worker threads and the operator run these files;
# - esbuild bundles the command into one file, dist/docc2context.js, which bin/docc2context.js
#   loads: one module instead of ~95 halves a small conversion's CPU time (docs/performance.md);
# - the web page's static files are copied next to the server that serves them.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
tsc -p tsconfig.build.json
# yauzl and yazl are CommonJS: the bundle gives them a require().
esbuild dist/converter/cli/main.js --bundle --platform=node --format=esm --target=node22 \
  --outfile=dist/docc2context.js --log-level=warning \
  --banner:js="import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);"
cp -R converter/server/public dist/converter/server/public
touch dist/.built
