#!/usr/bin/env bash
# Benchmarks the IR JSON reader and writer on a synthetic schema of N tables (default 1000):
# `schemac ir` as a command (hyperfine, wall time), and json::FromJsonText / json::ToJsonText in
# one process with nlohmann/json's own parser on the same text for reference
# (schemac_json_timer, median of RUNS runs, default 20).
#   tools/bench/bench_json.sh [build-dir [N [RUNS]]]
# Without a build dir, builds a Release tree in build-release/. Prints Markdown tables; figures
# go into docs/benchmarks.md with the machine they ran on.
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
command -v hyperfine >/dev/null || {
  echo "bench_json: needs hyperfine (apt-get install hyperfine)" >&2
  exit 1
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/schemac_gen" "$n" >"$work/s.schema"
"$build/schemac" ir "$work/s.schema" >"$work/s.json"
echo "Schema: $n tables, $(du -h "$work/s.schema" | cut -f1) of .schema, $(du -h "$work/s.json" | cut -f1) of JSON"
echo
echo "| command | mean wall | stddev | median |"
echo "|---|---:|---:|---:|"
hyperfine --warmup 3 --min-runs "$runs" -N --export-json "$work/h.json" \
  "$build/schemac ir $work/s.schema" >/dev/null 2>&1
python3 -c "import json;r=json.load(open('$work/h.json'))['results'][0];print(f\"| \`schemac ir\` | {r['mean']*1000:.1f} ms | {r['stddev']*1000:.1f} ms | {r['median']*1000:.1f} ms |\")"
echo
echo "| in one process | min | median | max |"
echo "|---|---:|---:|---:|"
"$build/schemac_json_timer" "$work/s.json" "$runs" |
  awk '{max=$NF; med=$(NF-1); min=$(NF-2); $NF=""; $(NF-1)=""; $(NF-2)=""; sub(/ +$/, "");
        printf "| %s | %s ms | %s ms | %s ms |\n", $0, min, med, max}'
