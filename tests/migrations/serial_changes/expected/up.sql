-- schemac migration (up): 6 steps; hazards: TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop identity of public.tickets.made
ALTER TABLE public.tickets ALTER COLUMN made DROP IDENTITY IF EXISTS;
-- drop default of public.tickets.switched
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.tickets') AND attname = 'switched' AND atthasdef AND attidentity = '') THEN ALTER TABLE public.tickets ALTER COLUMN switched DROP DEFAULT; END IF; END $schemac$;
DO $schemac$ BEGIN IF to_regclass('public.tickets_switched_seq') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_depend WHERE classid = 'pg_class'::regclass AND objid = to_regclass('public.tickets_switched_seq') AND deptype = 'i') THEN DROP SEQUENCE public.tickets_switched_seq; END IF; END $schemac$;
-- change type of public.tickets.id from integer to bigint [TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.tickets') AND attname = 'id' AND (format_type(atttypid, atttypmod) NOT IN ('bigint') OR attcollation <> (SELECT typcollation FROM pg_type WHERE oid = atttypid))) THEN ALTER TABLE public.tickets ALTER COLUMN id TYPE bigint USING id::bigint; END IF; END $schemac$;
ALTER SEQUENCE IF EXISTS public.tickets_id_seq AS bigint;
-- set default of public.tickets.number
DO $schemac$ BEGIN IF to_regclass('public.tickets_number_seq') IS NULL THEN CREATE SEQUENCE public.tickets_number_seq AS integer OWNED BY public.tickets.number; PERFORM setval('public.tickets_number_seq', max(number)) FROM public.tickets HAVING max(number) >= 1; END IF; END $schemac$;
ALTER TABLE public.tickets ALTER COLUMN number SET DEFAULT nextval('tickets_number_seq'::regclass);
-- set default of public.tickets.made
DO $schemac$ BEGIN IF to_regclass('public.tickets_made_seq') IS NULL THEN CREATE SEQUENCE public.tickets_made_seq AS integer OWNED BY public.tickets.made; PERFORM setval('public.tickets_made_seq', max(made)) FROM public.tickets HAVING max(made) >= 1; END IF; END $schemac$;
ALTER TABLE public.tickets ALTER COLUMN made SET DEFAULT nextval('tickets_made_seq'::regclass);
-- make public.tickets.switched an identity column [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.tickets') AND attname = 'switched' AND attidentity = '') THEN ALTER TABLE public.tickets ALTER COLUMN switched ADD GENERATED ALWAYS AS IDENTITY; PERFORM setval(pg_get_serial_sequence('public.tickets', 'switched'), max(switched)) FROM public.tickets HAVING max(switched) >= (SELECT seqstart FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('public.tickets', 'switched')::regclass); END IF; END $schemac$;
COMMIT;
