-- Foreign keys seen through views, for the TypeScript types' parity check
-- (tests/integration/types_test.cc, "relationships through views"): what supabase-js embeds
-- through `.from('a_view').select('*, other_table(*)')`. Written for schemas public and api.

create table public.authors (
  id bigint primary key,
  name text not null
);

create table public.books (
  id bigint primary key,
  author_id bigint references public.authors (id),
  editor_id bigint references public.authors (id),
  title text not null
);

-- One to one: its key is its primary key.
create table public.book_details (
  book_id bigint primary key references public.books (id),
  pages integer
);

-- A two-column key, which a view exposes only in part (no relationship) or whole.
create table public.editions (
  book_id bigint not null,
  number integer not null,
  primary key (book_id, number)
);
create table public.prints (
  id bigint primary key,
  book_id bigint not null,
  edition integer not null,
  constraint prints_edition_fkey foreign key (book_id, edition)
    references public.editions (book_id, number)
);

create table public.tags (
  name text primary key
);

-- view -> table (books' keys to authors), table -> view (book_details to books' id), and,
-- with author_names, view -> view. author_id is selected twice: one entry per column.
create view public.book_list as
  select b.id, b.author_id, b.author_id as writer, b.title, upper(b.title) as shout
  from public.books b;

create view public.author_names as select id, name from public.authors;

-- A view on a view: the keys are followed down to the table.
create view public.recent_books as select id, author_id, title from public.book_list;

-- A join: columns of both tables.
create view public.book_authors as
  select b.id as book_id, b.editor_id, a.id as author_id, a.name
  from public.books b join public.authors a on a.id = b.author_id;

create materialized view public.print_runs as select id, book_id, edition from public.prints;
create view public.edition_numbers as select number from public.editions;

-- Another schema: PostgREST embeds within a schema only, so no entries here nor towards it.
create schema api;
create view api.books as select id, author_id, title from public.books;
