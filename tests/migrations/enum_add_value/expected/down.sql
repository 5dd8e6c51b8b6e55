-- schemac migration (down): 0 steps
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
DO $schemac$ BEGIN RAISE EXCEPTION '%', 'this migration cannot be reversed without losing data: enum public.mood loses values ''tense'', ''angry'': PostgreSQL cannot remove an enum value (keep the old values in their order, rename with a hint, or pass --allow-enum-recreate to recreate the type and convert its columns); (generate it with --allow-lossy-down to run it anyway)'; END $schemac$;
COMMIT;
