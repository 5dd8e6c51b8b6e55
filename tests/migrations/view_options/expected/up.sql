-- schemac migration (up): 7 steps; hazards: AUTHZ_CHANGE, BLOCKS_WRITES
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop materialized view public.post_total
DROP MATERIALIZED VIEW IF EXISTS public.post_total;
-- create materialized view public.post_total
CREATE MATERIALIZED VIEW IF NOT EXISTS public.post_total AS
SELECT count(*) AS n
   FROM posts p
     JOIN posts q ON q.id = p.id
  WHERE p.id > 0;
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('public.post_total')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- alter view public.posts_view
ALTER VIEW public.posts_view SET (security_invoker = true, security_barrier = true, check_option = cascaded);
-- create index post_total_n on public.post_total [BLOCKS_WRITES]
CREATE UNIQUE INDEX IF NOT EXISTS post_total_n ON public.post_total USING btree (n);
-- grant on view public.posts_view to authenticated [AUTHZ_CHANGE]
GRANT insert ON TABLE public.posts_view TO authenticated;
-- comment on view public.posts_view
COMMENT ON VIEW public.posts_view IS 'Posts, as their reader may see them.';
-- comment on column public.posts_view.title
COMMENT ON COLUMN public.posts_view.title IS 'Shown title.';
COMMIT;
