-- schemac migration (up): 6 steps; hazards: ACCESS_EXCLUSIVE_LOCK
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- rename table public.articles to posts [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF to_regclass('public.articles') IS NOT NULL AND to_regclass('public.posts') IS NULL THEN ALTER TABLE public.articles RENAME TO posts; END IF; END $schemac$;
-- drop foreign key comments_article_id_fkey on public.comments [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.comments DROP CONSTRAINT IF EXISTS comments_article_id_fkey;
-- drop primary key articles_pkey on public.posts [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.posts DROP CONSTRAINT IF EXISTS articles_pkey;
-- add primary key posts_pkey on public.posts [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.posts') AND conname = 'posts_pkey') THEN ALTER TABLE public.posts ADD CONSTRAINT posts_pkey PRIMARY KEY (id); END IF; END $schemac$;
-- add foreign key comments_article_id_fkey on public.comments [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.comments') AND conname = 'comments_article_id_fkey') THEN ALTER TABLE public.comments ADD CONSTRAINT comments_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.posts (id) ON DELETE cascade ON UPDATE no action NOT VALID; END IF; END $schemac$;
-- validate foreign key comments_article_id_fkey on public.comments
ALTER TABLE public.comments VALIDATE CONSTRAINT comments_article_id_fkey;
COMMIT;
