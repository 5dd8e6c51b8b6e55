-- engine: pglite
-- source: tests/golden/pg18/input/pg18.schema
-- (PostgreSQL 18 only: named, NO INHERIT and NOT VALID NOT NULL constraints, a virtual
-- generated column; PGlite is PostgreSQL 18)

create table public.orders (
  id       bigint not null generated always as identity,
  customer text constraint orders_customer_required not null no inherit,
  note     text,
  cents    bigint,
  quantity integer not null,
  total    bigint not null generated always as (cents * quantity) virtual,
  taxed    bigint generated always as (cents * 12 / 10) stored,
  constraint orders_pkey primary key (id)
);
alter table public.orders add not null note not valid;
alter table public.orders add constraint orders_cents_set not null cents not valid;
comment on table public.orders is 'What PostgreSQL 18 added: NOT NULL constraints with a name, NO INHERIT or NOT VALID, and
virtual generated columns (computed when read).';
