-- schemac migration (up): 5 steps; hazards: ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop primary key slots_pkey on public.slots [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = to_regclass('public.slots') AND c.conname = 'slots_pkey' AND c.contype = 'p' AND ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) = ARRAY['id']::text[] AND c.condeferrable = false AND c.condeferred = false) THEN ALTER TABLE public.slots DROP CONSTRAINT slots_pkey; END IF; END $schemac$;
-- drop unique constraint slots_position_key on public.slots [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = to_regclass('public.slots') AND c.conname = 'slots_position_key' AND c.contype = 'u' AND ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) = ARRAY['board', 'position']::text[] AND (SELECT i.indnullsnotdistinct FROM pg_index i WHERE i.indexrelid = c.conindid) = false AND c.condeferrable = false AND c.condeferred = false) THEN ALTER TABLE public.slots DROP CONSTRAINT slots_position_key; END IF; END $schemac$;
-- add primary key slots_pkey on public.slots [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.slots') AND conname = 'slots_pkey') THEN ALTER TABLE public.slots ADD CONSTRAINT slots_pkey PRIMARY KEY (id) DEFERRABLE; END IF; END $schemac$;
-- add unique constraint slots_id_key on public.slots [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.slots') AND conname = 'slots_id_key') THEN ALTER TABLE public.slots ADD CONSTRAINT slots_id_key UNIQUE (id); END IF; END $schemac$;
-- add unique constraint slots_position_key on public.slots [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.slots') AND conname = 'slots_position_key') THEN ALTER TABLE public.slots ADD CONSTRAINT slots_position_key UNIQUE (board, "position") DEFERRABLE INITIALLY DEFERRED; END IF; END $schemac$;
COMMIT;
