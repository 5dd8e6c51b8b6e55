-- schemac migration (up): 5 steps; hazards: ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop exclusion constraint bookings_free_room on public.bookings [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.bookings DROP CONSTRAINT IF EXISTS bookings_free_room;
-- create extension btree_gist
CREATE EXTENSION IF NOT EXISTS btree_gist;
-- add exclusion constraint bookings_free_room on public.bookings [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.bookings') AND conname = 'bookings_free_room') THEN ALTER TABLE public.bookings ADD CONSTRAINT bookings_free_room EXCLUDE USING gist ((tstzrange(starts, ends)) WITH &&) WHERE (room = 1); END IF; END $schemac$;
-- add exclusion constraint bookings_no_overlap on public.bookings [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.bookings') AND conname = 'bookings_no_overlap') THEN ALTER TABLE public.bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, (tstzrange(starts, ends)) WITH &&) DEFERRABLE; END IF; END $schemac$;
-- comment on constraint bookings_no_overlap on public.bookings
COMMENT ON CONSTRAINT bookings_no_overlap ON public.bookings IS 'No two bookings of a room overlap.';
COMMIT;
