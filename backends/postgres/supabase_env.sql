-- A Supabase-like environment, built into schemac (the dev database loads it before a schema of
-- `target supabase`) and loaded by the integration tests: the API roles, auth.users, auth.uid(),
-- auth.role(), auth.jwt(), the extensions schema and the supabase_realtime publication.
-- Idempotent: safe to run twice on one database, and on a second database of the same cluster
-- (roles are cluster-wide). Runs on PostgreSQL 15+ and on PGlite (PostgreSQL 18, one database,
-- where wal_level is not logical and CREATE PUBLICATION only warns).

do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
  end if;
exception when duplicate_object or unique_violation then
  -- another session created one of them concurrently; the checks below settle the attributes
  null;
end
$$;

-- Changed only when needed: sessions loading this into two databases at once would otherwise
-- update the same shared catalog row, and one fails with "tuple concurrently updated". When
-- that happens anyway (both saw it unset), the loser checks that the winner's change holds.
do $$
begin
  if not (select rolbypassrls from pg_roles where rolname = 'service_role') then
    alter role service_role bypassrls;
  end if;
exception when others then
  if not (select rolbypassrls from pg_roles where rolname = 'service_role') then
    raise;
  end if;
end
$$;

do $$
declare
  member text;
begin
  foreach member in array array['anon', 'authenticated', 'service_role'] loop
    begin
      if not pg_has_role('authenticator', member, 'member') then
        execute format('grant %I to authenticator', member);
      end if;
    exception when others then
      if not pg_has_role('authenticator', member, 'member') then
        raise;
      end if;
    end;
  end loop;
end
$$;

create schema if not exists auth;
create schema if not exists extensions;

create table if not exists auth.users (
  id                 uuid primary key,
  email              character varying(255),
  phone              text,
  role               character varying(255),
  raw_app_meta_data  jsonb,
  raw_user_meta_data jsonb,
  is_anonymous       boolean not null default false,
  created_at         timestamptz,
  updated_at         timestamptz
);

create or replace function auth.uid() returns uuid
  language sql stable
  as $$ select (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid $$;

create or replace function auth.role() returns text
  language sql stable
  as $$ select nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role' $$;

create or replace function auth.jwt() returns jsonb
  language sql stable
  as $$ select nullif(current_setting('request.jwt.claims', true), '')::jsonb $$;

grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema extensions to anon, authenticated, service_role;
grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;

do $$
begin
  if not exists (select from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
exception when others then
  raise warning 'supabase_env.sql: could not create publication supabase_realtime: %', sqlerrm;
end
$$;
