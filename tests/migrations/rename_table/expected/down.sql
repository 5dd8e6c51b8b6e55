-- schemac migration (down): 2 steps; hazards: ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- rename table public.posts to articles [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF to_regclass('public.posts') IS NOT NULL AND to_regclass('public.articles') IS NULL THEN ALTER TABLE public.posts RENAME TO articles; END IF; END $schemac$;
-- rename primary key posts_pkey on public.articles to articles_pkey
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.articles') AND conname = 'posts_pkey') AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.articles') AND conname = 'articles_pkey') THEN ALTER TABLE public.articles RENAME CONSTRAINT posts_pkey TO articles_pkey; END IF; END $schemac$;
COMMIT;
