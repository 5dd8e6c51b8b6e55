-- schemac migration (down): 6 steps; hazards: ACCESS_EXCLUSIVE_LOCK, BLOCKS_WRITES
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop index posts_email_lower on public.posts [ACCESS_EXCLUSIVE_LOCK]
DROP INDEX IF EXISTS public.posts_email_lower;
-- drop index posts_live on public.posts [ACCESS_EXCLUSIVE_LOCK]
DROP INDEX IF EXISTS public.posts_live;
-- drop index posts_slug on public.posts [ACCESS_EXCLUSIVE_LOCK]
DROP INDEX IF EXISTS public.posts_slug;
-- create index posts_email_lower on public.posts [BLOCKS_WRITES]
CREATE INDEX IF NOT EXISTS posts_email_lower ON public.posts USING btree ((lower(email)));
-- create index posts_live on public.posts [BLOCKS_WRITES]
CREATE INDEX IF NOT EXISTS posts_live ON public.posts USING btree (created_at DESC) WHERE (status = 'published'::text);
-- create index posts_slug on public.posts [BLOCKS_WRITES]
CREATE INDEX IF NOT EXISTS posts_slug ON public.posts USING btree (slug);
COMMIT;
