-- The extensions a Supabase project has installed in `extensions` from the start: uuid-ossp and
-- pgcrypto. Loaded after supabase_env.sql (which makes the schema and puts it on the database's
-- search_path) by the tests of the environment, and not yet by the dev database, the other tests
-- or tools/run.sh: schemac's diff does not know them as the platform's yet, so a database that has
-- them without the schema declaring them plans `drop extension` for both (DATA_LOSS), and a
-- `target supabase` migration from empty would create them, pinned to the dev server's versions,
-- and its down file drop them. Once the diff treats extensions the platform installed as extern,
-- this belongs in supabase_env.sql.
--
-- PGlite ships both as contrib modules, but its server offers only the ones it was started with
-- (tools/pg/pglite_server.mjs loads neither): where an extension is not available it is left
-- out, and unqualified calls to its functions fail there as on a project that never enabled it.
-- Idempotent; touches only this database's catalogs.
do $$
declare
  wanted text;
begin
  foreach wanted in array array['uuid-ossp', 'pgcrypto'] loop
    if exists (select from pg_available_extensions a where a.name = wanted)
       and not exists (select from pg_extension e where e.extname = wanted) then
      execute format('create extension %I with schema extensions', wanted);
    end if;
  end loop;
end
$$;

