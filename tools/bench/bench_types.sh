#!/usr/bin/env bash
# Benchmarks `schemac types` on the synthetic schema of N tables (schemac_gen N): offline from the
# .schema file, and from a live database holding the same schema (schemac_gen N --sql, loaded
# after backends/postgres/supabase_env.sql); and, on that database in the same run, Supabase's
# generators: @supabase/postgrest-typegen (tests/types/supabase_types.mjs, the engine of
# `supabase gen types`) and the Supabase CLI (`supabase gen types typescript --remote=URL`).
#   tools/bench/bench_types.sh [N...]        (default: 1000)
# Builds a Release tree in build-release/, installs tests/types/package.json into
# build-release/types-npm and the peers of tools/bench/peers/package.json into
# build-release/bench-npm, starts a private cluster (stopped on exit), checks that the outputs
# agree (schemac from the file and from the database byte for byte; schemac and
# postgrest-typegen byte for byte once schemac's TSDoc comments are left out), then prints a
# Markdown table of wall times (hyperfine -N: schemac 20 runs, the peers 5, 2 warm-up runs each).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$root/build-release
sizes=("$@")
((${#sizes[@]})) || sizes=(1000)

# shellcheck source=tools/bench/common.sh
source "$root/tools/bench/common.sh"
bench_install_needs
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target schemac schemac_gen >/dev/null
bench_install_peers "$build/bench-npm"
types_npm=$build/types-npm
"$root/tests/types/install.sh" "$types_npm"

bench_start_cluster
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
schemac=$build/schemac
typegen=(node --no-deprecation "$root/tests/types/supabase_types.mjs" "$types_npm")
supabase=$build/bench-npm/node_modules/.bin/supabase

# mean and stddev in ms, and the number of runs, from a hyperfine JSON export.
summary() {
  python3 -c "import json,sys;r=json.load(open(sys.argv[1]))['results'][0];print(f\"{r['mean']*1000:.1f} {(r['stddev'] or 0)*1000:.1f} {len(r['times'])}\")" "$1"
}
# Times a command: RUNS then the command; prints "mean stddev runs".
time_cmd() {
  local runs=$1
  shift
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/h.json" "$(printf '%q ' "$@")" \
    >/dev/null 2>"$work/err" || { echo "failed: $* ($(tail -n 3 "$work/err" | tr '\n' ' '))" >&2; return 1; }
  summary "$work/h.json"
}

rows=()
for n in "${sizes[@]}"; do
  db=bench_$n
  db_url=$base/$db
  "$build/schemac_gen" "$n" >"$work/s$n.schema"
  "$build/schemac_gen" "$n" --sql >"$work/s$n.sql"
  q "$url" -c "create database $db" >/dev/null
  q -f "$root/backends/postgres/supabase_env.sql" "$db_url" >/dev/null 2>&1
  q -f "$work/s$n.sql" "$db_url" >/dev/null
  q "$db_url" -c "analyze" >/dev/null

  "$schemac" types --schema "$work/s$n.schema" >"$work/offline.ts"
  "$schemac" types --db "$db_url" >"$work/live.ts"
  "${typegen[@]}" "$db_url" public >"$work/typegen.ts"
  cmp -s "$work/offline.ts" "$work/live.ts" && same_bytes=yes || same_bytes=NO
  grep -v '^ *\(/\*\*\| \*\)' "$work/offline.ts" >"$work/offline.nodoc.ts"
  cmp -s "$work/offline.nodoc.ts" "$work/typegen.ts" && same_as_typegen=yes || same_as_typegen=NO
  echo "N=$n: from the file and from the database, same bytes: $same_bytes;" \
    "same bytes as postgrest-typegen without TSDoc: $same_as_typegen" >&2

  names=("schemac types --schema (offline)" "schemac types --db" "postgrest-typegen (node)"
    "supabase gen types --remote")
  results=()
  results+=("$(time_cmd 20 "$schemac" types --schema "$work/s$n.schema")")
  results+=("$(time_cmd 20 "$schemac" types --db "$db_url")")
  results+=("$(time_cmd 5 "${typegen[@]}" "$db_url" public)")
  results+=("$(time_cmd 5 "$supabase" gen types typescript "--remote=$db_url?sslmode=disable" --schema public)")
  read -r live_mean _ <<<"${results[1]}"
  for i in "${!names[@]}"; do
    read -r mean stddev runs <<<"${results[$i]}"
    ratio=$(python3 -c "import sys;print(f'{float(sys.argv[1])/float(sys.argv[2]):.1f}×')" "$mean" "$live_mean")
    rows+=("| $n | \`${names[$i]}\` | $runs | $mean ms | $stddev ms | $ratio |")
    echo "done: N=$n ${names[$i]}: $mean ms (σ $stddev, $runs runs)" >&2
  done
  q "$url" -c "drop database $db" >/dev/null
done

echo "| N tables | tool | runs | mean wall | stddev | ratio to \`schemac types --db\` |"
echo "|---:|---|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
