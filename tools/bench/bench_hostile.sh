#!/usr/bin/env bash
# Generates the small hostile inputs of issue 18 (finding 7) and reports, for `schemac check` on
# each, the exit code, the wall time and the peak memory (GNU time: max RSS) and the bytes it
# printed. The same inputs, at the same sizes, are run under a memory bound by
# tests/unit/hostile_test.cc.
#   tools/bench/bench_hostile.sh [build-dir]
# Without a build dir, uses build/ (built when missing). Prints a Markdown table; figures go into
# docs/benchmarks.md with the machine they ran on. Each run is cut off after 300 s.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build}
if [ ! -x "$build/schemac" ]; then
  "$root/tools/setup.sh" >/dev/null  # Debian dependencies
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" --target schemac >/dev/null
fi
if [ ! -x /usr/bin/time ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'EOF'
import sys
work = sys.argv[1]
def write(name, text):
    with open(f"{work}/{name}.schema", "w") as f:
        f.write(text)
write("unique-x10000", "table t {\n  id integer primary key\n  a integer" + " unique" * 10000 + "\n}\n")
write("index-8000-keys", "table t {\n  id integer primary key\n  index (" + ", ".join(["id"] * 8000) + ")\n}\n")
write("type-name-4MB", "table t {\n  id integer primary key\n  a " + "x" * (4 << 20) + "\n}\n")
write("parens-100000-deep", "table t {\n  id integer primary key\n  index ((" + "(" * 100000 + "id" + ")" * 100000 + "))\n}\n")
write("check-200000-names", "table t {\n  id integer primary key check (" + " + ".join(f"x{i}" for i in range(200000)) + ")\n}\n")
write("schemas-50000-unknown", "".join(f"schema s{i}\n" for i in range(50000)) + "".join(f"table q{i}.t {{\n  id integer primary key\n}}\n" for i in range(50000)))
write("columns-10000", "table t {\n  id integer primary key\n" + "".join(f"  c{i} integer\n" for i in range(10000)) + "}\n")
EOF

echo "| input | size | exit | wall | peak RSS | printed |"
echo "|---|---:|---:|---:|---:|---:|"
run() {  # NAME PATH
  local name=$1 path=$2 size exit_code
  size=$(stat -c %s "$path" 2>/dev/null || echo 0)
  [ -f "$path" ] || size="-"
  exit_code=0
  /usr/bin/time -f "%e %M" -o "$work/time" timeout -s KILL 300 "$build/schemac" check "$path" \
    >"$work/out" 2>&1 || exit_code=$?
  read -r wall rss < <(tail -n 1 "$work/time") || true  # After "Command terminated by ..."
  printf '| %s | %s | %s | %s s | %s MB | %s bytes |\n' "$name" "$size" "$exit_code" "$wall" \
    "$((${rss:-0} / 1024))" "$(stat -c %s "$work/out")"
}
for file in "$work"/*.schema; do
  run "$(basename "$file" .schema)" "$file"
done
run "/dev/zero" /dev/zero
