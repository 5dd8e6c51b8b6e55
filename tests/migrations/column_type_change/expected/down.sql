-- schemac migration (down): 6 steps; hazards: DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK, BLOCKS_WRITES
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop index events_counter_idx on public.events [ACCESS_EXCLUSIVE_LOCK]
DROP INDEX IF EXISTS public.events_counter_idx;
-- change type of public.events.id from bigint to integer [TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.events') AND attname = 'id' AND (format_type(atttypid, atttypmod) NOT IN ('integer') OR attcollation <> (SELECT typcollation FROM pg_type WHERE oid = atttypid))) THEN ALTER TABLE public.events ALTER COLUMN id TYPE integer USING id::integer; END IF; END $schemac$;
-- change type of public.events.counter from bigint to integer [TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.events') AND attname = 'counter' AND (format_type(atttypid, atttypmod) NOT IN ('integer') OR attcollation <> (SELECT typcollation FROM pg_type WHERE oid = atttypid))) THEN ALTER TABLE public.events ALTER COLUMN counter TYPE integer USING counter::integer; END IF; END $schemac$;
-- change type of public.events.label from text to character varying(40) [DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.events') AND attname = 'label' AND (format_type(atttypid, atttypmod) NOT IN ('character varying(40)') OR attcollation <> (SELECT typcollation FROM pg_type WHERE oid = atttypid))) THEN ALTER TABLE public.events ALTER COLUMN label TYPE character varying(40) USING label::character varying(40); END IF; END $schemac$;
-- change type of public.events.note from text to character varying(200) [DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.events') AND attname = 'note' AND (format_type(atttypid, atttypmod) NOT IN ('character varying(200)') OR attcollation <> (SELECT typcollation FROM pg_type WHERE oid = atttypid))) THEN ALTER TABLE public.events ALTER COLUMN note TYPE character varying(200) USING note::character varying(200); END IF; END $schemac$;
-- create index events_counter_idx on public.events [BLOCKS_WRITES]
CREATE INDEX IF NOT EXISTS events_counter_idx ON public.events USING btree (counter);
COMMIT;
