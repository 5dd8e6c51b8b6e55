-- Views and functions for the TypeScript types' parity check (tests/integration/types_test.cc,
-- "views and functions: the same as Supabase's"): what supabase-js reaches through `.from()` on
-- a view and `.rpc()`. No foreign keys: relationships through views are relationships.sql's.

create type public.doc_kind as enum ('note', 'page');

create table public.documents (
  id bigint generated always as identity primary key,
  title text not null,
  body text,
  kind public.doc_kind not null default 'note',
  meta jsonb,
  created_at timestamp with time zone not null default now()
);

create table public.tags (
  name text primary key,
  weight integer
);

-- Updatable (a simple view): Insert and Update, `shout` not writable.
create view public.document_titles as
  select id, title, kind, upper(title) as shout from public.documents;

-- Not updatable (an aggregate): Row only.
create view public.document_stats with (security_invoker = true) as
  select kind, count(*) as n from public.documents group by kind;

create materialized view public.tag_weights as select name, weight from public.tags;

-- The pgvector-style RPC, with a text query: returns table (...), a defaulted argument.
create function public.match_documents(query text, match_count integer default 10)
  returns table (id bigint, title text, similarity double precision)
  language sql stable
  as $$ select d.id, d.title, 1.0::double precision from public.documents d
        where d.title ilike '%' || query || '%' limit match_count $$;

create function public.recent_documents(since timestamp with time zone)
  returns setof public.documents
  language sql stable
  as $$ select * from public.documents where created_at >= since $$;

create function public.document_count() returns bigint
  language sql stable as $$ select count(*) from public.documents $$;

-- A computed field of documents (an unnamed row argument).
create function public.title_length(public.documents) returns integer
  language sql immutable as $$ select length($1.title) $$;

create function public.touch(doc_id bigint) returns void
  language sql as $$ update public.documents set title = title where id = doc_id $$;

-- Left out of the types, as Supabase's generator does.
create function public.set_title() returns trigger
  language plpgsql as $$ begin new.title := trim(new.title); return new; end $$;

-- Overloads: a union.
create function public.lookup(name text) returns setof public.tags
  language sql stable as $$ select * from public.tags t where t.name = lookup.name $$;
create function public.lookup(name text, min_weight integer) returns setof public.tags
  language sql stable
  as $$ select * from public.tags t where t.name = lookup.name and t.weight >= min_weight $$;

create function public.search_titles(variadic words text[]) returns setof public.document_titles
  language sql stable
  as $$ select * from public.document_titles where title = any (words) $$;

create function public.stats(out total bigint, out pages bigint)
  language sql stable
  as $$ select count(*), count(*) filter (where kind = 'page') from public.documents $$;
