-- schemac migration (down): 7 steps; hazards: DATA_LOSS, ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop attribute public.address.zip [DATA_LOSS]
ALTER TYPE public.address DROP ATTRIBUTE IF EXISTS zip;
-- drop attribute public.point2.z [DATA_LOSS]
ALTER TYPE public.point2 DROP ATTRIBUTE IF EXISTS z;
-- drop column public.places.area [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.places DROP COLUMN IF EXISTS area;
-- alter type of attribute public.point2.x (integer)
ALTER TYPE public.point2 ALTER ATTRIBUTE x TYPE integer;
-- add attribute label to type public.point2
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = (SELECT typrelid FROM pg_type WHERE oid = to_regtype('public.point2')) AND attname = 'label' AND NOT attisdropped) THEN ALTER TYPE public.point2 ADD ATTRIBUTE label text; END IF; END $schemac$;
-- comment on type public.address
COMMENT ON TYPE public.address IS 'An address.';
-- drop type public.span [DATA_LOSS]
DROP TYPE IF EXISTS public.span;
COMMIT;
