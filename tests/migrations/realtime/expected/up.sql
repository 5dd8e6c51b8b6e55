-- schemac migration (up): 3 steps
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- remove public.presence from publication supabase_realtime
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid WHERE p.pubname = 'supabase_realtime' AND pr.prrelid = to_regclass('public.presence')) THEN ALTER PUBLICATION supabase_realtime DROP TABLE public.presence; END IF; END $schemac$;
-- add public.messages to publication supabase_realtime
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid WHERE p.pubname = 'supabase_realtime' AND pr.prrelid = to_regclass('public.messages')) THEN ALTER PUBLICATION supabase_realtime ADD TABLE public.messages; END IF; END $schemac$;
-- set replica identity of public.rooms
ALTER TABLE public.rooms REPLICA IDENTITY FULL;
COMMIT;
