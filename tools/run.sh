#!/usr/bin/env bash
# The main job on the example schemas: set up and build (tools/setup.sh), then check every
# example schema, verify it is in canonical layout, and write its IR as JSON and its TypeScript
# types to out/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/tools/setup.sh"
schemac=${SCHEMAC_BUILD_DIR:-$root/build}/schemac
out=${SCHEMAC_OUT:-$root/out}
mkdir -p "$out"
cd "$root"
status=0
for schema in schemas/*.schema; do
  name=$(basename "$schema" .schema)
  echo "== $schema"
  "$schemac" check "$schema" || status=1
  "$schemac" fmt --check "$schema" || status=1
  "$schemac" ir --json "$schema" >"$out/$name.ir.json" 2>/dev/null || status=1
  "$schemac" types --schema "$schema" --out "$out/$name.types.ts" 2>/dev/null || status=1
  echo "   IR: $out/$name.ir.json"
  echo "   types: $out/$name.types.ts"
done
exit $status
