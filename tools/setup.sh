#!/usr/bin/env bash
# Installs what schemac needs from Debian's packages (only what is missing) and builds it.
# Idempotent: a second run installs nothing and rebuilds only what changed.
#   SCHEMAC_BUILD_DIR   build directory (default: build/)
#   SCHEMAC_SANITIZE=1  build with ASan and UBSan (default build dir then: build-asan/)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(g++ cmake ninja-build pkg-config tao-pegtl-dev libpqxx-dev libfmt-dev
          nlohmann-json3-dev libcli11-dev catch2 libpq-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

sanitize=${SCHEMAC_SANITIZE:-0}
if [ "$sanitize" = 1 ]; then
  build=${SCHEMAC_BUILD_DIR:-$root/build-asan}
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSCHEMAC_SANITIZE=ON >/dev/null
else
  build=${SCHEMAC_BUILD_DIR:-$root/build}
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build"
echo "setup: built $build/schemac"
