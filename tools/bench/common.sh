# Shared by the benchmark scripts (sourced).

# Installs with apt-get what the benchmarks need and is missing: the build's packages (as
# tools/setup.sh installs them), the PostgreSQL server and client, hyperfine, Node.js and npm for
# the peers, and the extra packages given as arguments.
bench_install_needs() {
  local need=() package tool
  for package in g++ cmake ninja-build pkg-config tao-pegtl-dev libpqxx-dev libfmt-dev \
    nlohmann-json3-dev libcli11-dev libpq-dev "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || need+=("$package")
  done
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
  command -v psql >/dev/null || need+=(postgresql-client)
  for tool in hyperfine python3 node npm; do
    command -v "$tool" >/dev/null || need+=("${tool/node/nodejs}")
  done
  ((${#need[@]})) || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  # As tools/setup.sh does: no default cluster on port 5432 when the server package comes in.
  $sudo mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" |
    $sudo tee /etc/postgresql-common/createcluster.d/50-schemac.conf >/dev/null
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

# npm-installs the peers pinned in tools/bench/peers/package.json into $1 (a no-op when up to
# date).
bench_install_peers() {
  local npm_dir=$1
  mkdir -p "$npm_dir"
  cmp -s "$root/tools/bench/peers/package.json" "$npm_dir/package.json" ||
    cp "$root/tools/bench/peers/package.json" "$npm_dir/package.json"
  npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error >/dev/null
}

# The server binaries for BENCH_SERVER=N (a PostgreSQL major version), printed: nothing when
# BENCH_SERVER is unset (tools/pg/cluster.sh then picks Debian's, as before); Debian's
# /usr/lib/postgresql/N/bin when it has a server (15 here); else npm's native server of that
# version, installed with tools/pg/servers.sh into PREFIX ($1, e.g. $build/pg-servers; a no-op
# when already there).
bench_server_bindir() {
  local prefix=$1 major=${BENCH_SERVER:-}
  [ -n "$major" ] || return 0
  [[ $major =~ ^[0-9]+$ ]] || { echo "bench: BENCH_SERVER=$major is not a major version" >&2; return 1; }
  if [ -x "/usr/lib/postgresql/$major/bin/postgres" ]; then
    echo "/usr/lib/postgresql/$major/bin"
    return 0
  fi
  "$root/tools/pg/servers.sh" install "$prefix" "$major" >&2 || return 1
  "$root/tools/pg/servers.sh" bindir "$prefix" "$major"
}

# Makes a work directory ($work) and starts a private cluster in it (tools/pg/cluster.sh), of
# BENCH_SERVER's version when set (see bench_server_bindir; npm's servers go into PREFIX, $1):
# sets $url (its postgres database), $base (the URL without the database), $server_bindir (the
# server binaries used) and $server_version (`select version()`). The work directory and the
# cluster are removed on exit, also on INT and TERM.
bench_start_cluster() {
  local bindir
  bindir=$(bench_server_bindir "${1:-${build:-$root}/pg-servers}") || exit 1
  work=$(mktemp -d)
  chmod 0755 "$work"
  trap '"$root/tools/pg/cluster.sh" stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  trap 'exit 130' INT TERM
  url=$("$root/tools/pg/cluster.sh" start "$work/pg" ${bindir:+"$bindir"})
  base=${url%/*}
  server_bindir=$(cat "$work/pg/bindir")
  server_version=$(psql -X -A -t -v ON_ERROR_STOP=1 "$url" -c "select version()")
}
