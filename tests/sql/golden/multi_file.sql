-- source: tests/golden/multi_file/input/ (a_types.schema + sub/b_tables.schema, one schema)
-- (target postgres, no extern objects: nothing needed before this file)

create schema billing;

create type billing.currency as enum ('eur', 'usd');

create table billing.invoices (
  id       uuid not null,
  customer uuid not null,
  currency billing.currency not null default 'eur',
  constraint invoices_pkey primary key (id)
);

create table public.customers (
  id   uuid not null,
  name text not null,
  constraint customers_pkey primary key (id)
);

-- customers is declared after invoices: add the forward foreign key now.
alter table billing.invoices add constraint invoices_customer_fkey
  foreign key (customer) references public.customers (id);
