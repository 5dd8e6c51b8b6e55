#!/usr/bin/env bash
# What functions, views and triggers cost: the same commands on the synthetic schema of N tables
# without them and with them (schemac_gen N and schemac_gen N --objects: per 1,000 tables 200
# functions, 100 views and 200 triggers, the tables otherwise the same), timed in the same run,
# the two alternated, and the ratio of the medians (issue 21: a plan with them stays within 1.5x).
#   tools/bench/bench_objects.sh [N [ROUNDS]]       (default: 1000 tables, 11 rounds)
# Builds schemac, schemac_gen and schemac_introspect_timer in build-release/ (or BENCH_BUILD_DIR;
# configured as a Release tree when not configured yet, else with its own build type), starts a private PostgreSQL cluster with tools/pg/cluster.sh (stopped on
# exit), and for each variant (plain, objects) loads A (schemac_gen N [--objects] --sql) and B
# (the same with 5% of the tables changed, as tools/bench/bench_diff.sh) after
# backends/postgres/supabase_env.sql, plus one database with the Supabase environment only
# (EMPTY). The commands, per variant:
#   check       `schemac check --quiet S` (S: the schema file in fmt's layout)
#   intro       introspection of A alone (`schemac_introspect_timer A 1`: connect, read, disconnect)
#   diff        `schemac diff --from A --to B --allow-destructive`, two live databases
#   plan        `schemac plan --schema S --db A --dev-url DEV`: the database has the schema (no changes)
#   plan-empty  `schemac plan --schema S --db EMPTY --dev-url DEV`: everything to create
#   plan-cold   the first, with SCHEMAC_NO_CACHE=1: the schema is built on the dev database again
#               (BENCH_COLD_ROUNDS rounds, default 3; 0 leaves it out)
# The plans' canonical cache (XDG_CACHE_HOME) is filled by a first plan of each variant, which
# also checks that a plan against A finds nothing to do (--exit-code 0) and one against EMPTY
# something (2). DEV is the cluster's postgres database. Each round runs every command once
# per variant, in an order flipped every other round, after one warm-up round. Prints a Markdown
# table of the medians and minimums (ms, wall time of one process started from bash) and the
# ratio objects / plain of the medians. Figures are printed, never asserted.
# Environment: BENCH_BUILD_DIR=DIR (default build-release), BENCH_SOURCE_DIR=DIR (source tree
# built there, default this work tree), BENCH_COLD_ROUNDS=R, BENCH_SERVER=N (see common.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build-release}
source_dir=${BENCH_SOURCE_DIR:-$root}
n=${1:-1000}
rounds=${2:-11}
cold_rounds=${BENCH_COLD_ROUNDS:-3}
percent=5

# shellcheck source=tools/bench/common.sh
source "$root/tools/bench/common.sh"
bench_install_needs
# A tree already configured keeps its build type (printed with the figures); a directory that
# holds only the built files (schemac, libschemac_db.so, schemac_gen, schemac_introspect_timer,
# copied from a build of another commit) is used as it is.
if [ -f "$build/CMakeCache.txt" ] || [ ! -x "$build/schemac" ]; then
  [ -f "$build/CMakeCache.txt" ] ||
    cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
  cmake --build "$build" -j2 --target schemac schemac_gen schemac_introspect_timer >/dev/null
else
  build_type="prebuilt ($build)"
fi
schemac=$build/schemac

bench_start_cluster "$build/pg-servers"
export XDG_CACHE_HOME=$work/cache
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
log() { echo "bench_objects: $*" >&2; }
log "server: $server_version ($server_bindir)"
dev_url=$url

variants=(plain objects)
flag() { [ "$1" = objects ] && echo --objects || true; }
load() {  # load DB [SQL]
  q "$url" -c "create database $1" >/dev/null
  q -f "$root/backends/postgres/supabase_env.sql" "$base/$1" >/dev/null 2>&1
  # Statement by statement (no -1): one transaction of many tables runs out of lock slots.
  [ -z "${2:-}" ] || q -f "$2" "$base/$1" >/dev/null
  # Vacuum too, catalogs included: else autovacuum works on them during the timed runs.
  q "$base/$1" -c "vacuum analyze" >/dev/null
}
t0=$(date +%s)
for v in "${variants[@]}"; do
  # shellcheck disable=SC2046
  "$build/schemac_gen" "$n" $(flag "$v") >"$work/raw_$v.schema"
  "$schemac" fmt --stdout "$work/raw_$v.schema" >"$work/$v.schema"
  # shellcheck disable=SC2046
  "$build/schemac_gen" "$n" $(flag "$v") --sql >"$work/${v}_a.sql"
  # shellcheck disable=SC2046
  "$build/schemac_gen" "$n" $(flag "$v") --sql --changed "$percent" >"$work/${v}_b.sql"
  load "${v}_a" "$work/${v}_a.sql" &
  pid_a=$!
  load "${v}_b" "$work/${v}_b.sql" &
  pid_b=$!
  wait "$pid_a" || { log "loading ${v}_a failed"; exit 1; }
  wait "$pid_b" || { log "loading ${v}_b failed"; exit 1; }
