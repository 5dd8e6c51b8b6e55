#!/usr/bin/env bash
# Benchmarks the offline commands on synthetic schemas of N tables (N = 10, 100, 1000, 10000):
# wall time (hyperfine, mean of repeated runs) and peak memory (GNU time, max RSS).
#   tools/bench/bench_check.sh [build-dir]
# Without a build dir, builds a Release tree in build-release/. Prints a Markdown table; figures
# go into docs/benchmarks.md with the machine they ran on.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ -n "${1:-}" ]; then
  build=$1
else
  build=$root/build-release
  "$root/tools/setup.sh" >/dev/null  # Debian dependencies
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" --target schemac schemac_gen >/dev/null
fi
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if ((${#need[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "| N tables | schema size | command | mean wall | stddev | peak RSS |"
echo "|---:|---:|---|---:|---:|---:|"
for n in 10 100 1000 10000; do
  # The generator's output, in fmt's canonical layout (so `fmt --check` measures a clean tree).
  "$build/schemac_gen" "$n" >"$work/raw$n.schema"
  "$build/schemac" fmt --stdout "$work/raw$n.schema" >"$work/s$n.schema"
  size=$(du -h "$work/s$n.schema" | cut -f1)
  for cmd in "check --quiet" "fmt --check" "ir --json"; do
    hyperfine --warmup 3 --min-runs 10 -N -i --export-json "$work/h.json" \
      "$build/schemac $cmd $work/s$n.schema" >/dev/null 2>&1 || true
    read -r mean stddev < <(python3 -c "import json;r=json.load(open('$work/h.json'))['results'][0];print(f\"{r['mean']*1000:.1f} {r['stddev']*1000:.1f}\")")
    /usr/bin/time -f "%M" -o "$work/rss" "$build/schemac" $cmd "$work/s$n.schema" >/dev/null 2>&1 || true
    rss=$(tail -1 "$work/rss")
    echo "| $n | $size | \`schemac $cmd\` | ${mean} ms | ${stddev} ms | $((rss / 1024)) MiB |"
  done
done
