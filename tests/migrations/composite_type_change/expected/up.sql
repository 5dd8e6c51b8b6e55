-- schemac migration (up): 7 steps; hazards: DATA_LOSS
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop attribute public.point2.label [DATA_LOSS]
ALTER TYPE public.point2 DROP ATTRIBUTE IF EXISTS label;
-- create type public.span
DO $schemac$ BEGIN IF to_regtype('public.span') IS NULL THEN CREATE TYPE public.span AS (lo integer, hi integer); END IF; END $schemac$;
-- add attribute zip to type public.address
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = (SELECT typrelid FROM pg_type WHERE oid = to_regtype('public.address')) AND attname = 'zip' AND NOT attisdropped) THEN ALTER TYPE public.address ADD ATTRIBUTE zip text COLLATE "C"; END IF; END $schemac$;
-- alter type of attribute public.point2.x (bigint)
ALTER TYPE public.point2 ALTER ATTRIBUTE x TYPE bigint;
-- add attribute z to type public.point2
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = (SELECT typrelid FROM pg_type WHERE oid = to_regtype('public.point2')) AND attname = 'z' AND NOT attisdropped) THEN ALTER TYPE public.point2 ADD ATTRIBUTE z integer; END IF; END $schemac$;
-- add column public.places.area (public.span)
ALTER TABLE public.places ADD COLUMN IF NOT EXISTS area public.span;
-- comment on type public.address
COMMENT ON TYPE public.address IS 'A postal address.';
COMMIT;
