-- schemac migration (down): 9 steps; hazards: DATA_LOSS, ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
DO $schemac$ BEGIN RAISE EXCEPTION '%', 'this migration cannot be reversed without losing data: up: drop domain public.unused; (generate it with --allow-lossy-down to run it anyway)'; END $schemac$;
-- drop check amount_check of domain public.amount
ALTER DOMAIN public.amount DROP CONSTRAINT IF EXISTS amount_check;
-- drop check code_check1 of domain public.code
ALTER DOMAIN public.code DROP CONSTRAINT IF EXISTS code_check1;
-- drop column public.orders.email [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.orders DROP COLUMN IF EXISTS email;
-- create domain public.unused
DO $schemac$ BEGIN IF to_regtype('public.unused') IS NULL THEN CREATE DOMAIN public.unused AS integer; END IF; END $schemac$;
-- alter domain public.code: drop default
ALTER DOMAIN public.code DROP DEFAULT;
-- alter domain public.code: set not null
ALTER DOMAIN public.code SET NOT NULL;
-- add check amount_check to domain public.amount
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE contypid = to_regtype('public.amount') AND conname = 'amount_check') THEN ALTER DOMAIN public.amount ADD CONSTRAINT amount_check CHECK (VALUE >= (0)::numeric); END IF; END $schemac$;
-- comment on domain public.amount
COMMENT ON DOMAIN public.amount IS 'Old comment.';
-- drop domain public.email [DATA_LOSS]
DROP DOMAIN IF EXISTS public.email;
COMMIT;
