-- Supabase's deny-by-default privilege mode, loaded after supabase_env.sql: what new projects get
-- since 2026-05-30 and every project since 2026-10-30 (Supabase changelog: "New tables in the
-- public schema will no longer be exposed to the Data API automatically"). A new table, sequence
-- or function in public gets no grant to anon, authenticated or service_role: the Data API
-- answers 42501 "permission denied" until a migration grants it. PostgreSQL's own defaults still
-- apply (EXECUTE on a new function to PUBLIC). Tables that existed before keep their grants.
-- The role loading this file stands in for postgres; revoking what the classic mode granted makes
-- the mode the database's whichever it had before. Idempotent; touches only this database's
-- catalogs.

-- Both modes: the API roles may use public (what a role then reaches in it is up to its grants),
-- and so may what auth hooks and the storage service run as.
grant usage on schema public to anon, authenticated, service_role;
grant usage on schema public to supabase_auth_admin, supabase_storage_admin;

alter default privileges in schema public
  revoke all on tables from anon, authenticated, service_role;
alter default privileges in schema public
  revoke all on sequences from anon, authenticated, service_role;
alter default privileges in schema public
  revoke all on functions from anon, authenticated, service_role;
