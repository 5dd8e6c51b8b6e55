-- schemac migration (up): 2 steps; hazards: ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- rename table public.articles to posts [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF to_regclass('public.articles') IS NOT NULL AND to_regclass('public.posts') IS NULL THEN ALTER TABLE public.articles RENAME TO posts; END IF; END $schemac$;
-- rename primary key articles_pkey on public.posts to posts_pkey
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.posts') AND conname = 'articles_pkey') AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.posts') AND conname = 'posts_pkey') THEN ALTER TABLE public.posts RENAME CONSTRAINT articles_pkey TO posts_pkey; END IF; END $schemac$;
COMMIT;
