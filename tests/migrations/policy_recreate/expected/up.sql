-- schemac migration (up): 4 steps; hazards: AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- drop policy "no anon" on public.notes [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "no anon" ON public.notes;
-- drop policy "own notes" on public.notes [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "own notes" ON public.notes;
-- create policy "no anon" on public.notes [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "no anon" ON public.notes;
CREATE POLICY "no anon" ON public.notes AS RESTRICTIVE FOR select TO anon USING (false);
-- create policy "own notes" on public.notes [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "own notes" ON public.notes;
CREATE POLICY "own notes" ON public.notes AS PERMISSIVE FOR all TO authenticated USING (( SELECT auth.uid() AS uid) = owner_id) WITH CHECK (( SELECT auth.uid() AS uid) = owner_id);
COMMIT;
