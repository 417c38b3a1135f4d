#!/usr/bin/env bash
# Prints the base image `make image` builds FROM (the value of the Dockerfile's NODE_IMAGE).
#
# The Dockerfile pins the official node:22 bookworm-slim image by digest. When that image is in
# local storage or can be pulled, it is used. Machines that cannot pull from a container registry
# (CI here) get a stand-in built the way the official image is: a `debootstrap --variant=minbase
# bookworm` root file system plus the project's Node 22 binary (npm package `node@22`) at
# /usr/local/bin/node and npm at /usr/local/lib/node_modules/npm, imported with `podman import`.
# The stand-in is cached twice, so that a warm run takes a second: as a local image, and as a
# tarball under IMAGE_CACHE_DIR (outside the repository) keyed by the Node and npm versions.
#
# Usage: scripts/image/base.sh <pinned NODE_IMAGE>   (progress on stderr, the image on stdout)
# IMAGE_BASE=auto (default) | pinned (fail unless the pinned image is available) | standin
set -euo pipefail

readonly PINNED=${1:?usage: base.sh <pinned NODE_IMAGE>}
readonly MODE=${IMAGE_BASE:-auto}
readonly CACHE_DIR=${IMAGE_CACHE_DIR:-/var/cache/docc2context-image}
readonly PULL_TIMEOUT=${IMAGE_PULL_TIMEOUT:-30}
# Bump when the recipe below changes, so caches built by an older recipe are not reused.
readonly RECIPE=1
cd "$(dirname "$0")/../.."
root=''

say() { echo "image base: $*" >&2; }

pinned_available() {
  podman image exists "$PINNED" && return 0
  [[ $MODE == standin ]] && return 1
  say "pulling $PINNED (at most ${PULL_TIMEOUT}s)"
  timeout "$PULL_TIMEOUT" podman pull -q "$PINNED" >/dev/null 2>&1
}

# The Debian mirror apt is configured with (deb822 or one-line format), else deb.debian.org.
debian_mirror() {
  local uri
  uri=$(grep -hoE '^URIs:[[:space:]]*\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n1 | awk '{print $2}' || true)
  [[ -n $uri ]] || uri=$(grep -hoE '^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?\S+[[:space:]]+bookworm[[:space:]]' /etc/apt/sources.list 2>/dev/null | head -n1 | awk '{print $(NF-1)}' || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

build_rootfs_tarball() {
  local tarball=$1 node_bin=$2 npm_dir=$3
  root=$(mktemp -d "${CACHE_DIR}/rootfs.XXXXXX")
  trap 'rm -rf "$root"' EXIT
  say "debootstrap --variant=minbase bookworm from $(debian_mirror) (about 3–4 minutes)"
  debootstrap --variant=minbase bookworm "$root" "$(debian_mirror)" >"$CACHE_DIR/debootstrap.log" 2>&1 \
    || { tail -n 20 "$CACHE_DIR/debootstrap.log" >&2; return 1; }
  # Trim what debian:bookworm-slim does not carry, and give apt the same sources as the host.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/var/log/* "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/*
  if compgen -G '/etc/apt/sources.list.d/debian.sources' >/dev/null; then
    rm -f "$root/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/debian.sources"
  fi
  # Node and npm where the official image puts them.
  install -D -m 0755 "$node_bin" "$root/usr/local/bin/node"
  mkdir -p "$root/usr/local/lib/node_modules"
  cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  tar -C "$root" --numeric-owner -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
  rm -rf "$root"
}

standin() {
  local node_bin=node_modules/node/bin/node node_version npm_dir npm_version tag tarball
  [[ -x $node_bin ]] || { say "$node_bin is missing: run make install"; return 1; }
  node_version=$("$node_bin" --version)
  node_version=${node_version#v}
  # The npm the host runs (its package directory), whichever node is first on PATH.
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  [[ -f $npm_dir/package.json ]] || { say "cannot find npm's package directory (from $(command -v npm))"; return 1; }
  npm_version=$("$node_bin" -p "require('$npm_dir/package.json').version")
  tag="localhost/docc2context-node-standin:${node_version}-bookworm-slim-npm${npm_version}-r${RECIPE}"
  if podman image exists "$tag"; then echo "$tag"; return 0; fi
  mkdir -p "$CACHE_DIR"
  tarball="$CACHE_DIR/node-${node_version}-npm-${npm_version}-bookworm-minbase-r${RECIPE}.tar"
  [[ -f $tarball ]] || build_rootfs_tarball "$tarball" "$node_bin" "$npm_dir"
  say "importing $tarball as $tag"
  podman import -q \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV NODE_VERSION=${node_version}" \
    --change 'CMD ["node"]' \
    --change "LABEL io.docc2context.stand-in-for=${PINNED}" \
    "$tarball" "$tag" >/dev/null
  echo "$tag"
}

if pinned_available; then
  say "using the pinned $PINNED"
  echo "$PINNED"
elif [[ $MODE == pinned ]]; then
  say "$PINNED is not available and IMAGE_BASE=pinned"
  exit 1
else
  say "the pinned base cannot be pulled here: using a local stand-in"
  standin
fi
