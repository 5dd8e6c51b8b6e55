#!/usr/bin/env bash
# Benchmarks the IR JSON reader and writer on a synthetic schema of N tables (default 1000):
# `schemac ir` as a command (wall time of RUNS runs, default 20; with OLD, a second build's
# schemac and schemac_json_timer, the two alternated run by run), and json::FromJsonText /
# json::ToJsonText in one process, with nlohmann/json's own parser on the same text for
# reference (schemac_json_timer: RUNS/3 rounds of 3 runs, alternated like the command).
#   tools/bench/bench_json.sh [BUILD [N [RUNS [OLD]]]]
# Without BUILD, builds a Release tree in build-release/. Prints Markdown tables (min and median
# in ms); figures go into docs/benchmarks.md with the machine they ran on.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ -n "${1:-}" ]; then
  build=$1
else
  build=$root/build-release
  "$root/tools/setup.sh" >/dev/null  # Debian dependencies
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" --target schemac schemac_gen schemac_json_timer >/dev/null
fi
n=${2:-1000}
runs=${3:-20}
old=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/schemac_gen" "$n" >"$work/s.schema"
"$build/schemac" ir "$work/s.schema" >"$work/s.json"
echo "Schema: $n tables, $(du -h "$work/s.schema" | cut -f1) of .schema, $(du -h "$work/s.json" | cut -f1) of JSON"
echo
builds=("$build")
[ -z "$old" ] || builds=("$old" "$build")
python3 - "$work/s.schema" "$runs" "${builds[@]}" <<'PY'
import statistics, subprocess, sys, time
schema, runs, builds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
times = {b: [] for b in builds}
for _ in range(runs):
    for b in builds:  # Alternated, so that a change of load hits both alike.
        start = time.perf_counter()
        subprocess.run([b + "/schemac", "ir", schema], stdout=subprocess.DEVNULL, check=True)
        times[b].append((time.perf_counter() - start) * 1000)
print("| build | command | runs | min | median |")
print("|---|---|---:|---:|---:|")
for b in builds:
    t = times[b]
    print(f"| {b} | `schemac ir` | {len(t)} | {min(t):.1f} ms | {statistics.median(t):.1f} ms |")
PY
echo
python3 - "$work/s.json" "$runs" "${builds[@]}" <<'PY'
import collections, statistics, subprocess, sys
data, runs, builds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
# Rounds of 3 runs per process, the builds alternated round by round; each round gives its
# median per measurement.
medians = collections.defaultdict(list)
for _ in range(max(1, runs // 3)):
    for b in builds:
        out = subprocess.run([b + "/schemac_json_timer", data, "3"], capture_output=True,
                             text=True, check=True).stdout
        for line in out.splitlines():
            name, _, median, _ = line.rsplit(" ", 3)
            medians[(b, name)].append(float(median))
print("| build | in one process | rounds | min | median |")
print("|---|---|---:|---:|---:|")
for (b, name), t in medians.items():
    print(f"| {b} | {name} | {len(t)} | {min(t):.1f} ms | {statistics.median(t):.1f} ms |")
PY
