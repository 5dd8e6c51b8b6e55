-- source: tests/golden/indexes/input/indexes.schema
-- (target postgres, no extern objects: nothing needed before this file)

create table public.events (
  id         bigint not null generated always as identity,
  kind       text not null,
  actor      text,
  payload    jsonb not null,
  created_at timestamp with time zone not null default now(),
  constraint events_pkey primary key (id)
);

create index events_kind_idx on public.events using btree (kind);
create index events_kind_idx1 on public.events using btree (kind);
create index events_kind_created_at_idx on public.events using btree (kind, created_at desc nulls last);
create unique index events_kind_unique on public.events using btree (kind, actor) nulls not distinct;
create index events_lower_idx on public.events using btree (lower(actor));
create index events_expr_expr1_idx on public.events using btree ((payload ->> 'a'), (payload ->> 'b'));
create index events_created_at_kind_actor_idx on public.events using btree (created_at) include (kind, actor);
create index events_actor_pattern on public.events using btree (actor collate "C" text_pattern_ops);
create index events_payload on public.events using gin (payload jsonb_path_ops);
create index events_recent on public.events using brin (created_at) with (pages_per_range = 32);
create index events_partial on public.events using btree (created_at) where (kind = 'login' and actor is not null);
create index events_fill on public.events using btree (kind asc nulls first) with (fillfactor = 80, deduplicate_items = off);
