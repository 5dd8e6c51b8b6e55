-- schemac migration (down): 2 steps; hazards: DATA_LOSS, ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop column public.accounts.nickname [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.accounts DROP COLUMN IF EXISTS nickname;
-- drop column public.accounts.score [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.accounts DROP COLUMN IF EXISTS score;
COMMIT;
