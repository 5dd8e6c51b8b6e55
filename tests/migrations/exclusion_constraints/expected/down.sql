-- schemac migration (down): 4 steps; hazards: DATA_LOSS, ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop exclusion constraint bookings_free_room on public.bookings [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.bookings DROP CONSTRAINT IF EXISTS bookings_free_room;
-- drop exclusion constraint bookings_no_overlap on public.bookings [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.bookings DROP CONSTRAINT IF EXISTS bookings_no_overlap;
-- add exclusion constraint bookings_free_room on public.bookings [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.bookings') AND conname = 'bookings_free_room') THEN ALTER TABLE public.bookings ADD CONSTRAINT bookings_free_room EXCLUDE USING gist ((tstzrange(starts, ends)) WITH &&) WHERE (room = 0); END IF; END $schemac$;
-- drop extension btree_gist [DATA_LOSS]
DROP EXTENSION IF EXISTS btree_gist;
COMMIT;
