-- schemac migration (up): 9 steps; hazards: AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop view public.short_titles
DROP VIEW IF EXISTS public.short_titles;
-- drop view public.titles
DROP VIEW IF EXISTS public.titles;
-- replace view public.bodies
CREATE OR REPLACE VIEW public.bodies AS
SELECT p.id,
    p.body
   FROM posts p
     JOIN posts q ON q.id = p.id;
-- create view public.titles
CREATE OR REPLACE VIEW public.titles AS
SELECT p.id::text AS id,
    p.title
   FROM posts p
     JOIN posts q ON q.id = p.id;
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('public.titles')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- create view public.short_titles
CREATE OR REPLACE VIEW public.short_titles AS
SELECT t.id,
    t.title
   FROM titles t
     JOIN posts q ON q.id::text = t.id
  WHERE length(t.title) < 20;
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('public.short_titles')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- grant on view public.titles to anon [AUTHZ_CHANGE]
GRANT select ON TABLE public.titles TO anon;
-- grant on view public.short_titles to anon [AUTHZ_CHANGE]
GRANT select ON TABLE public.short_titles TO anon;
-- comment on view public.titles
COMMENT ON VIEW public.titles IS 'Titles.';
-- comment on column public.short_titles.title
COMMENT ON COLUMN public.short_titles.title IS 'Short enough for a card.';
COMMIT;
