-- schemac migration (down): 6 steps; hazards: TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop identity of public.tickets.switched
ALTER TABLE public.tickets ALTER COLUMN switched DROP IDENTITY IF EXISTS;
-- drop default of public.tickets.number
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.tickets') AND attname = 'number' AND atthasdef AND attidentity = '') THEN ALTER TABLE public.tickets ALTER COLUMN number DROP DEFAULT; END IF; END $schemac$;
DO $schemac$ BEGIN IF to_regclass('public.tickets_number_seq') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_depend WHERE classid = 'pg_class'::regclass AND objid = to_regclass('public.tickets_number_seq') AND deptype = 'i') THEN DROP SEQUENCE public.tickets_number_seq; END IF; END $schemac$;
-- drop default of public.tickets.made
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.tickets') AND attname = 'made' AND atthasdef AND attidentity = '') THEN ALTER TABLE public.tickets ALTER COLUMN made DROP DEFAULT; END IF; END $schemac$;
DO $schemac$ BEGIN IF to_regclass('public.tickets_made_seq') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_depend WHERE classid = 'pg_class'::regclass AND objid = to_regclass('public.tickets_made_seq') AND deptype = 'i') THEN DROP SEQUENCE public.tickets_made_seq; END IF; END $schemac$;
-- change type of public.tickets.id from bigint to integer [TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.tickets') AND attname = 'id' AND (format_type(atttypid, atttypmod) NOT IN ('integer') OR attcollation <> (SELECT typcollation FROM pg_type WHERE oid = atttypid))) THEN ALTER TABLE public.tickets ALTER COLUMN id TYPE integer USING id::integer; END IF; END $schemac$;
ALTER SEQUENCE IF EXISTS public.tickets_id_seq AS integer;
-- set default of public.tickets.switched
DO $schemac$ BEGIN IF to_regclass('public.tickets_switched_seq') IS NULL THEN CREATE SEQUENCE public.tickets_switched_seq AS integer OWNED BY public.tickets.switched; PERFORM setval('public.tickets_switched_seq', max(switched)) FROM public.tickets HAVING max(switched) >= 1; END IF; END $schemac$;
ALTER TABLE public.tickets ALTER COLUMN switched SET DEFAULT nextval('tickets_switched_seq'::regclass);
-- make public.tickets.made an identity column [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.tickets') AND attname = 'made' AND attidentity = '') THEN ALTER TABLE public.tickets ALTER COLUMN made ADD GENERATED ALWAYS AS IDENTITY; PERFORM setval(pg_get_serial_sequence('public.tickets', 'made'), max(made)) FROM public.tickets HAVING max(made) >= (SELECT seqstart FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('public.tickets', 'made')::regclass); END IF; END $schemac$;
COMMIT;
