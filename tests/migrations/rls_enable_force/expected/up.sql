-- schemac migration (up): 4 steps; hazards: AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- enable row level security on public.profiles [AUTHZ_CHANGE]
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
-- no longer force row level security on public.audit [AUTHZ_CHANGE]
ALTER TABLE public.audit NO FORCE ROW LEVEL SECURITY;
-- force row level security on public.secrets [AUTHZ_CHANGE]
ALTER TABLE public.secrets FORCE ROW LEVEL SECURITY;
-- create policy "own profile" on public.profiles [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "own profile" ON public.profiles;
CREATE POLICY "own profile" ON public.profiles AS PERMISSIVE FOR select TO authenticated USING (( SELECT auth.uid() AS uid) = id);
COMMIT;
