#!/usr/bin/env bash
# Benchmarks `schemac diff --from A --to B` between two live databases, against the npm peers that
# diff two live databases: migra (@pgkit/migra) and the Supabase CLI (`db diff --use-pg-delta`).
#   tools/bench/bench_diff.sh [N [PERCENT]]        (default: 1000 tables, 5% of them changed)
# A is the synthetic schema of N tables (schemac_gen N --sql, loaded after
# backends/postgres/supabase_env.sql); B is the same schema with PERCENT% of its tables changed
# (schemac_gen N --sql --changed PERCENT: per changed table a column added, a column's type changed,
# an index added, dropped or redefined, and a policy's USING changed).
# Builds a Release tree (schemac, schemac_gen, schemac_introspect_timer) in build-release-bench/,
# installs the peers pinned in tools/bench/peers/package.json into build-release-bench/bench-npm,
# starts a private PostgreSQL cluster with tools/pg/cluster.sh (stopped on exit), then:
#   1. times each diff with hyperfine -N (schemac's with --allow-destructive: B narrows some
#      columns' types, which diff refuses to plan without it) (schemac: 2 warm-up runs, then 10 runs; peers: see
#      BENCH_BUDGET), and schemac with no change at all (A against a copy of A) as the floor;
#   2. reads peak RSS with GNU time (-f %M): schemac over 5 runs, each peer on its first run;
#   3. times introspection alone of A and of B (schemac_introspect_timer, 10 runs each);
#   4. checks convergence: each tool's output is applied with `psql -v ON_ERROR_STOP=1 -f` to a
#      fresh copy of A (CREATE DATABASE ... TEMPLATE), then `schemac diff --from COPY --to B`
#      says whether it reached B (exit 0) and, when not, what remained (its --format text);
#      schemac's migration is applied a second time too (it must be idempotent);
# and prints Markdown tables. Figures are printed, never asserted: the script fails only when a
# step it needs (build, load, schemac's diff) fails.
# Environment:
#   BENCH_BUILD_DIR=DIR   build tree (default: build-release-bench)
#   BENCH_SOURCE_DIR=DIR  source tree built there (default: this repository's work tree), e.g. a
#                         `git archive` export of one commit while the work tree is being edited;
#                         the cluster script and the Supabase environment still come from here
#   BENCH_BUDGET=S        seconds of timed runs aimed at per peer (default 60): a peer whose first
#                         run takes T gets clamp(S / T, 3, 10) hyperfine runs (2 warm-up runs
#                         unless a run takes over 10 s); a peer whose first run exceeds 120 s is
#                         reported from that one run
#   BENCH_PEERS=LIST      peers to run, comma-separated from migra,supabase (default: both;
#                         empty: none)
#   BENCH_SCHEMAC_RUNS=R  hyperfine runs of schemac (default 10)
#   BENCH_SERVER=N        PostgreSQL major version of the cluster (default: unset, the highest
#                         Debian server in /usr/lib/postgresql, 15 here): Debian's binaries when
#                         /usr/lib/postgresql/N/bin has them (15), else npm's native server
#                         (17, 18), installed with tools/pg/servers.sh into BENCH_BUILD_DIR/pg-servers;
#                         the binaries are passed to tools/pg/cluster.sh start. The output starts
#                         with the server's `select version()` and its bin directory.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build-release-bench}
source_dir=${BENCH_SOURCE_DIR:-$root}
budget=${BENCH_BUDGET:-60}
peers=${BENCH_PEERS-migra,supabase}
schemac_runs=${BENCH_SCHEMAC_RUNS:-10}
n=${1:-1000}
percent=${2:-5}

# shellcheck source=tools/bench/common.sh
source "$root/tools/bench/common.sh"
bench_install_needs time
cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target schemac schemac_gen schemac_introspect_timer >/dev/null
schemac=$build/schemac

# The peers, pinned in tools/bench/peers/package.json (npm install is a no-op when up to date).
npm_dir=$build/bench-npm
bin=$npm_dir/node_modules/.bin
if [ -n "$peers" ]; then
  bench_install_peers "$npm_dir"
fi

bench_start_cluster "$build/pg-servers"
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
log() { echo "bench_diff: $*" >&2; }
log "server: $server_version ($server_bindir)"

