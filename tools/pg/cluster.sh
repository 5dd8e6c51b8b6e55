#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster for the integration tests.
#   tools/pg/cluster.sh start DIR [BINDIR]  initdb into DIR/data, start it on a free 127.0.0.1
#                                   port; writes DIR/url (and prints it), DIR/bindir, DIR/port
#   tools/pg/cluster.sh stop DIR    stop it (fast), make sure no process of it is left, remove DIR
# Uses BINDIR's server binaries, by default Debian's (/usr/lib/postgresql/VERSION/bin, the
# highest VERSION >= 15). A BINDIR with its own libraries next to it (BINDIR/../lib/libpq.so.5,
# as the npm servers of tools/pg/servers.sh have) runs with LD_LIBRARY_PATH=BINDIR/../lib.
# As root, PostgreSQL runs as the unprivileged system user $SCHEMAC_PG_USER (default schemac-pg),
# created on first use.
set -euo pipefail

pg_user=${SCHEMAC_PG_USER:-schemac-pg}

die() { echo "cluster.sh: $*" >&2; exit 1; }

# Highest /usr/lib/postgresql/N/bin with N >= 15 that has the server binaries.
find_bindir() {
  local best="" best_version=0 dir version
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] || continue
    version=$(basename "$(dirname "$dir")")
    [[ $version =~ ^[0-9]+$ ]] || continue
    if ((version >= 15 && version > best_version)); then
      best=$dir best_version=$version
    fi
  done
  [ -n "$best" ] || die "no PostgreSQL >= 15 server binaries in /usr/lib/postgresql/*/bin (install the postgresql package: tools/setup.sh)"
  echo "$best"
}

as_root() { [ "$(id -u)" -eq 0 ]; }

# The server's own libraries, if it has them (set by use_bindir).
libdir=""
use_bindir() {
  local bindir=$1
  [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] && [ -x "$bindir/postgres" ] ||
    die "$bindir has no initdb, pg_ctl and postgres"
  libdir=""
  if [ -e "$bindir/../lib/libpq.so.5" ]; then libdir=$(cd "$bindir/../lib" && pwd); fi
}

# Runs a command as the cluster's owner (the unprivileged user when we are root).
run_pg() {
  local env=()
  [ -z "$libdir" ] || env=(env "LD_LIBRARY_PATH=$libdir")
  if as_root; then
    runuser -u "$pg_user" -- "${env[@]}" "$@"
  else
    "${env[@]}" "$@"
  fi
}

ensure_user() {
  as_root || return 0
  id -u "$pg_user" >/dev/null 2>&1 && return 0
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$pg_user" 2>/dev/null ||
    id -u "$pg_user" >/dev/null 2>&1 || # created concurrently by another run
    die "could not create the system user $pg_user"
}

# Makes DIR's ancestors traversable by the cluster's user (a mktemp -d dir is 0700).
make_traversable() {
  as_root || return 0
  local dir=$1
  while [ "$dir" != / ] && [ -n "$dir" ]; do
    dir=$(dirname "$dir")
    if ! runuser -u "$pg_user" -- test -x "$dir"; then
      chmod o+x "$dir"
    fi
  done
}

# shellcheck source=tools/pg/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

