-- source: tests/golden/views/input/views.schema
-- needs: supabase

create table public.posts (
  id        bigint not null,
  owner_id  uuid not null,
  title     text not null,
  published boolean not null,
  constraint posts_pkey primary key (id)
);
grant select on table public.posts to anon;
grant select on table public.posts to authenticated;

create view public.published_posts with (security_invoker = true) as
  select id, owner_id, title from posts where published;
comment on view public.published_posts is 'Published posts, read with the reader''s own rights.';
comment on column public.published_posts.title is 'The post''s title.';
grant select on table public.published_posts to anon;
grant select on table public.published_posts to authenticated;

create view public.my_titles as
  select title from published_posts where owner_id = (select auth.uid())
  with local check option;
grant select on table public.my_titles to authenticated;

create materialized view public.post_counts as
  select owner_id, count(*) as posts from posts group by owner_id;
create unique index post_counts_owner on public.post_counts (owner_id);
comment on materialized view public.post_counts is 'Posts per owner.';
grant select on table public.post_counts to authenticated;
