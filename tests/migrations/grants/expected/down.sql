-- schemac migration (down): 3 steps; hazards: AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- revoke on public.posts from authenticated [AUTHZ_CHANGE]
REVOKE update, delete ON TABLE public.posts FROM authenticated;
-- grant on public.posts to anon [AUTHZ_CHANGE]
GRANT select ON TABLE public.posts TO anon;
-- grant on public.posts to service_role [AUTHZ_CHANGE]
GRANT references, trigger ON TABLE public.posts TO service_role;
COMMIT;
