-- schemac migration (down): 4 steps; hazards: ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- add column public.accounts.legacy (text)
ALTER TABLE public.accounts ADD COLUMN IF NOT EXISTS legacy text;
-- add column public.accounts.flags (integer)
ALTER TABLE public.accounts ADD COLUMN IF NOT EXISTS flags integer NOT NULL DEFAULT 0;
-- add check accounts_flags_check on public.accounts [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.accounts') AND conname = 'accounts_flags_check') THEN ALTER TABLE public.accounts ADD CONSTRAINT accounts_flags_check CHECK (flags >= 0) NOT VALID; END IF; END $schemac$;
-- validate check accounts_flags_check on public.accounts
ALTER TABLE public.accounts VALIDATE CONSTRAINT accounts_flags_check;
COMMIT;
