-- A Supabase-like environment, built into schemac (the dev database loads it before a schema of
-- `target supabase`) and loaded by the integration tests. Modelled on what a hosted Supabase
-- project has (Supabase's public docs, changelog and open-source init scripts; this SQL is our
-- own):
--   roles      anon, authenticated, service_role (BYPASSRLS), authenticator (LOGIN NOINHERIT,
--              member of the three), and the platform's supabase_auth_admin,
--              supabase_storage_admin, supabase_realtime_admin;
--   extensions the schema `extensions`, on the database's search_path ("$user", public,
--              extensions) as on a real project; uuid-ossp and pgcrypto installed there (the
--              platform's: schemac never creates or drops an extension in a platform schema
--              that the schema does not declare);
--   auth       auth.users with its real columns (confirmed_at generated), auth.uid(), role(),
--              email(), jwt() (set search_path = '');
--   storage    storage.buckets, storage.objects (RLS enabled), foldername/filename/extension();
--   realtime   realtime.messages (partitioned by day, RLS enabled), realtime.topic(), and the
--              publication supabase_realtime (empty);
--   grants     USAGE on the platform schemas to the API roles, as Supabase grants it.
-- Not here: public's privileges (USAGE for the API roles, default privileges). They are the
-- project's privilege mode, in supabase_privileges_classic.sql or supabase_privileges_deny.sql;
-- the dev database loads neither (deny by default: a table's grants are then exactly the ones its
-- schema declares; PUBLIC's USAGE on public covers the API roles there).
-- Not here either: supabase_admin. On Supabase it is a superuser; creating a superuser role on
-- a server the user lent as a dev database (--dev-url) is not safe, and a non-superuser stand-in
-- would not behave like it. The objects it owns on Supabase belong here to the role loading this.
--
-- Idempotent: safe to run twice on one database, and on two databases of one cluster at once
-- (roles are cluster-wide: shared catalog rows are changed only when needed, and a concurrent
-- change by the other session is accepted when it left what this one wanted). Runs on
-- PostgreSQL 15+ and on PGlite (PostgreSQL 18, one database, where wal_level is not logical and
-- CREATE PUBLICATION only warns). Owners are set to the platform roles only where the loading
-- role is a superuser (elsewhere it keeps them).

-- Roles --------------------------------------------------------------------------------------

do $$
declare
  wanted text[][] := array[
    ['anon',                    'nologin noinherit'],
    ['authenticated',           'nologin noinherit'],
    ['service_role',            'nologin noinherit bypassrls'],
    ['authenticator',           'login noinherit'],
    ['supabase_auth_admin',     'nologin noinherit createrole'],
    ['supabase_storage_admin',  'nologin noinherit createrole'],
    ['supabase_realtime_admin', 'nologin noinherit']];
  i int;
begin
  for i in 1 .. array_length(wanted, 1) loop
    begin
      if not exists (select from pg_roles where rolname = wanted[i][1]) then
        execute format('create role %I %s', wanted[i][1], wanted[i][2]);
      end if;
    exception when duplicate_object or unique_violation then
      -- another session created it concurrently; the checks below settle the attributes
      null;
    end;
  end loop;
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

-- Schemas ------------------------------------------------------------------------------------

create schema if not exists extensions;
create schema if not exists auth;
create schema if not exists storage;
create schema if not exists realtime;

-- uuid-ossp and pgcrypto, which a project has in `extensions` from the start. PGlite offers
-- them only when its server loads them (tools/pg/pglite_server.mjs does); where the server does
-- not offer one it is left out, and unqualified calls to its functions fail there as on a
-- project that never enabled it.
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


-- A real project's database default. Only set where the database has no search_path of its
-- own (the user's setting wins), and only by a role that may (the database's owner): it takes
-- effect for new sessions, not for the one loading this.
do $$
begin
  if not exists (select from pg_db_role_setting s join pg_database d on d.oid = s.setdatabase
                 where d.datname = current_database() and s.setrole = 0
                   and exists (select from unnest(s.setconfig) c where c like 'search_path=%')) then
    execute format('alter database %I set search_path to "$user", public, extensions',
                   current_database());
  end if;
exception when insufficient_privilege then
  null;
end
$$;

-- auth ---------------------------------------------------------------------------------------

create table if not exists auth.users (
  instance_id                 uuid,
  id                          uuid primary key,
  aud                         character varying(255),
  role                        character varying(255),
  email                       character varying(255),
  encrypted_password          character varying(255),
  email_confirmed_at          timestamptz,
  invited_at                  timestamptz,
  confirmation_token          character varying(255),
  confirmation_sent_at        timestamptz,
  recovery_token              character varying(255),
  recovery_sent_at            timestamptz,
  email_change_token_new      character varying(255),
  email_change                character varying(255),
  email_change_sent_at        timestamptz,
  last_sign_in_at             timestamptz,
  raw_app_meta_data           jsonb,
  raw_user_meta_data          jsonb,
  is_super_admin              boolean,
  created_at                  timestamptz,
  updated_at                  timestamptz,
  phone                       text unique default null,
  phone_confirmed_at          timestamptz,
  phone_change                text default '',
  phone_change_token          character varying(255) default '',
  phone_change_sent_at        timestamptz,
  confirmed_at                timestamptz
    generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current  character varying(255) default '',
  email_change_confirm_status smallint default 0
    check (email_change_confirm_status >= 0 and email_change_confirm_status <= 2),
  banned_until                timestamptz,
  reauthentication_token      character varying(255) default '',
  reauthentication_sent_at    timestamptz,
  is_sso_user                 boolean not null default false,
  deleted_at                  timestamptz,
  is_anonymous                boolean not null default false
);
create unique index if not exists confirmation_token_idx on auth.users (confirmation_token)
  where confirmation_token !~ '^[0-9 ]*$';
create index if not exists users_instance_id_idx on auth.users (instance_id);
create unique index if not exists users_email_partial_key on auth.users (email)
  where is_sso_user = false;

-- PostgREST before 9 set one setting per claim (request.jwt.claim.sub); since then only the JSON
-- of all claims. nullif: a setting set and reset in one session reads '' afterwards.
create or replace function auth.uid() returns uuid
  language sql stable
  set search_path = ''
  as $$
    select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid
  $$;

create or replace function auth.role() returns text
  language sql stable
  set search_path = ''
  as $$
    select coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  $$;

create or replace function auth.email() returns text
  language sql stable
  set search_path = ''
  as $$
    select coalesce(nullif(current_setting('request.jwt.claim.email', true), ''),
                    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  $$;

create or replace function auth.jwt() returns jsonb
  language sql stable
  set search_path = ''
  as $$
    select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                    nullif(current_setting('request.jwt.claims', true), ''))::jsonb
  $$;

-- storage ------------------------------------------------------------------------------------

create table if not exists storage.buckets (
  id                 text primary key,
  name               text not null,
  owner              uuid,
  owner_id           text,
  created_at         timestamptz default now(),
  updated_at         timestamptz default now(),
  public             boolean default false,
  avif_autodetection boolean default false,
  file_size_limit    bigint,
  allowed_mime_types text[]
);
create unique index if not exists bname on storage.buckets (name);
alter table storage.buckets enable row level security;

create table if not exists storage.objects (
  id               uuid primary key default gen_random_uuid(),
  bucket_id        text references storage.buckets (id),
  name             text,
  owner            uuid,
  owner_id         text,
  created_at       timestamptz default now(),
  updated_at       timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata         jsonb,
  user_metadata    jsonb,
  path_tokens      text[] generated always as (string_to_array(name, '/')) stored,
  version          text
);
create unique index if not exists bucketid_objname on storage.objects (bucket_id, name);
create index if not exists name_prefix_search on storage.objects (name text_pattern_ops);
alter table storage.objects enable row level security;

-- 'avatars/user-1/photo.png' -> {avatars,user-1}, 'photo.png', 'png'.
create or replace function storage.foldername(name text) returns text[]
  language sql immutable
  set search_path = ''
  as $$
    select parts[1 : cardinality(parts) - 1]
    from (select string_to_array(name, '/') as parts) p
  $$;

create or replace function storage.filename(name text) returns text
  language sql immutable
  set search_path = ''
  as $$
    select parts[cardinality(parts)] from (select string_to_array(name, '/') as parts) p
  $$;

create or replace function storage.extension(name text) returns text
  language sql immutable
  set search_path = ''
  as $$
    select case when position('.' in file) = 0 then '' else split_part(file, '.', -1) end
    from (select storage.filename(name) as file) f
  $$;

-- realtime -----------------------------------------------------------------------------------

-- Broadcast and Presence messages; the Realtime server adds one partition per day.
create table if not exists realtime.messages (
  topic       text not null,
  extension   text not null,
  payload     jsonb,
  event       text,
  private     boolean default false,
  updated_at  timestamp not null default now(),
  inserted_at timestamp not null default now(),
  id          uuid not null default gen_random_uuid(),
  primary key (id, inserted_at)
) partition by range (inserted_at);
create index if not exists messages_inserted_at_topic_index
  on realtime.messages (inserted_at desc, topic) where extension = 'broadcast' and private;
alter table realtime.messages enable row level security;

-- The channel a Broadcast/Presence authorization check is about, set by the Realtime server.
create or replace function realtime.topic() returns text
  language sql stable
  set search_path = ''
  as $$ select nullif(current_setting('realtime.topic', true), '') $$;

do $$
begin
  if not exists (select from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
exception when others then
  raise warning 'supabase_env.sql: could not create publication supabase_realtime: %', sqlerrm;
end
$$;

-- Grants -------------------------------------------------------------------------------------

-- public's own grants are in the privilege mode's file: the dev database restores public as it
-- found it when it empties a database it was lent, and must find nothing of this there.
grant usage on schema extensions, auth, storage, realtime to anon, authenticated, service_role;
grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
  to anon, authenticated, service_role;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;
grant select, insert, update on realtime.messages to anon, authenticated;
grant all on realtime.messages to service_role;
grant execute on function realtime.topic() to anon, authenticated, service_role;
grant all on schema realtime to supabase_realtime_admin;

-- The platform's schemas belong to its service roles (a superuser may give them away).
do $$
begin
  if (select rolsuper from pg_roles where rolname = current_user) then
    alter schema auth owner to supabase_auth_admin;
    alter table auth.users owner to supabase_auth_admin;
    alter function auth.uid() owner to supabase_auth_admin;
    alter function auth.role() owner to supabase_auth_admin;
    alter function auth.email() owner to supabase_auth_admin;
    alter function auth.jwt() owner to supabase_auth_admin;
    alter schema storage owner to supabase_storage_admin;
    alter table storage.buckets owner to supabase_storage_admin;
    alter table storage.objects owner to supabase_storage_admin;
    alter function storage.foldername(text) owner to supabase_storage_admin;
    alter function storage.filename(text) owner to supabase_storage_admin;
    alter function storage.extension(text) owner to supabase_storage_admin;
  end if;
end
$$;
