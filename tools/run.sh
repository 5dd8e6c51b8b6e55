#!/usr/bin/env bash
# The main job on the example schemas in schemas/: set up and build (tools/setup.sh), then for
# each schema:
#   - check it and verify it is in fmt's canonical layout;
#   - write its migration from empty (up.sql, down.sql: schemac diff, canonical forms from the
#     embedded PostgreSQL, or the PGlite engine for pgvector), its IR (ir.json) and its
#     TypeScript types (database.types.ts) into $SCHEMAC_OUT/<name>/ (default: out/);
#   - build a database from up.sql (PostgreSQL 15, or PGlite for pgvector; both started here and
#     stopped on exit) and run schemac plan against it, which must find nothing to do;
#   - print a summary line.
# A `target supabase` example is built on a database set up like a Supabase project
# (backends/postgres/supabase_env.sql) in one of Supabase's two privilege modes, alternately in
# the order of the files: the first on the classic mode (default privileges grant every new
# public table to anon, authenticated and service_role: supabase_privileges_classic.sql), the
# next on deny-by-default (no grants: supabase_privileges_deny.sql), and so on; its summary line
# names the mode.
# Nothing to start by hand; exit 1 when any step fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/tools/setup.sh"
build=${SCHEMAC_BUILD_DIR:-$root/build}
schemac=$build/schemac
out=${SCHEMAC_OUT:-$root/out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"

work=$(mktemp -d "${TMPDIR:-/tmp}/schemac-run.XXXXXX")
chmod 0755 "$work"
cleanup() {
  "$root/tools/pg/pglite.sh" stop "$work/pglite" >/dev/null 2>&1 || true
  "$root/tools/pg/cluster.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# The engines the plans run against: PostgreSQL 15, and PGlite when an example needs pgvector.
pg_url=$("$root/tools/pg/cluster.sh" start "$work/pg")
pglite_url=""
if grep -q '^extension vector' schemas/*.schema; then
  pglite_url=$("$root/tools/pg/pglite.sh" start "$work/pglite" "$build/npm")
fi
pglite_used=0
supabase_examples=0  # `target supabase` examples so far: even -> classic, odd -> deny.

# The privilege mode a `target supabase` SCHEMA is built on (classic or deny); empty for others.
privileges_for() {
  grep -q '^target supabase' "$1" || return 0
  if ((supabase_examples % 2 == 0)); then echo classic; else echo deny; fi
}

# A fresh database for schema NAME, with what its files reference but do not create (the
# Supabase environment in privilege mode MODE, extern roles); prints its URL.
database_for() {
  local schema=$1 name=$2 mode=$3 url role
  if grep -q '^extension vector' "$schema"; then
    # PGlite has one database: one pgvector example only.
    ((pglite_used == 0)) || { echo "   only one pgvector example is supported" >&2; return 1; }
    url=$pglite_url
  else
    q "$pg_url" -c "create database \"run_$name\"" >/dev/null || return 1
    url="${pg_url%/*}/run_$name"
  fi
  if [ -n "$mode" ]; then
    q "$url" -f backends/postgres/supabase_env.sql >/dev/null 2>&1 || return 1
    q "$url" -f "backends/postgres/supabase_privileges_$mode.sql" >/dev/null 2>&1 || return 1
  fi
  for role in $(sed -n 's/^extern role \([a-z_][a-z0-9_]*\).*/\1/p' "$schema"); do
    q "$url" -c "do \$\$ begin if not exists (select from pg_roles where rolname = '$role')
      then create role $role nologin; end if; end \$\$" >/dev/null || return 1
  done
  echo "$url"
}

# Everything for one schema into DIR; the last line of DIR/summary.txt says what it did.
run_schema() {
  local schema=$1 name=$2 dir=$3 checked code url counts header schemas mode built
  checked=$("$schemac" check "$schema") || return 1
  echo "   $checked"
  "$schemac" fmt --check "$schema" || return 1
  "$schemac" ir --json "$schema" >"$dir/ir.json" || return 1
  code=0
  "$schemac" diff --from empty --to "$schema" --exit-code >"$dir/up.sql" || code=$?
  [ "$code" = 2 ] || { echo "   diff exited $code" >&2; return 1; }
  code=0
  "$schemac" diff --from empty --to "$schema" --down --exit-code >"$dir/down.sql" || code=$?
  [ "$code" = 2 ] || { echo "   diff --down exited $code" >&2; return 1; }
  # Types of public and of every schema the file declares.
  schemas=$(sed -n 's/^schema \([a-z_][a-z0-9_]*\).*/,\1/p' "$schema" | tr -d '\n')
  "$schemac" types --schema "$schema" --schemas "public$schemas" --out "$dir/database.types.ts" \
    2>/dev/null || return 1
  mode=$(privileges_for "$schema")
  [ -n "$mode" ] && supabase_examples=$((supabase_examples + 1))
  url=$(database_for "$schema" "$name" "$mode") || return 1
  [ "$url" = "$pglite_url" ] && pglite_used=1
  q "$url" -f "$dir/up.sql" >/dev/null 2>"$dir/apply.log" || { cat "$dir/apply.log" >&2; return 1; }
  "$schemac" plan --db "$url" --schema "$schema" --exit-code >"$dir/plan.txt" ||
    { sed 's/^/   /' "$dir/plan.txt" >&2; return 1; }
  # "ok: 1 file, 3 tables, 3 enums, 7 policies" and "-- schemac migration (up): N steps; hazards: H"
  counts=${checked#ok: 1 file, }
  header=$(head -n 1 "$dir/up.sql")
  built="a database built from it"
  [ -n "$mode" ] && built="a Supabase database ($mode privileges) built from it"
  echo "$name: $counts; up.sql: ${header#*: }; plan on $built: $(cat "$dir/plan.txt")" \
    >"$dir/summary.txt"
}

status=0
summaries=()
for schema in schemas/*.schema; do
  name=$(basename "$schema" .schema)
  dir=$out/$name
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "== $schema"
  if ! run_schema "$schema" "$name" "$dir"; then
    echo "   FAILED: $schema" >&2
    status=1
    continue
  fi
  echo "   wrote $dir/{up.sql,down.sql,ir.json,database.types.ts,plan.txt}"
  summaries+=("$(cat "$dir/summary.txt")")
done

echo
echo "Summary (output in $out/):"
printf '  %s\n' "${summaries[@]}"
exit $status
