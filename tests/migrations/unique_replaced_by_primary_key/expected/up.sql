-- schemac migration (up): 8 steps; hazards: ACCESS_EXCLUSIVE_LOCK, BLOCKS_WRITES
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop foreign key members_team_id_fkey on public.members [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.members DROP CONSTRAINT IF EXISTS members_team_id_fkey;
-- drop unique constraint teams_id_key on public.teams [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = to_regclass('public.teams') AND c.conname = 'teams_id_key' AND c.contype = 'u' AND ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) = ARRAY['id']::text[] AND (SELECT i.indnullsnotdistinct FROM pg_index i WHERE i.indexrelid = c.conindid) = false AND c.condeferrable = false AND c.condeferred = false) THEN ALTER TABLE public.teams DROP CONSTRAINT teams_id_key; END IF; END $schemac$;
-- add primary key teams_pkey on public.teams [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.teams') AND conname = 'teams_pkey') THEN ALTER TABLE public.teams ADD CONSTRAINT teams_pkey PRIMARY KEY (id); END IF; END $schemac$;
-- add unique constraint teams_slug_key on public.teams [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.teams') AND conname = 'teams_slug_key') THEN ALTER TABLE public.teams ADD CONSTRAINT teams_slug_key UNIQUE (slug); END IF; END $schemac$;
-- add foreign key members_slug_fkey on public.members [BLOCKS_WRITES]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.members') AND conname = 'members_slug_fkey') THEN ALTER TABLE public.members ADD CONSTRAINT members_slug_fkey FOREIGN KEY (slug) REFERENCES public.teams (slug) ON DELETE no action ON UPDATE no action NOT VALID; END IF; END $schemac$;
-- add foreign key members_team_id_fkey on public.members [BLOCKS_WRITES]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.members') AND conname = 'members_team_id_fkey') THEN ALTER TABLE public.members ADD CONSTRAINT members_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams (id) ON DELETE no action ON UPDATE no action NOT VALID; END IF; END $schemac$;
-- validate foreign key members_slug_fkey on public.members
ALTER TABLE public.members VALIDATE CONSTRAINT members_slug_fkey;
-- validate foreign key members_team_id_fkey on public.members
ALTER TABLE public.members VALIDATE CONSTRAINT members_team_id_fkey;
COMMIT;
