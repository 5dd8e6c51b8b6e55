#!/usr/bin/env bash
# An installed schemac works: `cmake --install BUILD --prefix P` into a temporary prefix, then
# P/bin/schemac runs check, diff and doctor (its database module loaded from P/lib/schemac, the
# PGlite engine found in P/lib/schemac/npm or named where it was looked for), and the executable
# copied alone says in one line what it misses. Registered with ctest (CMakeLists.txt, test
# `install`); it uses the build ctest runs in and the engines tools/test.sh starts
# (SCHEMAC_TEST_PG_URL, SCHEMAC_TEST_PG_BINDIR), and removes its temporary directory on exit.
#   tests/install/install_test.sh CMAKE BUILD_DIR SOURCE_DIR
set -uo pipefail
cmake=$1 build=$2 source=$3

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
for var in SCHEMAC_TEST_PG_URL SCHEMAC_TEST_PG_BINDIR; do
  if [ -z "${!var:-}" ]; then
    echo "install_test: $var is not set: run the tests through tools/test.sh, which starts the" \
      "database engines the integration tests need" >&2
    exit 1
  fi
done
# What schemac would otherwise find instead of what the prefix holds.
unset SCHEMAC_PGLITE_PREFIX SCHEMAC_PG_BINDIR

# /proc/self/exe, which schemac names its directories by, is the real path.
work=$(realpath "$(mktemp -d "${TMPDIR:-/tmp}/schemac-install.XXXXXX")")
trap 'rm -rf "$work"' EXIT
# As root, the embedded server runs as an unprivileged user, which must reach its TMPDIR.
chmod 755 "$work"
prefix=$work/prefix
mkdir -p "$work/tmp" "$work/cache" "$work/schema"
printf 'table notes {\n  id   bigint primary key identity always\n  body text\n}\n' \
  >"$work/schema/notes.schema"

# Runs schemac with a private TMPDIR and cache: sets out, err and status.
run() {
  local bin=$1
  shift
  out=$(TMPDIR=$work/tmp XDG_CACHE_HOME=$work/cache "$bin" "$@" 2>"$work/err")
  status=$?
  err=$(cat "$work/err")
}
expect_status() {  # expected status, what ran
  [ "$status" = "$1" ] || fail "$2: exit $status, expected $1; stderr: $err"
}
expect_in() {  # text, wanted piece, what ran
  [[ "$1" == *"$2"* ]] || fail "$3: no '$2' in: $1"
}
expect_tmp_empty() {
  [ -z "$(ls -A "$work/tmp")" ] || fail "$1 left files in TMPDIR: $(ls -A "$work/tmp")"
}

# --- install -------------------------------------------------------------------------------
if ! "$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1; then
  cat "$work/install.log" >&2
  echo "FAIL: cmake --install $build --prefix $prefix" >&2
  exit 1
fi
schemac=$prefix/bin/schemac
module=$prefix/lib/schemac/libschemac_db.so
[ -x "$schemac" ] || fail "no executable $schemac"
[ -f "$module" ] || fail "no module $module"
[ ! -e "$prefix/bin/libschemac_db.so" ] || fail "the module is also in bin/: the test would not show lib/schemac is used"
# Nothing installed names the build tree: no RPATH or RUNPATH at all.
for file in "$schemac" "$module"; do
  dynamic=$(readelf -d "$file") || fail "readelf -d $file"
  [[ "$dynamic" != *PATH* ]] || fail "$file has an RPATH or RUNPATH: $(grep PATH <<<"$dynamic")"
done

# --- check, diff -----------------------------------------------------------------------------
run "$schemac" check "$work/schema"
expect_status 0 "check"
[ "$out" = "ok: 1 file, 1 table, 0 enums, 0 policies" ] || fail "check printed: $out"
[ -z "$err" ] || fail "check wrote to stderr: $err"

run "$schemac" diff --from empty --to "$work/schema" --dev-url "$SCHEMAC_TEST_PG_URL"
expect_status 0 "diff --from empty"  # printed: success, changes or not
expect_in "$out" "CREATE TABLE IF NOT EXISTS public.notes" "diff --from empty"
run "$schemac" diff --from "$work/schema" --to "$work/schema" --dev-url "$SCHEMAC_TEST_PG_URL" \
  --format text
expect_status 0 "diff of the schema with itself"
[ "$out" = "0 to add, 0 to change, 0 to drop" ] || fail "diff of the schema with itself printed: $out"

