-- source: tests/golden/long_names/input/long_names.schema
-- (target postgres, no extern objects: nothing needed before this file)

create table public.a_very_long_table_name_that_goes_on_and_on_and_on_for_ever_x (
  id                                                          integer not null,
  a_very_long_column_name_that_goes_on_and_on_and_on_for_ever integer not null,
  another_long_column_name_that_is_also_quite_long_indeed_yes integer not null,
  constraint a_very_long_table_name_that__a_very_long_column_name_that_check
    check (a_very_long_column_name_that_goes_on_and_on_and_on_for_ever > 0),
  constraint a_very_long_table_name_that_goes_on_and_on_and_on_for_ever_pkey
    primary key (id),
  constraint a_very_long_table_name_that_g_a_very_long_column_name_that__key
    unique (a_very_long_column_name_that_goes_on_and_on_and_on_for_ever),
  constraint a_very_long_table_name_that_g_another_long_column_name_that_key
    unique (another_long_column_name_that_is_also_quite_long_indeed_yes)
);

create index a_very_long_table_name_that_g_a_very_long_column_name_that__idx
  on public.a_very_long_table_name_that_goes_on_and_on_and_on_for_ever_x using btree
  (a_very_long_column_name_that_goes_on_and_on_and_on_for_ever, another_long_column_name_that_is_also_quite_long_indeed_yes);
create index a_very_long_table_name_that_g_a_very_long_column_name_that_idx1
  on public.a_very_long_table_name_that_goes_on_and_on_and_on_for_ever_x using btree
  (a_very_long_column_name_that_goes_on_and_on_and_on_for_ever, another_long_column_name_that_is_also_quite_long_indeed_yes);

create table public."Ünïcödé_tâble_wïth_ä_löng_nämé_ëëëëëëëëë" (
  "çolumn_ñame" integer not null,
  constraint "Ünïcödé_tâble_wïth_ä_löng_nämé_ëëëëëëëë_pkey" primary key ("çolumn_ñame")
);
