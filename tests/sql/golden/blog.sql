-- engine: pglite
-- source: tests/golden/blog/input/blog.schema
-- needs: supabase

create extension if not exists vector;

create type public.post_status as enum ('draft', 'published', 'archived');
comment on type public.post_status is 'Editorial lifecycle of a post.';

create table public.profiles (
  id         uuid not null,
  handle     text not null,
  created_at timestamp with time zone not null default now(),
  constraint profiles_handle_check check (handle ~ '^[a-z0-9_]{3,30}$'),
  constraint profiles_pkey primary key (id),
  constraint profiles_handle_key unique (handle),
  constraint profiles_id_fkey foreign key (id) references auth.users (id) on delete cascade
);
comment on table public.profiles is 'One row per auth user.';

create table public.posts (
  id         uuid not null default gen_random_uuid(),
  owner_id   uuid not null,
  title      text not null,
  body       text,
  status     public.post_status not null default 'draft',
  embedding  public.vector(1536),
  created_at timestamp with time zone not null default now(),
  constraint posts_title_check check (length(title) between 1 and 200),
  constraint posts_title_trimmed check (title = btrim(title)),
  constraint posts_pkey primary key (id),
  constraint posts_owner_id_title_key unique (owner_id, title),
  constraint posts_owner_id_fkey foreign key (owner_id) references public.profiles (id) on delete cascade
);
comment on column public.posts.body is 'Markdown body.';

create index posts_owner_created on public.posts using btree (owner_id, created_at desc);
create index posts_live on public.posts using btree (created_at desc) where (status = 'published');
create index posts_embedding on public.posts using hnsw (embedding vector_cosine_ops) with (m = 16, ef_construction = 64);

alter table public.posts enable row level security;

grant select on table public.posts to anon, authenticated;
grant insert, update, delete on table public.posts to authenticated;

create policy "owners read own posts" on public.posts
  as permissive for select to authenticated
  using ((select auth.uid()) = owner_id);
create policy "owners write own posts" on public.posts
  as permissive for all to authenticated
  using ((select auth.uid()) = owner_id)
  with check ((select auth.uid()) = owner_id);

alter publication supabase_realtime add table public.posts;
