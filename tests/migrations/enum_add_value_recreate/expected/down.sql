-- schemac migration (down): 1 step; hazards: TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- recreate enum public.mood with new values [TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF (SELECT array_agg(enumlabel::text ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = to_regtype('public.mood')) IS NOT DISTINCT FROM ARRAY['calm', 'busy']::text[] THEN RETURN; END IF; ALTER TYPE public.mood RENAME TO mood__schemac_old; CREATE TYPE public.mood AS ENUM ('calm', 'busy'); IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.moods') AND attname = 'mood' AND atttypid IN (to_regtype('public.mood__schemac_old'), (SELECT typarray FROM pg_type WHERE oid = to_regtype('public.mood__schemac_old')))) THEN IF EXISTS (SELECT 1 FROM public.moods WHERE mood::text NOT IN ('calm', 'busy')) THEN RAISE EXCEPTION '%', 'column public.moods.mood holds a value that enum public.mood no longer has'; END IF; ALTER TABLE public.moods ALTER COLUMN mood DROP DEFAULT; ALTER TABLE public.moods ALTER COLUMN mood TYPE public.mood USING mood::text::public.mood; ALTER TABLE public.moods ALTER COLUMN mood SET DEFAULT 'calm'::mood; END IF; DROP TYPE public.mood__schemac_old; END $schemac$;
COMMIT;
