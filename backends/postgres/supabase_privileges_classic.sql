-- Supabase's classic privilege mode, loaded after supabase_env.sql: what projects created before
-- 2026-05-30 have (and self-hosted and older local stacks, and any project that kept it). Every
-- table, sequence and function the loading role creates in public from now on is granted in full
-- to the API roles; row level security is what restricts rows (TRUNCATE and REFERENCES are
-- granted too, which RLS does not cover). On Supabase these default privileges belong to
-- postgres (and supabase_admin); here to the role loading this file, which stands in for
-- postgres. Idempotent; touches only this database's catalogs.

-- Both modes: the API roles may use public (what a role then reaches in it is up to its grants),
-- and so may what auth hooks and the storage service run as.
grant usage on schema public to anon, authenticated, service_role;
grant usage on schema public to supabase_auth_admin, supabase_storage_admin;

alter default privileges in schema public
  grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public
  grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public
  grant all on functions to anon, authenticated, service_role;
