#!/usr/bin/env bash
# Sets up (tools/setup.sh), builds and runs every test. This is the command CI runs.
#   tools/test.sh             normal build, all tests
#   tools/test.sh --sanitize  the same under ASan + UBSan (build-asan/)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ "${1:-}" = "--sanitize" ]; then
  export SCHEMAC_SANITIZE=1
  build=${SCHEMAC_BUILD_DIR:-$root/build-asan}
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  build=${SCHEMAC_BUILD_DIR:-$root/build}
fi
export SCHEMAC_BUILD_DIR=$build

"$root/tools/setup.sh"
cd "$build"
ctest --output-on-failure --timeout 600 -j2
