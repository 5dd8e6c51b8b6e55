#!/usr/bin/env bash
# Sets up (tools/setup.sh), builds and runs every test. This is the command CI runs.
#   tools/test.sh             normal build, all tests
#   tools/test.sh --sanitize  the same under ASan + UBSan (build-asan/)
#   tools/test.sh [--sanitize] -R REGEX   only the tests whose names match (ctest -R)
# The integration tests get real engines, started here and stopped on exit (also on failure or
# interrupt): private PostgreSQL clusters (tools/pg/cluster.sh) of Debian's 15 and of npm's native
# 17, 18 and 14 (tools/pg/servers.sh; the [pg] tests run on 15, 17 and 18, and 14 is there to be
# refused), and two PGlite, PostgreSQL 18 with pgvector (tools/pg/pglite.sh: one for the
# databases under test, one as a dev database). They are passed to the tests as
#   SCHEMAC_TEST_PG_URL, SCHEMAC_TEST_PG_BINDIR, SCHEMAC_TEST_PG{14,17,18}_{URL,BINDIR},
#   SCHEMAC_TEST_PGLITE_URL, SCHEMAC_TEST_PGLITE_DEV_URL, SCHEMAC_TEST_SUPABASE_SQL
# and the npm packages of the TypeScript tests (tests/types/package.json) as SCHEMAC_TEST_TYPES_NPM;
# SCHEMAC_TEST_SUPABASE_PRIVILEGES=deny: every test runs on Supabase's deny-by-default privilege
# mode, and the [supabase] tests run again on the classic mode, as "classic: <test>" (their ctest
# ENVIRONMENT says classic; CMakeLists.txt);
# XDG_CACHE_HOME is a private directory, so that the tests have a canonical cache of their own.
# Then, unless -R is given, the fuzz target runs for SCHEMAC_FUZZ_SECONDS (default 60; 0 skips
# it): tools/fuzz.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ "${1:-}" = "--sanitize" ]; then
  shift
  export SCHEMAC_SANITIZE=1
  build=${SCHEMAC_BUILD_DIR:-$root/build-asan}
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export LSAN_OPTIONS=suppressions=$root/tools/lsan.supp:print_suppressions=0  # libpqxx, see there
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  build=${SCHEMAC_BUILD_DIR:-$root/build}
fi
export SCHEMAC_BUILD_DIR=$build

engines=""
ctest_pid=""
cleaned=0
cleanup() {
  ((cleaned)) && return 0
  cleaned=1
  set +e
  if [ -n "$ctest_pid" ] && kill -0 "$ctest_pid" 2>/dev/null; then
    kill -TERM -- "-$ctest_pid" 2>/dev/null # ctest and the tests it started (its own group)
    sleep 1
    kill -KILL -- "-$ctest_pid" 2>/dev/null
  fi
  if [ -n "$engines" ]; then
    "$root/tools/pg/pglite.sh" stop "$engines/pglite"
    "$root/tools/pg/pglite.sh" stop "$engines/pglite-dev"
    for cluster in "$engines"/pg "$engines"/pg-*; do "$root/tools/pg/cluster.sh" stop "$cluster"; done
    rm -rf "$engines"
  fi
}
trap cleanup EXIT
trap 'echo "test.sh: interrupted" >&2; cleanup; trap - EXIT; exit 130' INT
trap 'echo "test.sh: terminated" >&2; cleanup; trap - EXIT; exit 143' TERM

# (A signal during setup takes effect when it ends: the build is not left running on its own.)
"$root/tools/setup.sh"

# tsc, supabase-js and Supabase's type generator for the types tests.
types_npm=$build/types-npm
"$root/tests/types/install.sh" "$types_npm"
export SCHEMAC_TEST_TYPES_NPM=$types_npm

engines=$(mktemp -d "${TMPDIR:-/tmp}/schemac-test.XXXXXX")
"$root/tools/pg/pglite.sh" install "$build/npm"
servers=$build/pg-servers
"$root/tools/pg/servers.sh" install "$servers" 14 17 18
export SCHEMAC_TEST_PG_URL SCHEMAC_TEST_PG_BINDIR SCHEMAC_TEST_PGLITE_URL SCHEMAC_TEST_PGLITE_DEV_URL \
  SCHEMAC_TEST_SUPABASE_SQL SCHEMAC_TEST_PG14_URL SCHEMAC_TEST_PG17_URL SCHEMAC_TEST_PG18_URL \
  SCHEMAC_TEST_PG14_BINDIR SCHEMAC_TEST_PG17_BINDIR SCHEMAC_TEST_PG18_BINDIR
SCHEMAC_TEST_PG_URL=$("$root/tools/pg/cluster.sh" start "$engines/pg")
SCHEMAC_TEST_PG_BINDIR=$(cat "$engines/pg/bindir")
for major in 14 17 18; do
  printf -v "SCHEMAC_TEST_PG${major}_BINDIR" %s "$("$root/tools/pg/servers.sh" bindir "$servers" "$major")"
  bindir_var=SCHEMAC_TEST_PG${major}_BINDIR
  printf -v "SCHEMAC_TEST_PG${major}_URL" %s \
    "$("$root/tools/pg/cluster.sh" start "$engines/pg-$major" "${!bindir_var}")"
done
SCHEMAC_TEST_PGLITE_URL=$("$root/tools/pg/pglite.sh" start "$engines/pglite" "$build/npm")
SCHEMAC_TEST_PGLITE_DEV_URL=$("$root/tools/pg/pglite.sh" start "$engines/pglite-dev" "$build/npm")
SCHEMAC_TEST_SUPABASE_SQL=$root/backends/postgres/supabase_env.sql
export SCHEMAC_TEST_SUPABASE_PRIVILEGES=deny
echo "test.sh: PostgreSQL $SCHEMAC_TEST_PG_URL ($SCHEMAC_TEST_PG_BINDIR)"
echo "test.sh: PostgreSQL 14, 17, 18: $SCHEMAC_TEST_PG14_URL $SCHEMAC_TEST_PG17_URL $SCHEMAC_TEST_PG18_URL"
echo "test.sh: PGlite     $SCHEMAC_TEST_PGLITE_URL (dev: $SCHEMAC_TEST_PGLITE_DEV_URL)"

# A canonical cache of the tests' own, removed with the engines: a warm cache from another build
# or run could answer for code that changed (backends/postgres/canonical_cache.cc, Cached).
export XDG_CACHE_HOME=$engines/cache
mkdir -p "$XDG_CACHE_HOME"

cd "$build"
# In the background, in its own process group, so that a signal reaches the traps at once
# (bash runs traps only after a foreground command ends) and cleanup can stop every test.
setsid ctest --output-on-failure --timeout 900 -j2 "$@" &
ctest_pid=$!
status=0
wait "$ctest_pid" || status=$?
ctest_pid=""

# The fuzz target for a bounded time (SCHEMAC_FUZZ_SECONDS, default 60; 0 skips it; not with
# -R), with the engines stopped first: a crash, a timeout (an input over 5 s) or an input over
# 2 GB fails the run. Its build (clang, only the fuzz_parse target) is in build-fuzz/.
cleanup
if [ "${SCHEMAC_FUZZ_SECONDS:-60}" != 0 ] && [ $# -eq 0 ]; then
  "$root/tools/fuzz.sh" "${SCHEMAC_FUZZ_SECONDS:-60}" || { echo "test.sh: fuzzing failed" >&2; status=1; }
fi
exit "$status"
