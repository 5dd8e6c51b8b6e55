-- schemac migration (up): 4 steps; hazards: ACCESS_EXCLUSIVE_LOCK, BLOCKS_WRITES
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop foreign key visits_other on public.visits [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.visits DROP CONSTRAINT IF EXISTS visits_other;
-- add foreign key visits_other on public.visits [BLOCKS_WRITES]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.visits') AND conname = 'visits_other') THEN ALTER TABLE public.visits ADD CONSTRAINT visits_other FOREIGN KEY (place_region, place_code) REFERENCES public.places (region, code) MATCH FULL ON DELETE no action ON UPDATE no action NOT VALID; END IF; END $schemac$;
-- validate foreign key visits_other on public.visits
ALTER TABLE public.visits VALIDATE CONSTRAINT visits_other;
-- make foreign key visits_place on public.visits deferrable initially deferred
ALTER TABLE public.visits ALTER CONSTRAINT visits_place DEFERRABLE INITIALLY DEFERRED;
COMMIT;
