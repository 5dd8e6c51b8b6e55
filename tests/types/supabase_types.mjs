// Supabase's own type generator (@supabase/postgrest-typegen, the engine behind `supabase gen
// types typescript`), for the parity test (tests/integration/types_test.cc) and the benchmark
// (tools/bench/bench_types.sh).
//   node supabase_types.mjs PREFIX URL [SCHEMAS]   writes the types to stdout
// PREFIX is the npm prefix tests/types/package.json was installed into. ESM ignores NODE_PATH, so
// the packages are resolved from PREFIX and imported by file URL. One connection (PGlite accepts
// one session at a time); one-to-one detection on, as the Supabase CLI asks for it.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [prefix, url, schemas = "public"] = process.argv.slice(2);
if (!prefix || !url) {
  console.error("usage: node supabase_types.mjs PREFIX URL [SCHEMAS]");
  process.exit(2);
}
const require = createRequire(path.resolve(prefix, "package.json"));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const pg = (await load("pg")).default;
const { introspect } = await load("@supabase/postgrest-typegen/introspection");
const { generateTypescript, sortGeneratorMetadata } = await load(
  "@supabase/postgrest-typegen/generation",
);

const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const metadata = await introspect(client, { includedSchemas: schemas.split(",") });
  const types = await generateTypescript(sortGeneratorMetadata(metadata), {
    detectOneToOneRelationships: true,
  });
  process.stdout.write(types);
} finally {
  await client.end();
}
