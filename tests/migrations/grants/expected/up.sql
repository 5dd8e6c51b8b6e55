-- schemac migration (up): 3 steps; hazards: AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- revoke on public.posts from anon [AUTHZ_CHANGE]
REVOKE select ON TABLE public.posts FROM anon;
-- revoke on public.posts from service_role [AUTHZ_CHANGE]
REVOKE references, trigger ON TABLE public.posts FROM service_role;
-- grant on public.posts to authenticated [AUTHZ_CHANGE]
GRANT update, delete ON TABLE public.posts TO authenticated;
COMMIT;