# A and B, loaded side by side (two cores); A also copied untouched as the no-change floor.
"$build/schemac_gen" "$n" --sql >"$work/a.sql"
"$build/schemac_gen" "$n" --sql --changed "$percent" >"$work/b.sql"
load() {
  local db=$1 file=$2
  q "$url" -c "create database $db" >/dev/null
  q -f "$root/backends/postgres/supabase_env.sql" "$base/$db" >/dev/null 2>&1
  # Statement by statement (no -1): one transaction of many tables runs out of lock slots.
  q -f "$file" "$base/$db" >/dev/null
  # Vacuum too, catalogs included: else autovacuum works on them during the timed runs.
  q "$base/$db" -c "vacuum analyze" >/dev/null
}
t0=$(date +%s)
load bench_a "$work/a.sql" &
pid_a=$!
load bench_b "$work/b.sql" &
pid_b=$!
wait "$pid_a" || { log "loading A failed"; exit 1; }
wait "$pid_b" || { log "loading B failed"; exit 1; }
q "$url" -c "create database bench_a_same template bench_a" -c "checkpoint" >/dev/null
log "loaded A and B ($n tables, $percent% changed) in $(($(date +%s) - t0)) s"
a_url=$base/bench_a
b_url=$base/bench_b

# mean, stddev, min, max in ms and the number of runs, from a hyperfine JSON export.
summary() {
  python3 -c "import json,sys;r=json.load(open(sys.argv[1]))['results'][0];print(f\"{r['mean']*1000:.1f} {(r['stddev'] or 0)*1000:.1f} {r['min']*1000:.1f} {r['max']*1000:.1f} {len(r['times'])}\")" "$1"
}

# Runs a command once under GNU time; output to FILE; prints "wall_ms peak_rss_kib exit_status".
probe() {
  local out=$1 status=0
  shift
  timeout 900 /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$out" 2>"$work/err" || status=$?
  # GNU time writes "Command exited with non-zero status N" first when the command fails.
  read -r seconds rss < <(tail -n 1 "$work/time")
  python3 -c "import sys;print(round(float(sys.argv[1])*1000), sys.argv[2], sys.argv[3])" \
    "$seconds" "$rss" "$status"
}

# Times one command with hyperfine; prints "mean stddev min max runs" or "failed". Failures are
# ignored here: probe checked the status.
time_cmd() {
  local runs=$1 warmup=$2
  shift 2
  hyperfine -N -i --warmup "$warmup" --runs "$runs" --export-json "$work/h.json" \
    "$(printf '%q ' "$@")" >/dev/null 2>"$work/err" ||
    { log "hyperfine failed: $* ($(tail -n 3 "$work/err" | tr '\n' ' '))"; echo failed; return; }
  summary "$work/h.json"
}

# How a peer's first run of SINGLE ms sets its runs: "runs warmup", or "1 0" above 120 s.
peer_runs() {
  local single=$1 runs warmup=2
  ((single > 120000)) && { echo "1 0"; return; }
  runs=$((budget * 1000 / (single + 1)))
  ((runs > 10)) && runs=10
  ((runs < 3)) && runs=3
  ((single > 10000)) && warmup=0
  echo "$runs $warmup"
}

names=()
results=()
rss=()
outputs=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# schemac: the diff itself, then the no-change floor (A against a copy of A).
read -r single kib status < <(probe "$work/schemac.sql" "$schemac" diff --from "$a_url" --to "$b_url" --allow-destructive --exit-code)
if ((status != 2)); then
  log "schemac diff A -> B exited $status (2 expected): $(tail -n 5 "$work/err" | tr '\n' ' ')"
  exit 1
fi
log "schemac diff A -> B: first run $single ms, $kib KiB; $(grep -c '' "$work/schemac.sql") lines"
names+=("schemac diff --from A --to B")
results+=("$(time_cmd "$schemac_runs" 2 "$schemac" diff --from "$a_url" --to "$b_url" --allow-destructive)")
max_kib=0 kibs=()
for ((i = 0; i < 5; i++)); do
  read -r _ kib _ < <(probe /dev/null "$schemac" diff --from "$a_url" --to "$b_url" --allow-destructive)
  kibs+=("$kib")
  ((kib > max_kib)) && max_kib=$kib
done
rss+=("$max_kib (5 runs: ${kibs[*]})")
outputs+=("$work/schemac.sql")
log "schemac diff A -> B: ${results[-1]} (mean stddev min max ms, runs)"

