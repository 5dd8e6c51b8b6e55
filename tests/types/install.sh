#!/usr/bin/env bash
# Installs tests/types/package.json (tsc, supabase-js, Supabase's type generator) into the npm
# prefix PREFIX, again only when package.json changed (PREFIX/installed.json marks a finished
# install). Used by tools/test.sh and tools/bench/bench_types.sh.
#   tests/types/install.sh PREFIX
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prefix=${1:?usage: tests/types/install.sh PREFIX}
cmp -s "$here/package.json" "$prefix/installed.json" && exit 0
echo "install.sh: installing tests/types/package.json into $prefix" >&2
mkdir -p "$prefix"
cp "$here/package.json" "$prefix/package.json"
npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error >/dev/null
cp "$here/package.json" "$prefix/installed.json"
