-- schemac migration (down): 1 step; hazards: ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop foreign key books_author_id_fkey on public.books [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.books DROP CONSTRAINT IF EXISTS books_author_id_fkey;
COMMIT;