done
load empty
q "$url" -c "checkpoint" >/dev/null
log "loaded ($n tables) in $(($(date +%s) - t0)) s"
for v in "${variants[@]}"; do
  counts=$(q -A -t "$base/${v}_a" -c "select (select count(*) from pg_proc where pronamespace = 'public'::regnamespace), (select count(*) from pg_views where schemaname = 'public'), (select count(*) from pg_trigger t join pg_class c on c.oid = t.tgrelid where c.relnamespace = 'public'::regnamespace and not t.tgisinternal), (select count(*) from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r')")
  log "$v: functions|views|triggers|tables in public of A: $counts; schema file $(wc -c <"$work/$v.schema") bytes"
done

# First plans: fill the canonical cache and check what the plans find.
for v in "${variants[@]}"; do
  status=0
  "$schemac" plan --schema "$work/$v.schema" --db "$base/${v}_a" --dev-url "$dev_url" --exit-code \
    >"$work/plan_$v.txt" 2>"$work/err" || status=$?
  ((status == 0)) || { log "plan of $v against A exited $status (0 expected): $(head -c 400 "$work/plan_$v.txt") $(tail -n 3 "$work/err")"; exit 1; }
  status=0
  "$schemac" plan --schema "$work/$v.schema" --db "$base/empty" --dev-url "$dev_url" --exit-code \
    >"$work/plan_empty_$v.txt" 2>"$work/err" || status=$?
  ((status == 2)) || { log "plan of $v against EMPTY exited $status (2 expected): $(tail -n 3 "$work/err")"; exit 1; }
  log "$v: plan against A: $(tail -n 1 "$work/plan_$v.txt"); against EMPTY: $(grep -E '^[0-9]+ to add' "$work/plan_empty_$v.txt")"
done

# Microseconds one run of the command takes; exit statuses 0 and 2 are success.
us() {
  local start end status=0
  start=$(date +%s%N)
  "$@" >/dev/null 2>"$work/err" || status=$?
  end=$(date +%s%N)
  if ((status != 0 && status != 2)); then
    log "failed ($status): $* ($(tail -n 2 "$work/err" | tr '\n' ' '))"
    exit 1
  fi
  echo $(((end - start) / 1000))
}

run() {  # run VARIANT COMMAND -> microseconds
  local v=$1 s=$work/$1.schema a=$base/${1}_a
  case $2 in
    check) us "$schemac" check --quiet "$s" ;;
    intro) "$build/schemac_introspect_timer" "$a" 1 | awk '{printf "%d\n", $2 * 1000}' ;;
    diff) us "$schemac" diff --from "$a" --to "$base/${v}_b" --allow-destructive ;;
    plan) us "$schemac" plan --schema "$s" --db "$a" --dev-url "$dev_url" ;;
    plan-empty) us "$schemac" plan --schema "$s" --db "$base/empty" --dev-url "$dev_url" ;;
    plan-cold) SCHEMAC_NO_CACHE=1 us "$schemac" plan --schema "$s" --db "$a" --dev-url "$dev_url" ;;
  esac
}

commands=(check intro diff plan plan-empty)
for c in "${commands[@]}"; do for v in "${variants[@]}"; do run "$v" "$c" >/dev/null; done; done
declare -A times
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(date +%s)
for ((i = 0; i < rounds; i++)); do
  for c in "${commands[@]}"; do
    for k in 0 1; do
      idx=$(((k + i) % 2))
      times[$c,$idx]+="$(run "${variants[$idx]}" "$c") "
    done
  done
done
if ((cold_rounds > 0)); then
  commands+=(plan-cold)
  for ((i = 0; i < cold_rounds; i++)); do
    for k in 0 1; do
      idx=$(((k + i) % 2))
      times[plan-cold,$idx]+="$(run "${variants[$idx]}" plan-cold) "
    done
  done
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
log "timed runs took $(($(date +%s) - t0)) s"

echo "| command | plain median | plain min | objects median | objects min | objects / plain (medians) |"
echo "|---|---:|---:|---:|---:|---:|"
for c in "${commands[@]}"; do
  python3 - "$c" "${times[$c,0]}" "${times[$c,1]}" <<'EOF'
import statistics, sys
name, plain, objects = sys.argv[1], [int(x) for x in sys.argv[2].split()], [int(x) for x in sys.argv[3].split()]
mp, mo = statistics.median(plain) / 1000, statistics.median(objects) / 1000
print(f"| {name} | {mp:.1f} ms | {min(plain)/1000:.1f} ms | {mo:.1f} ms | {min(objects)/1000:.1f} ms | {mo/mp:.2f} |")
EOF
done
echo
echo "($rounds rounds, plan-cold $cold_rounds; $build_type build; $(nproc) cores; load average before $load_before, after $load_after; $server_version)"
