-- source: tests/golden/schemas_extern/input/extern.schema
-- needs: role app_user
-- needs: role reporter
-- needs: schema app
-- needs: table app.legacy_users(id integer primary key, name text not null)
-- (schema app is declared by the schema and created below with IF NOT EXISTS, but the extern
-- table app.legacy_users lives in it, so the test must create schema app to create that table
-- before this file runs.)

create schema if not exists app;
create schema "Reporting";

create table app.accounts (
  id        serial not null,
  legacy_id integer,
  constraint accounts_pkey primary key (id),
  constraint accounts_legacy_id_fkey foreign key (legacy_id) references app.legacy_users (id)
);
grant select, update on table app.accounts to app_user;

create table "Reporting"."Daily Totals" (
  day   date not null,
  total numeric not null,
  constraint "Daily Totals_pkey" primary key (day)
);
grant select on table "Reporting"."Daily Totals" to reporter;
