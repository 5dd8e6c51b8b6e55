// Serves PGlite (PostgreSQL 18 in WASM) with the pgvector extension over the PostgreSQL wire
// protocol, for the integration tests. Started and stopped by tools/pg/pglite.sh.
//   node pglite_server.mjs PREFIX PORT [HOST]
// PREFIX is the npm prefix that holds node_modules/@electric-sql/{pglite,pglite-pgvector,
// pglite-socket} (pglite.sh install PREFIX). ESM ignores NODE_PATH, so the packages are imported
// by absolute file URL. PGLITE_MAX_CONNECTIONS (default 8) connections share the one backend.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [prefixArg, portArg, hostArg] = process.argv.slice(2);
const prefix = prefixArg || process.env.PGLITE_PREFIX;
const port = Number(portArg || process.env.PGLITE_PORT);
const host = hostArg || '127.0.0.1';
if (!prefix || !Number.isInteger(port) || port <= 0) {
  console.error('usage: node pglite_server.mjs PREFIX PORT [HOST]');
  process.exit(2);
}

// The ESM entry point of an installed package (its exports["."].import).
async function importPackage(name) {
  const dir = path.resolve(prefix, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  let entry = pkg.exports?.['.'] ?? pkg.exports;
  if (entry && typeof entry === 'object') entry = entry.import ?? entry.default;
  if (entry && typeof entry === 'object') entry = entry.default;
  if (typeof entry !== 'string') entry = pkg.module ?? pkg.main ?? 'index.js';
  return import(pathToFileURL(path.join(dir, entry)).href);
}

const { PGlite } = await importPackage('@electric-sql/pglite');
const { vector } = await importPackage('@electric-sql/pglite-pgvector');
const { PGLiteSocketServer } = await importPackage('@electric-sql/pglite-socket');

// Contrib modules shipped inside PGlite: citext (the example schemas use it), and uuid-ossp and
// pgcrypto, which a Supabase project has in its `extensions` schema (supabase_env.sql).
const contrib = async (name) => (await import(pathToFileURL(
  path.resolve(prefix, `node_modules/@electric-sql/pglite/dist/contrib/${name}.js`)).href))[name];
const db = await PGlite.create({
  extensions: {
    vector,
    citext: await contrib('citext'),
    uuid_ossp: await contrib('uuid_ossp'),
    pgcrypto: await contrib('pgcrypto'),
  },
});
const server = new PGLiteSocketServer({
  db,
  port,
  host,
  maxConnections: Number(process.env.PGLITE_MAX_CONNECTIONS || 8),
});
await server.start();
console.log(`pglite: listening on ${host}:${port}`);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`pglite: ${signal}, stopping`);
  const force = setTimeout(() => process.exit(0), 3000);
  force.unref();
  try {
    await server.stop();
    await db.close();
  } catch (e) {
    console.error(`pglite: ${e?.message ?? e}`);
  }
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(signal));