read -r single kib status < <(probe "$work/same.sql" "$schemac" diff --from "$a_url" --to "$base/bench_a_same" --exit-code)
((status == 0)) || log "schemac diff A -> copy of A exited $status (0 expected)"
names+=("schemac diff --from A --to A' (no change)")
results+=("$(time_cmd "$schemac_runs" 2 "$schemac" diff --from "$a_url" --to "$base/bench_a_same")")
rss+=("$kib (1 run)")
outputs+=("")
log "schemac diff A -> copy of A: ${results[-1]}"

# The peers, on the same two databases. migra prints a pg-promise WARNING block on stdout (cut
# before applying); the Supabase CLI is given sslmode=disable, or it prints a notice on stdout
# about the connection without TLS.
peer_names=() peer_cmds=()
if [[ ,$peers, == *,migra,* ]]; then
  peer_names+=("migra run A B --unsafe")
  peer_cmds+=("$bin/migra run $a_url $b_url --unsafe")
fi
if [[ ,$peers, == *,supabase,* ]]; then
  peer_names+=("supabase db diff --use-pg-delta")
  peer_cmds+=("$bin/supabase db diff --from $a_url?sslmode=disable --to $b_url?sslmode=disable --use-pg-delta --schema public")
fi
peer_failed=()
for i in "${!peer_cmds[@]}"; do
  read -ra argv <<<"${peer_cmds[$i]}"
  out=$work/peer$i.sql
  # The Supabase CLI looks for a supabase/ folder upwards from its working directory: run it in
  # an empty one.
  read -r single kib status < <(cd "$work" && probe "$out" "${argv[@]}")
  names+=("${peer_names[$i]}")
  if ((status != 0)); then
    log "${peer_names[$i]} exited $status: $(tail -n 5 "$work/err" | tr '\n' ' ')"
    tail -n 5 "$work/err" >"$work/peer$i.error"
    results+=(failed)
    rss+=("-")
    outputs+=("")
    peer_failed+=("$i")
    continue
  fi
  case ${peer_names[$i]} in
    migra*) sed -i '/^WARNING: /,/^$/d' "$out" ;;
    supabase*) sed -i -E '/^(│|▲)/d' "$out" ;;
  esac
  read -r runs warmup < <(peer_runs "$single")
  if ((runs == 1)); then
    results+=("$single 0 $single $single 1")
  else
    results+=("$(cd "$work" && time_cmd "$runs" "$warmup" "${argv[@]}")")
  fi
  rss+=("$kib (first run)")
  outputs+=("$out")
  log "${peer_names[$i]}: first run $single ms, $kib KiB; ${results[-1]}"
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Introspection alone of each side (connect + introspect + disconnect), for where the time goes.
read -r a_min a_median a_mean a_max < <("$build/schemac_introspect_timer" "$a_url" 10)
read -r b_min b_median b_mean b_max < <("$build/schemac_introspect_timer" "$b_url" 10)

# Convergence: apply each output to a fresh copy of A, then ask schemac what is left.
converge() {
  local tag=$1 file=$2 db=bench_conv_$1 status=0 applied remained
  q "$url" -c "create database $db template bench_a" >/dev/null
  if q -f "$file" "$base/$db" >"$work/apply_$tag.out" 2>&1; then
    applied=yes
  else
    applied="no: $(grep -m1 -E 'ERROR' "$work/apply_$tag.out" | sed 's/^psql:[^ ]* //' | cut -c1-160)"
  fi
  if [ "$tag" = schemac ] && [ "$applied" = yes ]; then
    q -f "$file" "$base/$db" >"$work/apply_again.out" 2>&1 || applied="once; again: $(grep -m1 ERROR "$work/apply_again.out" | cut -c1-160)"
    [ "$applied" = yes ] && applied="yes, twice"
  fi
  "$schemac" diff --from "$base/$db" --to "$b_url" --format text --allow-destructive --exit-code \
    >"$work/left_$tag.txt" 2>"$work/left_$tag.err" || status=$?
  case $status in
    0) remained="yes (diff exit 0)" ;;
    2) remained="no: $(grep -v -E '^([0-9]+ to add|Index builds marked)' "$work/left_$tag.txt" | sed -E 's/ on public\.t[0-9]{5}//; s/public\.t[0-9]{5}/public.T/g; s/t[0-9]{5}_/T_/g; s/"//g' | sort | uniq -c | sort -rn | head -n 4 | sed -E 's/^ *([0-9]+) /\1× /' | tr '\n' ';' | sed 's/;$//; s/;/; /g') ($(grep -E '^[0-9]+ to add' "$work/left_$tag.txt"))" ;;
    *) remained="check failed (exit $status): $(tail -n 1 "$work/left_$tag.err")" ;;
  esac
  echo "$applied|$remained"
  q "$url" -c "drop database $db" >/dev/null
}
conv=()
for i in "${!names[@]}"; do
  [ -n "${outputs[$i]}" ] || { conv+=(""); continue; }
  tag=schemac
  [[ ${names[$i]} == schemac* ]] || tag=peer$i
  conv+=("$(converge "$tag" "${outputs[$i]}")")
  log "converged ${names[$i]}: ${conv[-1]}"