# --- doctor ----------------------------------------------------------------------------------
# The embedded server from the test engines' binaries, the PGlite engine from the prefix when the
# build had it (tools/test.sh installs it into BUILD/npm), and --dev-url.
has_pglite=1
for package in pglite pglite-pgvector pglite-socket; do
  [ -f "$build/npm/node_modules/@electric-sql/$package/package.json" ] || has_pglite=0
done
((has_pglite == 0)) || [ -d "$prefix/lib/schemac/npm/node_modules/@electric-sql/pglite" ] ||
  fail "the build's PGlite engine was not installed into $prefix/lib/schemac/npm"
export SCHEMAC_PG_BINDIR=$SCHEMAC_TEST_PG_BINDIR
run "$schemac" doctor --dev-url "$SCHEMAC_TEST_PG_URL"
expect_status 0 "doctor"
expect_in "$out" "  embedded PostgreSQL: $SCHEMAC_TEST_PG_BINDIR, started in " "doctor"
if ((has_pglite)); then
  expect_in "$out" "  PGlite engine (pgvector, citext): $prefix/lib/schemac/npm, started in " "doctor"
  expect_in "$out" "    server: PostgreSQL 18." "doctor"
fi
expect_in "$out" "; can create databases" "doctor"
expect_in "$out" "Cache: $work/cache/schemac: " "doctor"
expect_tmp_empty "doctor"

# Without the engine in the prefix: doctor and a diff that needs it name where they looked and
# how to install it, in one line.
rm -rf "$prefix/lib/schemac/npm"
missing="not installed in $prefix/bin/npm or $prefix/lib/schemac/npm (install it: npm install"
missing+=" --prefix $prefix/lib/schemac/npm @electric-sql/pglite"
run "$schemac" doctor --dev-url "$SCHEMAC_TEST_PG_URL"
expect_status 0 "doctor without the PGlite engine"
expect_in "$out" "  PGlite engine (pgvector, citext): unavailable: $missing" "doctor without PGlite"
run "$schemac" diff --from empty --to "$source/schemas/learning.schema"  # declares vector
expect_status 1 "diff needing the PGlite engine"
[ -z "$out" ] || fail "diff needing the PGlite engine printed: $out"
[ "$(wc -l <"$work/err")" = 1 ] || fail "diff needing the PGlite engine: not one line: $err"
expect_in "$err" "the PGlite engine (PostgreSQL 18 with pgvector, citext) is $missing" \
  "diff needing the PGlite engine"
expect_tmp_empty "diff needing the PGlite engine"
unset SCHEMAC_PG_BINDIR

# --- the executable copied alone -----------------------------------------------------------
mkdir -p "$work/alone/bin"
cp "$schemac" "$work/alone/bin/schemac"
alone=$work/alone/bin/schemac
run "$alone" check "$work/schema"
expect_status 0 "check, copied alone"
[ -z "$err" ] || fail "check, copied alone, wrote to stderr: $err"
run "$alone" types --schema "$work/schema"
expect_status 0 "types --schema, copied alone"
expect_in "$out" "notes: {" "types --schema, copied alone"
not_found="cannot load the database commands: libschemac_db.so not found in $work/alone/bin or"
not_found+=" $work/alone/lib/schemac: install schemac with \`cmake --install BUILD --prefix PREFIX\`"
url=postgresql://app:hunter2@localhost/db
for command in "diff --from empty --to $work/schema" "plan --db $url --schema $work/schema" \
  "pull --db $url" "apply --db $url --schema $work/schema" "doctor" "types --db $url"; do
  # shellcheck disable=SC2086  # the command's words
  run "$alone" $command
  expect_status 1 "$command, copied alone"
  [ -z "$out" ] || fail "$command, copied alone, printed: $out"
  [ "$(wc -l <"$work/err")" = 1 ] || fail "$command, copied alone: not one line: $err"
  expect_in "$err" "schemac: error: $not_found" "$command, copied alone"
  [[ "$err" != *hunter2* ]] || fail "$command, copied alone, shows the password: $err"
done
run "$alone" help
expect_status 0 "help, copied alone"
[[ "$err" == "schemac: warning: the database commands are unavailable: libschemac_db.so not found in $work/alone/bin or "* ]] ||
  fail "help, copied alone: $err"

if ((failures > 0)); then
  echo "install_test: $failures failed" >&2
  exit 1
fi
echo "install_test: ok ($prefix)"
