#!/usr/bin/env bash
# PGlite (PostgreSQL 18 in WASM, with pgvector) over the wire protocol, for the integration tests.
#   tools/pg/pglite.sh install PREFIX     npm-install the PGlite packages into PREFIX (if missing)
#   tools/pg/pglite.sh start DIR PREFIX   serve it on a free 127.0.0.1 port in the background;
#                                         writes DIR/pglite.pid and DIR/pglite_url (and prints it)
#   tools/pg/pglite.sh stop DIR           stop it
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
packages=(@electric-sql/pglite @electric-sql/pglite-pgvector @electric-sql/pglite-socket)

die() { echo "pglite.sh: $*" >&2; exit 1; }

install() {
  local prefix=$1 missing=0 package
  [ -n "$prefix" ] || die "usage: pglite.sh install PREFIX"
  for package in "${packages[@]}"; do
    [ -f "$prefix/node_modules/$package/package.json" ] || missing=1
  done
  ((missing)) || return 0
  command -v npm >/dev/null || die "npm is missing (tools/setup.sh installs it)"
  mkdir -p "$prefix"
  echo "pglite.sh: installing ${packages[*]} into $prefix" >&2
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "${packages[@]}" >/dev/null ||
    die "npm install failed"
}

# shellcheck source=tools/pg/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

start() {
  local dir=$1 prefix=$2
  [ -n "$dir" ] && [ -n "$prefix" ] || die "usage: pglite.sh start DIR PREFIX"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  prefix=$(cd "$prefix" && pwd)
  for package in "${packages[@]}"; do
    [ -f "$prefix/node_modules/$package/package.json" ] ||
      die "$package is not installed in $prefix (pglite.sh install $prefix)"
  done
  if [ -f "$dir/pglite.pid" ] && alive "$(cat "$dir/pglite.pid")"; then
    die "already running (pid $(cat "$dir/pglite.pid"))"
  fi
  local port attempt pid url deadline
  for ((attempt = 1; attempt <= 3; attempt++)); do
    port=$(pick_port)
    # setsid: its own process group, so a Ctrl-C in the terminal reaches only our trap, and
    # stop can take the whole group down.
    setsid node "$here/pglite_server.mjs" "$prefix" "$port" 127.0.0.1 \
      </dev/null >"$dir/pglite.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/pglite.pid"
    url="postgresql://postgres@127.0.0.1:$port/postgres?sslmode=disable"
    deadline=$((SECONDS + 60))
    while ((SECONDS < deadline)); do
      alive "$pid" || break
      if PGCONNECT_TIMEOUT=5 timeout 10 psql "$url" -XAtqc 'select 1' >/dev/null 2>&1; then
        echo "$url" >"$dir/pglite_url"
        echo "$url"
        return 0
      fi
      sleep 0.5
    done
    if ! alive "$pid" && grep -q "EADDRINUSE" "$dir/pglite.log" 2>/dev/null; then
      echo "pglite.sh: port $port was taken, retrying" >&2
      continue
    fi
    tail -n 30 "$dir/pglite.log" >&2 || true
    stop "$dir"
    die "PGlite did not accept connections within 60 s"
  done
  die "could not start on a free port"
}

stop() {
  local dir=$1 pid waited
  [ -n "$dir" ] || die "usage: pglite.sh stop DIR"
  [ -f "$dir/pglite.pid" ] || return 0
  pid=$(cat "$dir/pglite.pid")
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((waited = 0; waited < 50; waited++)); do
      alive "$pid" || break
      sleep 0.1
    done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/pglite.pid" "$dir/pglite_url"
}

case "${1:-}" in
  install) install "${2:-}" ;;
  start) start "${2:-}" "${3:-}" ;;
  stop) stop "${2:-}" ;;
  *) die "usage: pglite.sh install PREFIX | start DIR PREFIX | stop DIR" ;;
esac