done

schemac_mean=${results[0]%% *}
fastest=""
for i in "${!names[@]}"; do
  [[ ${names[$i]} == schemac* ]] && continue
  [ "${results[$i]}" = failed ] && continue
  m=${results[$i]%% *}
  if [ -z "$fastest" ] || python3 -c "import sys;sys.exit(0 if float(sys.argv[1])<float(sys.argv[2]) else 1)" "$m" "$fastest"; then
    fastest=$m
  fi
done

echo "Server: $server_version ($server_bindir)"
echo
echo "| tool | runs | mean wall | stddev | min | max | peak RSS | ratio to \`schemac diff\` |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for i in "${!names[@]}"; do
  if [ "${results[$i]}" = failed ]; then
    echo "| \`${names[$i]}\` | - | failed | | | | | |"
    continue
  fi
  read -r mean stddev min max runs <<<"${results[$i]}"
  ratio=$(python3 -c "import sys;print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}×')" "$mean" "$schemac_mean")
  peak=$(python3 -c "import sys;print(f'{int(sys.argv[1])/1024:.0f} MiB')" "${rss[$i]%% *}")
  echo "| \`${names[$i]}\` | $runs | $mean ms | $stddev ms | $min ms | $max ms | $peak | $ratio |"
done
echo
echo "Peak RSS in KiB: $(for i in "${!names[@]}"; do printf '%s: %s; ' "${names[$i]}" "${rss[$i]}"; done)"
echo
echo "| side | runs | min | median | mean | max |"
echo "|---|---:|---:|---:|---:|---:|"
echo "| introspection alone, A | 10 | $a_min ms | $a_median ms | $a_mean ms | $a_max ms |"
echo "| introspection alone, B | 10 | $b_min ms | $b_median ms | $b_mean ms | $b_max ms |"
echo
echo "| tool | output lines | applied to a copy of A | reached B (schemac diff COPY B) |"
echo "|---|---:|---|---|"
for i in "${!names[@]}"; do
  [ -n "${conv[$i]}" ] || continue
  lines=$(grep -c '' "${outputs[$i]}")
  echo "| \`${names[$i]}\` | $lines | ${conv[$i]%%|*} | ${conv[$i]#*|} |"
done
for i in "${peer_failed[@]}"; do
  echo "| \`${names[$((i + 2))]}\` | - | failed: $(tr '\n' ' ' <"$work/peer$i.error" | cut -c1-200) | - |"
done
echo
if [ -n "$fastest" ]; then
  python3 -c "import sys;s,f=float(sys.argv[1]),float(sys.argv[2]);print(f'Fastest peer {f:.1f} ms / schemac {s:.1f} ms = {f/s:.1f}× (goal: at least 10×)')" "$schemac_mean" "$fastest"
fi
echo "Load average (1, 5, 15 min) before the timed runs: $load_before; after them: $load_after"
python3 -c "import sys;s,k=float(sys.argv[1]),int(sys.argv[2]);print(f'Targets (set for 1,000 tables, 5% changed; this run: {sys.argv[3]} tables, {sys.argv[4]}%): mean wall {s:.1f} ms (< 500 ms: {\"met\" if s<500 else \"not met\"}); peak RSS {k/1024:.1f} MiB = {k*1024/1e6:.1f} MB (< 200 MB: {\"met\" if k*1024<200e6 else \"not met\"})')" "$schemac_mean" "$max_kib" "$n" "$percent"
