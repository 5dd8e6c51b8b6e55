#!/usr/bin/env bash
# Benchmarks introspection of a live PostgreSQL: `schemac pull --json` and `schemac pull` on the
# synthetic schema of N tables (schemac_gen N --sql, loaded after backends/postgres/supabase_env.sql),
# and, on the same databases, the npm peers that read a whole schema: drizzle-kit pull,
# kysely-codegen and migra (an empty database diffed against the N-table one).
#   tools/bench/bench_introspect.sh [N...]        (default: 1000 10000)
# Builds a Release tree in build-release/ (like bench_check.sh), installs the peers of
# tools/bench/peers/package.json into build-release/bench-npm, starts a private cluster with
# tools/pg/cluster.sh (stopped on exit), then prints three Markdown tables: wall time (hyperfine -N),
# the statements each tool sends, counted on the server (log_statement = all), and introspection
# alone (connect + pg::Introspect, no printing; schemac_introspect_timer, 20 runs in a row).
# Environment:
#   BENCH_PEERS_MAX_N=K   time the peers only for N <= K (default: every N)
#   BENCH_DRIZZLE_MAX_N=K drizzle-kit only for N <= K (default 1000: its pull of 1,000 tables
#                         takes about 10 minutes here; it grows faster than linearly)
#   BENCH_BUDGET=S        seconds of timed runs aimed at per command (default 60): a command
#                         whose first run takes T gets clamp(S / T, 3, 10) hyperfine runs
#                         (schemac: at least 10 unless one run exceeds 2 s); a command whose
#                         first run exceeds 120 s is reported from that one run
#   BENCH_SERVER=N        PostgreSQL major version of the cluster (default: unset, the highest
#                         Debian server in /usr/lib/postgresql, 15 here): Debian's binaries when
#                         /usr/lib/postgresql/N/bin has them (15), else npm's native server
#                         (17, 18), installed with tools/pg/servers.sh into build-release/pg-servers;
#                         the binaries are passed to tools/pg/cluster.sh start. The output starts
#                         with the server's `select version()` and its bin directory.
# The first run of each command is the one whose statements are counted (and the probe for the
# number of runs); hyperfine's runs come after it, with 2 warm-up runs (none above 10 s a run).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$root/build-release
budget=${BENCH_BUDGET:-60}
peers_max_n=${BENCH_PEERS_MAX_N:-}
drizzle_max_n=${BENCH_DRIZZLE_MAX_N:-1000}
sizes=("$@")
((${#sizes[@]})) || sizes=(1000 10000)

# shellcheck source=tools/bench/common.sh
source "$root/tools/bench/common.sh"
bench_install_needs
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target schemac schemac_gen schemac_introspect_timer >/dev/null

# The peers, pinned in tools/bench/peers/package.json (npm install is a no-op when up to date).
npm_dir=$build/bench-npm
bench_install_peers "$npm_dir"
bin=$npm_dir/node_modules/.bin

bench_start_cluster "$build/pg-servers"
log=$work/pg/postgres.log
echo "server: $server_version ($server_bindir)" >&2
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# The empty side of migra's diff: the Supabase environment and nothing else.
q "$url" -c "create database bench_empty" >/dev/null
q -f "$root/backends/postgres/supabase_env.sql" "$base/bench_empty" >/dev/null 2>&1

# mean and stddev in ms, and the number of runs, from a hyperfine JSON export.
summary() {
  python3 -c "import json,sys;r=json.load(open(sys.argv[1]))['results'][0];print(f\"{r['mean']*1000:.1f} {(r['stddev'] or 0)*1000:.1f} {len(r['times'])}\")" "$1"
}

# Runs a command once with every statement of the databases logged; prints how many statements
# reached the server, how many of them were not transaction control (BEGIN/COMMIT/SET...), the
# wall time of that run in ms, and its exit status.
count_statements() {
  local db=$1 start total other t0 t1 status=0
  shift
  q "$url" -c "alter database $db set log_statement = 'all'" \
    -c "alter database bench_empty set log_statement = 'all'" >/dev/null
  start=$(wc -l <"$log")
  t0=$(date +%s%N)
  "$@" >/dev/null 2>"$work/err" || status=$?
  t1=$(date +%s%N)
  sleep 0.2
  q "$url" -c "alter database $db reset log_statement" \
    -c "alter database bench_empty reset log_statement" >/dev/null
  # One line per statement: "... LOG:  statement: SQL" (simple protocol) or
  # "... LOG:  execute NAME: SQL" (extended protocol); continuation lines carry no LOG: prefix.
  tail -n "+$((start + 1))" "$log" | grep -E ' LOG:  (statement|execute [^:]*):' |
    grep -v -E "alter database .* log_statement" >"$work/statements" || true
  total=$(wc -l <"$work/statements")
  other=$(grep -c -v -i -E ':\s*(begin|commit|rollback|end|start transaction|set|reset|show|discard|deallocate)\b' \
    "$work/statements" || true)
  echo "$total $other $(((t1 - t0) / 1000000)) $status"
}

# Times one command whose first run took SINGLE ms; prints "mean stddev runs" or "failed".
time_cmd() {
  local min_runs=$1 single=$2 runs warmup
  shift 2
  if ((single > 120000)); then
    echo "$single - 1"
    return
  fi
  runs=$((budget * 1000 / (single + 1)))
  ((runs > 10)) && runs=10
  ((runs < 3)) && runs=3
  warmup=2
  ((single > 10000)) && warmup=0
  ((runs < min_runs)) && ((single <= 2000)) && runs=$min_runs
  hyperfine -N --warmup "$warmup" --min-runs "$runs" --max-runs "$runs" \
    --export-json "$work/h.json" "$(printf '%q ' "$@")" >/dev/null 2>"$work/err" ||
    { echo "failed: $* ($(tail -n 3 "$work/err" | tr '\n' ' '))" >&2; echo failed; return; }
  summary "$work/h.json"
}

rows=()
counts=()
alone=()
for n in "${sizes[@]}"; do
  db=bench_$n
  q "$url" -c "create database $db" >/dev/null
  q -f "$root/backends/postgres/supabase_env.sql" "$base/$db" >/dev/null 2>&1
  "$build/schemac_gen" "$n" --sql >"$work/s$n.sql"
  # Statement by statement: one transaction of 10,000 tables needs more lock slots than the
  # default max_locks_per_transaction gives (the file loads with -1 at 1,000 tables).
  q -f "$work/s$n.sql" "$base/$db" >/dev/null
  q "$base/$db" -c "analyze" >/dev/null
  db_url=$base/$db
  read -r min median mean max < <("$build/schemac_introspect_timer" "$db_url" 20)
  alone+=("| $n | 20 | $min ms | $median ms | $mean ms | $max ms |")
  echo "done: N=$n introspection alone: min $min, median $median, mean $mean, max $max ms" >&2
  mkdir -p "$work/drizzle$n"
  names=("schemac pull --json" "schemac pull")
  cmds=("$build/schemac pull --db $db_url --json" "$build/schemac pull --db $db_url")
  if [ -z "$peers_max_n" ] || ((n <= peers_max_n)); then
    if ((n <= drizzle_max_n)); then
      names+=("drizzle-kit pull")
      cmds+=("$bin/drizzle-kit pull --dialect postgresql --url $db_url --out $work/drizzle$n")
    fi
    names+=("kysely-codegen" "migra (empty vs N)")
    cmds+=("$bin/kysely-codegen --dialect postgres --url $db_url --out-file $work/kysely$n.ts"
      "$bin/migra run $base/bench_empty $db_url --unsafe")
  fi
  results=()
  base_mean=""
  for i in "${!cmds[@]}"; do
    read -ra argv <<<"${cmds[$i]}"
    read -r total other single status < <(count_statements "$db" "${argv[@]}")
    counts+=("| $n | \`${names[$i]}\` | $total | $other |")
    if ((status != 0)); then
      echo "failed (exit $status): ${names[$i]}: $(tail -n 3 "$work/err" | tr '\n' ' ')" >&2
      result=failed
    else
      min_runs=3
      [[ ${names[$i]} == schemac* ]] && min_runs=10
      result=$(time_cmd "$min_runs" "$single" "${argv[@]}")
    fi
    results+=("$result")
    [ "${names[$i]}" = "schemac pull" ] && [ "$result" != failed ] && base_mean=${result%% *}
    echo "done: N=$n ${names[$i]}: $result (mean ms, stddev ms, runs)" >&2
  done
  for i in "${!cmds[@]}"; do
    if [ "${results[$i]}" = failed ]; then
      rows+=("| $n | \`${names[$i]}\` | - | failed | | |")
      continue
    fi
    read -r mean stddev runs <<<"${results[$i]}"
    ratio=$(python3 -c "import sys;b=sys.argv[2];print(f'{float(sys.argv[1])/float(b):.2f}×' if b else '')" "$mean" "$base_mean")
    sd="${stddev} ms"
    [ "$stddev" = - ] && sd="n/a"
    rows+=("| $n | \`${names[$i]}\` | $runs | ${mean} ms | $sd | $ratio |")
  done
  q "$url" -c "drop database $db" >/dev/null
done

echo "Server: $server_version ($server_bindir)"
echo
echo "| N tables | tool | runs | mean wall | stddev | ratio to \`schemac pull\` |"
echo "|---:|---|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "| N tables | tool | statements received by the server | of which not BEGIN/COMMIT/SET/SHOW |"
echo "|---:|---|---:|---:|"
printf '%s\n' "${counts[@]}"
echo
echo "| N tables | runs | min | median | mean | max |"
echo "|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${alone[@]}"
