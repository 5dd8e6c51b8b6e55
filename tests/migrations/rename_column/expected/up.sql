-- schemac migration (up): 7 steps; hazards: ACCESS_EXCLUSIVE_LOCK, BLOCKS_WRITES
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- rename column public.accounts.name to display_name
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.accounts') AND attname = 'name' AND NOT attisdropped) AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.accounts') AND attname = 'display_name' AND NOT attisdropped) THEN ALTER TABLE public.accounts RENAME COLUMN name TO display_name; END IF; END $schemac$;
-- rename column public.accounts.email to mail
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.accounts') AND attname = 'email' AND NOT attisdropped) AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.accounts') AND attname = 'mail' AND NOT attisdropped) THEN ALTER TABLE public.accounts RENAME COLUMN email TO mail; END IF; END $schemac$;
-- drop index accounts_email_lower on public.accounts [ACCESS_EXCLUSIVE_LOCK]
DROP INDEX IF EXISTS public.accounts_email_lower;
-- drop check accounts_email_check on public.accounts [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.accounts DROP CONSTRAINT IF EXISTS accounts_email_check;
-- add check accounts_email_check on public.accounts [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.accounts') AND conname = 'accounts_email_check') THEN ALTER TABLE public.accounts ADD CONSTRAINT accounts_email_check CHECK (mail ~~ '%@%'::text) NOT VALID; END IF; END $schemac$;
-- validate check accounts_email_check on public.accounts
ALTER TABLE public.accounts VALIDATE CONSTRAINT accounts_email_check;
-- create index accounts_email_lower on public.accounts [BLOCKS_WRITES]
CREATE INDEX IF NOT EXISTS accounts_email_lower ON public.accounts USING btree ((lower(mail)));
COMMIT;