start() {
  local dir=$1 bindir=${2:-}
  [ -n "$dir" ] || die "usage: cluster.sh start DIR [BINDIR]"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ ! -e "$dir/data" ] || die "$dir/data exists already (stop that cluster first)"
  [ -n "$bindir" ] || bindir=$(find_bindir)
  bindir=$(cd "$bindir" && pwd) || die "no directory $bindir"
  use_bindir "$bindir"
  echo "$bindir" >"$dir/bindir"
  ensure_user
  if as_root; then
    chown "$pg_user:" "$dir"
    chmod 0700 "$dir"
    make_traversable "$dir"
    make_traversable "$bindir/postgres"
  fi

  run_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  # Every role is trusted except schemac_pw_user: it must give its password, so
  # tests can check what a wrong password does.
  { echo "host all schemac_pw_user 127.0.0.1/32 scram-sha-256"; cat "$dir/data/pg_hba.conf"; } |
    run_pg tee "$dir/data/pg_hba.conf.new" >/dev/null
  run_pg mv "$dir/data/pg_hba.conf.new" "$dir/data/pg_hba.conf"

  local port attempt
  for ((attempt = 1; attempt <= 5; attempt++)); do
    port=$(pick_port)
    # Later settings in postgresql.conf override earlier ones: rewrite our block on each attempt.
    run_pg cp "$dir/data/postgresql.conf.orig" "$dir/data/postgresql.conf" 2>/dev/null ||
      run_pg cp "$dir/data/postgresql.conf" "$dir/data/postgresql.conf.orig"
    run_pg tee -a "$dir/data/postgresql.conf" >/dev/null <<EOF

# schemac test cluster (tools/pg/cluster.sh)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = logical
max_wal_senders = 10
max_replication_slots = 10
logging_collector = off
EOF
    if run_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null; then
      local url="postgresql://postgres@127.0.0.1:$port/postgres"
      echo "$url" >"$dir/url"
      echo "$port" >"$dir/port"
      head -n1 "$dir/data/postmaster.pid" >"$dir/postmaster.pid"
      echo "$url"
      return 0
    fi
    # Someone took the port between the check and the start: try another one.
    if grep -qE "could not (bind|create listen)|Address already in use" "$dir/postgres.log" 2>/dev/null; then
      echo "cluster.sh: port $port was taken, retrying" >&2
      stop_processes "$dir"
      continue
    fi
    tail -n 30 "$dir/postgres.log" >&2 || true
    stop_processes "$dir"
    die "pg_ctl start failed"
  done
  die "could not start on a free port after $((attempt - 1)) attempts"
}

# Stops the cluster in DIR and makes sure none of its processes is left (leaves DIR in place).
stop_processes() {
  local dir=$1 bindir pid
  bindir=$(cat "$dir/bindir" 2>/dev/null || find_bindir 2>/dev/null || true)
  if [ -n "$bindir" ] && [ -x "$bindir/pg_ctl" ]; then use_bindir "$bindir"; else bindir=""; fi
  pid=$(head -n1 "$dir/data/postmaster.pid" 2>/dev/null || cat "$dir/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && alive "$pid" && [ -n "$bindir" ] && [ -d "$dir/data" ]; then
    run_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
  # pg_ctl can be fooled (zombie postmaster, stale pid file): check the processes themselves.
  local candidates=() p
  [ -n "$pid" ] && candidates+=("$pid")
  if [ -n "$pid" ]; then
    while read -r p; do [ -n "$p" ] && candidates+=("$p"); done < <(pgrep -P "$pid" 2>/dev/null || true)
  fi
  while read -r p; do [ -n "$p" ] && candidates+=("$p"); done \
    < <(pgrep -f -- "-D $dir/data( |$)" 2>/dev/null || true)
  local signal waited
  for signal in TERM KILL; do
    local live=()
    for p in "${candidates[@]}"; do alive "$p" && live+=("$p"); done
    ((${#live[@]})) || break
    kill "-$signal" "${live[@]}" 2>/dev/null || true
    for ((waited = 0; waited < 50; waited++)); do
      local any=0
      for p in "${live[@]}"; do alive "$p" && any=1; done
      ((any)) || break
      sleep 0.1
    done
  done
  for p in "${candidates[@]}"; do
    alive "$p" && echo "cluster.sh: process $p of $dir is still running" >&2
  done
  return 0
}

stop() {
  local dir=$1
  [ -n "$dir" ] || die "usage: cluster.sh stop DIR"
  [ -d "$dir" ] || return 0
  dir=$(cd "$dir" && pwd)
  stop_processes "$dir"
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" "${3:-}" ;;
  stop) stop "${2:-}" ;;
  bindir) find_bindir ;;
  *) die "usage: cluster.sh start DIR [BINDIR] | stop DIR | bindir" ;;
esac
