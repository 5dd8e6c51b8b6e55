-- schemac migration (down): 2 steps; hazards: AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- alter policy "read own notes" on public.notes [AUTHZ_CHANGE]
ALTER POLICY "read own notes" ON public.notes TO authenticated USING (( SELECT auth.uid() AS uid) = owner_id);
-- alter policy "write own notes" on public.notes [AUTHZ_CHANGE]
ALTER POLICY "write own notes" ON public.notes TO authenticated;
COMMIT;
