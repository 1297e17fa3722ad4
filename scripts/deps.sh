#!/usr/bin/env bash
# Installs the Debian 12 packages the build and the tests need (DESIGN §5),
# and only those that are missing.  Idempotent and quick when all is there.
#   scripts/deps.sh            packages for `make` and `make check`
#   scripts/deps.sh --shaders  also Wine, for `make shaders` (regenerating the corpus)
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -eu
pkgs="make gcc libc6-dev bc python3 mingw-w64 binutils-mingw-w64-x86-64 binutils-mingw-w64-i686
      qemu-system-x86 qemu-system-gui virgl-server libvirglrenderer-dev
      libgl1-mesa-dri libegl-mesa0 libegl1 libgles2 libegl-dev libgles-dev
      clang libclang-rt-14-dev valgrind osslsigncode openssl"
if [ "${1:-}" = "--shaders" ]; then
    pkgs="$pkgs wine64"
fi
missing=""
for p in $pkgs; do
    st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$st" = "installed" ] || missing="$missing $p"
done
if [ -z "$missing" ]; then
    exit 0
fi
echo "deps.sh: missing Debian packages:$missing"
cmd="apt-get install -y$missing"
if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: not root; run as root:  apt-get update && $cmd" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq $missing
echo "deps.sh: installed:$missing"
