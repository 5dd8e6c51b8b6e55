#!/usr/bin/env bash
# Installs what schemac needs from Debian's packages (only what is missing) and builds it.
# Idempotent: a second run installs nothing and rebuilds only what changed.
#   SCHEMAC_BUILD_DIR   build directory (default: build/)
#   SCHEMAC_SANITIZE=1  build with ASan and UBSan (default build dir then: build-asan/)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# postgresql: the server binaries the integration tests run (tools/pg/cluster.sh);
# nodejs, npm: PGlite, the PostgreSQL 18 + pgvector engine (tools/pg/pglite.sh): schemac's dev
# database for pgvector schemas, and an engine of the tests.
packages=(g++ cmake ninja-build pkg-config tao-pegtl-dev libpqxx-dev libfmt-dev
          nlohmann-json3-dev libcli11-dev catch2 libpq-dev postgresql nodejs npm)
installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" && return 0
  # A Node.js from elsewhere (e.g. NodeSource's nodejs, which bundles npm) will do.
  case "$1" in
    nodejs) command -v node >/dev/null ;;
    npm) command -v npm >/dev/null ;;
    *) return 1 ;;
  esac
}
missing=()
for package in "${packages[@]}"; do
  installed "$package" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  new_postgresql=0 clusters_before=""
  if [[ " ${missing[*]} " == *" postgresql "* ]]; then
    new_postgresql=1
    clusters_before=$(pg_lsclusters -h 2>/dev/null | awk '{print $1 "/" $2}' || true)
    # Debian's postgresql creates and starts a cluster "main" on port 5432 when installed; the
    # tests start their own private clusters, so keep it from doing that. Written before the
    # install, createcluster.conf is kept (ucf keeps an existing file in non-interactive mode);
    # the createcluster.d drop-in (read through the default file's include_dir) covers the case
    # where it is replaced, and the one where postgresql-common is there already.
    $sudo mkdir -p /etc/postgresql-common/createcluster.d
    if ! dpkg-query -W -f='${Status}' postgresql-common 2>/dev/null | grep -q "install ok installed"; then
      echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.conf >/dev/null
    fi
    echo "create_main_cluster = false" |
      $sudo tee /etc/postgresql-common/createcluster.d/50-schemac.conf >/dev/null
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Belt and braces: if this install created a main cluster anyway, stop and drop it (only one
  # that did not exist before).
  if ((new_postgresql)) && command -v pg_lsclusters >/dev/null; then
    pg_lsclusters -h 2>/dev/null | while read -r version cluster _; do
      [ "$cluster" = main ] || continue
      grep -qx "$version/main" <<<"$clusters_before" && continue
      echo "setup: dropping the default cluster $version/main the postgresql package created"
      $sudo pg_dropcluster --stop "$version" main || true
    done
  fi
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
# The PGlite engine (PostgreSQL 18 with pgvector and citext, npm packages) next to schemac, where
# it looks for it: the dev database for schemas whose extensions Debian's PostgreSQL lacks.
"$root/tools/pg/pglite.sh" install "$build/npm"
echo "setup: built $build/schemac"
