#!/usr/bin/env bash
# Installs Debian's image tools when one is missing (fresh CI machines have none): buildah builds,
# podman runs (with runc: crun fails on these machines' cgroup layout), debootstrap makes the
# stand-in base, curl drives the image test. No Docker daemon is needed.
set -euo pipefail

declare -A package_of=([buildah]=buildah [podman]=podman [runc]=runc [debootstrap]=debootstrap [curl]=curl)
missing=()
for tool in "${!package_of[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${package_of[$tool]}")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "missing ${missing[*]}: apt-get install -y ${missing[*]} uidmap fuse-overlayfs slirp4netns (as root)" >&2
  exit 1
fi
echo "installing ${missing[*]} from Debian" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" uidmap fuse-overlayfs slirp4netns >/dev/null
