-- schemac migration (up): 9 steps; hazards: DATA_LOSS
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop check amount_check of domain public.amount
ALTER DOMAIN public.amount DROP CONSTRAINT IF EXISTS amount_check;
-- create domain public.email
DO $schemac$ BEGIN IF to_regtype('public.email') IS NULL THEN CREATE DOMAIN public.email AS text CONSTRAINT email_check CHECK (VALUE ~~ '%@%'::text); END IF; END $schemac$;
-- alter domain public.code: set default
ALTER DOMAIN public.code SET DEFAULT ('none'::text);
-- alter domain public.code: drop not null
ALTER DOMAIN public.code DROP NOT NULL;
-- add column public.orders.email (public.email)
ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS email public.email;
-- add check amount_check to domain public.amount
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE contypid = to_regtype('public.amount') AND conname = 'amount_check') THEN ALTER DOMAIN public.amount ADD CONSTRAINT amount_check CHECK ((VALUE >= (0)::numeric) AND (VALUE < (1000000)::numeric)); END IF; END $schemac$;
-- add check code_check1 to domain public.code
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE contypid = to_regtype('public.code') AND conname = 'code_check1') THEN ALTER DOMAIN public.code ADD CONSTRAINT code_check1 CHECK (length(VALUE) < 20); END IF; END $schemac$;
-- comment on domain public.amount
COMMENT ON DOMAIN public.amount IS 'New comment.';
-- drop domain public.unused [DATA_LOSS]
DROP DOMAIN IF EXISTS public.unused;
COMMIT;
