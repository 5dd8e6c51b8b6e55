#!/usr/bin/env bash
# Builds the libFuzzer target with clang (ASan + UBSan) and runs it for a bounded time.
#   tools/fuzz.sh [seconds=60]
# Seeds: tests/fuzz/corpus, the example schemas, the golden inputs and the malformed corpus.
# A finding is written as crash-*/timeout-*/oom-* in tests/fuzz/ and the script exits non-zero:
# add the input to tests/fuzz/corpus once fixed. tools/test.sh (CI) runs this after the tests.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
need=()
command -v clang++ >/dev/null || need+=(clang)
dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "install ok installed" || need+=(libclang-rt-14-dev)
if ((${#need[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi
"$root/tools/setup.sh" >/dev/null  # Debian dependencies
build=$root/build-fuzz
CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSCHEMAC_FUZZ=ON >/dev/null
cmake --build "$build" --target fuzz_parse
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
cp "$root"/tests/fuzz/corpus/* "$root"/schemas/*.schema "$root"/tests/malformed/*.schema "$seeds"/
find "$root/tests/golden" -name '*.schema' -path '*/input/*' -exec cp --backup=numbered {} "$seeds"/ \;
cd "$root/tests/fuzz"
"$build/fuzz_parse" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=8192 \
  -print_final_stats=1 "$seeds"
