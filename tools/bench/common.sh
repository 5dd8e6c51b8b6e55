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

# Makes a work directory ($work) and starts a private cluster in it (tools/pg/cluster.sh):
# sets $url (its postgres database) and $base (the URL without the database). Both are removed
# on exit, also on INT and TERM.
bench_start_cluster() {
  work=$(mktemp -d)
  chmod 0755 "$work"
  trap '"$root/tools/pg/cluster.sh" stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  trap 'exit 130' INT TERM
  url=$("$root/tools/pg/cluster.sh" start "$work/pg")
  base=${url%/*}
}
