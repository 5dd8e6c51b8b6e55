#!/usr/bin/env bash
# Compares two commits of schemac on the same machine, their runs alternated (old, new, old, new,
# ...), so that a drift in the machine's load or clock affects both alike:
#   tools/bench/bench_versions.sh OLD NEW [RUNS]     (commits or branches; RUNS default 15)
# Each commit is exported with `git archive` and built as a Release tree in
# build-bench-versions/<commit>/ (kept, so a second run only re-runs). Then, on 1,000 tables
# (schemac_gen 1000; B with 5% of its tables changed, as tools/bench/bench_diff.sh):
#   check   `schemac check --quiet` of the schema file        (target < 50 ms)
#   types   `schemac types` of the same file                  (target < 30 ms)
#   diff    `schemac diff --from A --to B`, two live databases (target < 500 ms)
#   intro   introspection of A alone (schemac_introspect_timer URL 1) (target < 250 ms)
# and prints a Markdown table of each command's median and min per commit, with the ratio of new
# to old. The databases are on a private PostgreSQL cluster (tools/pg/cluster.sh), stopped on
# exit. Figures are printed, never asserted.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ $# -ge 2 ] || { echo "usage: $0 OLD NEW [RUNS]" >&2; exit 2; }
runs=${3:-15}
n=1000
percent=5
# shellcheck source=tools/bench/common.sh
source "$root/tools/bench/common.sh"
bench_install_needs

builds=()
labels=()
for rev in "$1" "$2"; do
  sha=$(git -C "$root" rev-parse --short "$rev^{commit}")
  dir=$root/build-bench-versions/$sha
  if [ ! -x "$dir/build/schemac" ]; then
    rm -rf "$dir/src"
    mkdir -p "$dir/src"
    git -C "$root" archive "$sha" | tar -x -C "$dir/src"
    cmake -S "$dir/src" -B "$dir/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$dir/build" --target schemac schemac_gen schemac_introspect_timer >/dev/null
  fi
  builds+=("$dir/build")
  labels+=("$sha")
done

bench_start_cluster "$root/build-bench-versions/pg-servers"
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
gen=${builds[1]}/schemac_gen
"$gen" "$n" >"$work/raw.schema"
"${builds[1]}/schemac" fmt --stdout "$work/raw.schema" >"$work/s.schema"
"$gen" "$n" --sql >"$work/a.sql"
"$gen" "$n" --sql --changed "$percent" >"$work/b.sql"
for db in a b; do
  q "$url" -c "create database bench_$db" >/dev/null
  q -f "$root/backends/postgres/supabase_env.sql" "$base/bench_$db" >/dev/null 2>&1
  q -f "$work/$db.sql" "$base/bench_$db" >/dev/null
  q "$base/bench_$db" -c "vacuum analyze" >/dev/null
done
a_url=$base/bench_a
b_url=$base/bench_b

# Milliseconds one run of the command takes; exit statuses 0 and 2 (changes found, from builds
# whose diff exited 2 without --exit-code) are success.
ms() {
  local start end status=0
  start=$(date +%s%N)
  "$@" >/dev/null 2>"$work/err" || status=$?
  end=$(date +%s%N)
  if ((status != 0 && status != 2)); then
    echo "bench_versions: failed ($status): $* ($(tail -n 2 "$work/err" | tr '\n' ' '))" >&2
    exit 1
  fi
  echo $(((end - start) / 1000))
}

commands=(check types diff intro)
run() {  # run BUILD COMMAND -> microseconds
  local b=$1
  case $2 in
    check) ms "$b/schemac" check --quiet "$work/s.schema" ;;
    types) ms "$b/schemac" types --schema "$work/s.schema" ;;
    diff) ms "$b/schemac" diff --from "$a_url" --to "$b_url" --allow-destructive ;;
    intro) "$b/schemac_introspect_timer" "$a_url" 1 | awk '{printf "%d\n", $2 * 1000}' ;;
  esac
}
# Warm-up: two runs of each, caches and the canonical cache filled, not counted.
for _ in 1 2; do
  for c in "${commands[@]}"; do for b in "${builds[@]}"; do run "$b" "$c" >/dev/null; done; done
done
declare -A times
for ((i = 0; i < runs; i++)); do
  for c in "${commands[@]}"; do
    for k in 0 1; do
      # Alternated, and the order flipped every other round.
      idx=$(((k + i) % 2))
      times[$c,$idx]+="$(run "${builds[$idx]}" "$c") "
    done
  done
done

echo "| command | ${labels[0]} median | ${labels[0]} min | ${labels[1]} median | ${labels[1]} min | new/old (median) |"
echo "|---|---:|---:|---:|---:|---:|"
for c in "${commands[@]}"; do
  python3 - "$c" "${times[$c,0]}" "${times[$c,1]}" <<'EOF'
import statistics, sys
name, old, new = sys.argv[1], [int(x) for x in sys.argv[2].split()], [int(x) for x in sys.argv[3].split()]
mo, mn = statistics.median(old) / 1000, statistics.median(new) / 1000
print(f"| {name} | {mo:.1f} ms | {min(old)/1000:.1f} ms | {mn:.1f} ms | {min(new)/1000:.1f} ms | {mn/mo:.2f} |")
EOF
done
echo "($runs runs each, alternated; $(nproc) cores; $server_version)"
