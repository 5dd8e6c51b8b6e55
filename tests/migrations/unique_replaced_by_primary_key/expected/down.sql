-- schemac migration (down): 7 steps; hazards: ACCESS_EXCLUSIVE_LOCK, BLOCKS_WRITES
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop foreign key members_slug_fkey on public.members [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.members DROP CONSTRAINT IF EXISTS members_slug_fkey;
-- drop foreign key members_team_id_fkey on public.members [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.members DROP CONSTRAINT IF EXISTS members_team_id_fkey;
-- drop primary key teams_pkey on public.teams [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = to_regclass('public.teams') AND c.conname = 'teams_pkey' AND c.contype = 'p' AND ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) = ARRAY['id']::text[] AND c.condeferrable = false AND c.condeferred = false) THEN ALTER TABLE public.teams DROP CONSTRAINT teams_pkey; END IF; END $schemac$;
-- drop unique constraint teams_slug_key on public.teams [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = to_regclass('public.teams') AND c.conname = 'teams_slug_key' AND c.contype = 'u' AND ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) = ARRAY['slug']::text[] AND (SELECT i.indnullsnotdistinct FROM pg_index i WHERE i.indexrelid = c.conindid) = false AND c.condeferrable = false AND c.condeferred = false) THEN ALTER TABLE public.teams DROP CONSTRAINT teams_slug_key; END IF; END $schemac$;
-- add unique constraint teams_id_key on public.teams [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.teams') AND conname = 'teams_id_key') THEN ALTER TABLE public.teams ADD CONSTRAINT teams_id_key UNIQUE (id); END IF; END $schemac$;
-- add foreign key members_team_id_fkey on public.members [BLOCKS_WRITES]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.members') AND conname = 'members_team_id_fkey') THEN ALTER TABLE public.members ADD CONSTRAINT members_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams (id) ON DELETE no action ON UPDATE no action NOT VALID; END IF; END $schemac$;
-- validate foreign key members_team_id_fkey on public.members
ALTER TABLE public.members VALIDATE CONSTRAINT members_team_id_fkey;
COMMIT;
