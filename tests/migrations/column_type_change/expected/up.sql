-- schemac migration (up): 6 steps; hazards: TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK, BLOCKS_WRITES
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop index events_counter_idx on public.events [ACCESS_EXCLUSIVE_LOCK]
DROP INDEX IF EXISTS public.events_counter_idx;
-- change type of public.events.id from integer to bigint [TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.events') AND attname = 'id' AND (format_type(atttypid, atttypmod) NOT IN ('bigint') OR attcollation <> (SELECT typcollation FROM pg_type WHERE oid = atttypid))) THEN ALTER TABLE public.events ALTER COLUMN id TYPE bigint USING id::bigint; END IF; END $schemac$;
-- change type of public.events.counter from integer to bigint [TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.events') AND attname = 'counter' AND (format_type(atttypid, atttypmod) NOT IN ('bigint') OR attcollation <> (SELECT typcollation FROM pg_type WHERE oid = atttypid))) THEN ALTER TABLE public.events ALTER COLUMN counter TYPE bigint USING counter::bigint; END IF; END $schemac$;
-- change type of public.events.label from character varying(40) to text [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.events') AND attname = 'label' AND (format_type(atttypid, atttypmod) NOT IN ('text') OR attcollation <> (SELECT typcollation FROM pg_type WHERE oid = atttypid))) THEN ALTER TABLE public.events ALTER COLUMN label TYPE text USING label::text; END IF; END $schemac$;
-- change type of public.events.note from character varying(200) to text [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.events') AND attname = 'note' AND (format_type(atttypid, atttypmod) NOT IN ('text') OR attcollation <> (SELECT typcollation FROM pg_type WHERE oid = atttypid))) THEN ALTER TABLE public.events ALTER COLUMN note TYPE text USING note::text; END IF; END $schemac$;
-- create index events_counter_idx on public.events [BLOCKS_WRITES]
CREATE INDEX IF NOT EXISTS events_counter_idx ON public.events USING btree (counter);
COMMIT;
