# One image for both programs: `docc2context:0.1.0 converter` or `docc2context:0.1.0 operator [flags]`.
# Build it with `make image`, test it with `make test-image` (docs/image.md; ADRs 0025–0027).
# The default build ships the builtin TypeScript engine only; `--build-arg WITH_SWIFT=1` adds the
# Swift docc2context CLI (ENGINE=auto then wraps it).

# Official Node 22 slim image, pinned by digest (node:22.23.3-bookworm-slim, linux/amd64 + arm64
# index). `make image` passes a local stand-in built the same way when no registry is reachable.
ARG NODE_IMAGE=node:22.23.3-bookworm-slim@sha256:43ac6c60b8f89723f746e8a92ce91abd5017e627ce1ddfe4238355d3a30b772c
# Official Swift 6.1.2 image (the toolchain the Swift CLI's own releases use), only for WITH_SWIFT=1.
ARG SWIFT_IMAGE=swift:6.1.2-jammy@sha256:5910655d205a5a54b0b9efdf72c4066a8de1932513fdc81793e2544b5d5a0709
ARG WITH_SWIFT=0

# --- production dependencies, exactly as package-lock.json pins them ------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no production dependency has an install script, and the project's own
# `prepare` (the build) needs dev tools this stage does not have: the build stage below runs it.
# The optional build secret `ca-certificates` is a CA bundle for builds behind a TLS-inspecting
# proxy (make image passes the host's); a secret mount never lands in a layer.
RUN --mount=type=secret,id=ca-certificates \
    if [ -s /run/secrets/ca-certificates ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca-certificates; fi \
 && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --no-update-notifier

# --- JavaScript in dist/ (docs/adr/0001): tsc and esbuild need the dev dependencies --------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
# The `node` dev dependency is the project's own Node for developers; here the base image's Node
# runs the build, so its shim is removed (its install script, skipped, would fetch a binary).
RUN --mount=type=secret,id=ca-certificates \
    if [ -s /run/secrets/ca-certificates ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca-certificates; fi \
 && npm ci --ignore-scripts --omit=peer --no-audit --no-fund --no-update-notifier \
 && rm -f node_modules/.bin/node
COPY scripts/build.sh ./scripts/build.sh
COPY common ./common
COPY converter ./converter
COPY operator ./operator
RUN npm run --silent build && rm -f dist/.built

# --- the Swift docc2context CLI at a pinned commit (WITH_SWIFT=1 only; untested here) --------------
FROM ${SWIFT_IMAGE} AS swift-cli
ARG DOCC2CONTEXT_REPOSITORY=https://github.com/SoundBlaster/docc2context.git
ARG DOCC2CONTEXT_REF=a2babcc4910c87bbd1b65f9a4221097f5ae4b753
WORKDIR /src
RUN git init -q . \
 && git remote add origin "${DOCC2CONTEXT_REPOSITORY}" \
 && git fetch -q --depth 1 origin "${DOCC2CONTEXT_REF}" \
 && git checkout -q FETCH_HEAD \
 && swift build -c release --static-swift-stdlib --product docc2context \
 && install -D -m 0755 "$(swift build -c release --show-bin-path)/docc2context" /out/docc2context

# --- runtime: node + tini + the built JavaScript, as uid/gid 10001 -----------------------------------------
FROM ${NODE_IMAGE} AS runtime
# tini is PID 1: it forwards SIGTERM to node and reaps any orphaned process (Swift CLI children).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt /var/log/dpkg.log \
 && groupadd --system --gid 10001 docc2context \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin docc2context \
 && install -d -o 10001 -g 10001 -m 0700 /workspace
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
COPY scripts/image/entrypoint.sh /usr/local/bin/docc2context-entrypoint
# Everything the programs write goes to /workspace (a volume: an emptyDir in Kubernetes), so the
# root file system can be read-only; nothing needs /tmp.
ENV NODE_ENV=production \
    WORKSPACE_BASE_PATH=/workspace
VOLUME ["/workspace"]
USER 10001:10001
EXPOSE 8080 8081
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/docc2context-entrypoint"]
CMD ["converter"]
ARG NODE_IMAGE
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=1970-01-01T00:00:00Z
LABEL org.opencontainers.image.title="docc2context" \
      org.opencontainers.image.description="DocC to Markdown converter service and Kubernetes operator (command: converter or operator)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.base.name="${NODE_IMAGE}"

# --- the two variants; the last stage is the image ------------------------------------------------
FROM runtime AS variant-0
LABEL io.docc2context.engines="builtin"

FROM runtime AS variant-1
ARG DOCC2CONTEXT_REF=a2babcc4910c87bbd1b65f9a4221097f5ae4b753
COPY --from=swift-cli /out/docc2context /usr/local/bin/docc2context
# Fails the build when the binary misses a shared library on this base.
RUN ["/usr/local/bin/docc2context", "--help"]
LABEL io.docc2context.engines="builtin swift" \
      io.docc2context.swift-cli.ref="${DOCC2CONTEXT_REF}"

FROM variant-${WITH_SWIFT}
