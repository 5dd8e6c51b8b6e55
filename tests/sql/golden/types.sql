-- engine: pglite
-- source: tests/golden/types/input/types.schema
-- (target postgres, no extern objects: nothing needed before this file); the engine must provide the citext
-- and vector extensions (vector/halfvec/sparsevec columns need pgvector >= 0.7)

create extension if not exists citext;
create extension if not exists vector;

create type public.mood as enum ('sad', 'ok', 'happy');

create table public.all_types (
  id        bigint not null generated always as identity,
  a_int2    smallint not null,
  a_small   smallint not null,
  a_int     integer not null,
  a_int4    integer not null,
  a_integer integer not null,
  a_int8    bigint not null,
  a_serial  serial not null,
  a_bigser  bigserial not null,
  a_smser   smallserial not null,
  a_num     numeric not null,
  a_num_p   numeric(10) not null,
  a_num_ps  numeric(10,2) not null,
  a_dec     numeric(5,1) not null,
  a_real    real not null,
  a_float4  real not null,
  a_double  double precision not null,
  a_float8  double precision not null,
  a_text    text not null,
  a_vc      character varying(20) not null,
  a_cv      character varying(30) not null,
  a_char    character(2) not null,
  a_char1   character(1) not null,
  a_bpchar  bpchar not null,
  a_bool    boolean not null,
  a_boolean boolean not null,
  a_uuid    uuid not null,
  a_date    date not null,
  a_time    time without time zone not null,
  a_timetz  time with time zone not null,
  a_time_p  time(3) with time zone not null,
  a_ts      timestamp without time zone not null,
  a_ts_p    timestamp(3) without time zone not null,
  a_tstz    timestamp with time zone not null,
  a_tstz_p  timestamp(6) with time zone not null,
  a_iv      interval not null,
  a_bytea   bytea not null,
  a_json    json not null,
  a_jsonb   jsonb not null,
  a_citext  public.citext not null,
  a_inet    inet not null,
  a_cidr    cidr not null,
  a_mac     macaddr not null,
  a_money   money not null,
  a_tsv     tsvector not null,
  a_arr     text[] not null,
  a_arr2    integer[] not null,
  a_enum    public.mood not null,
  a_enums   public.mood[],
  a_vec     public.vector(3),
  a_half    public.halfvec(3),
  a_sparse  public.sparsevec(5),
  constraint all_types_pkey primary key (id)
);
