-- schemac migration (up): 2 steps
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- add column public.accounts.nickname (text)
ALTER TABLE public.accounts ADD COLUMN IF NOT EXISTS nickname text;
-- add column public.accounts.score (integer)
ALTER TABLE public.accounts ADD COLUMN IF NOT EXISTS score integer NOT NULL DEFAULT 0;
COMMIT;
