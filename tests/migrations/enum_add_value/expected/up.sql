-- schemac migration (up): 2 steps; hazards: NOT_TRANSACTIONAL
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment no-transaction
-- add value 'tense' to enum public.mood [NOT_TRANSACTIONAL]
ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'tense' AFTER 'calm';
-- add value 'angry' to enum public.mood [NOT_TRANSACTIONAL]
ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'angry' AFTER 'busy';
