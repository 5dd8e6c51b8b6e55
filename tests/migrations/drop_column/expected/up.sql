-- schemac migration (up): 3 steps; hazards: DATA_LOSS, ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop check accounts_flags_check on public.accounts [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.accounts DROP CONSTRAINT IF EXISTS accounts_flags_check;
-- drop column public.accounts.legacy [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.accounts DROP COLUMN IF EXISTS legacy;
-- drop column public.accounts.flags [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.accounts DROP COLUMN IF EXISTS flags;
COMMIT;
