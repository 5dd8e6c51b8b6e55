-- schemac migration (down): 12 steps; hazards: DATA_LOSS, ACCESS_EXCLUSIVE_LOCK, AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop policy "vault owner adds artifacts" on public.artifacts [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "vault owner adds artifacts" ON public.artifacts;
-- drop policy "vault owner reads artifacts" on public.artifacts [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "vault owner reads artifacts" ON public.artifacts;
-- drop policy "owner manages vault" on public.vaults [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "owner manages vault" ON public.vaults;
-- drop foreign key artifacts_created_by_fkey on public.artifacts [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.artifacts DROP CONSTRAINT IF EXISTS artifacts_created_by_fkey;
-- drop foreign key artifacts_vault_id_fkey on public.artifacts [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.artifacts DROP CONSTRAINT IF EXISTS artifacts_vault_id_fkey;
-- drop foreign key vaults_owner_id_fkey on public.vaults [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.vaults DROP CONSTRAINT IF EXISTS vaults_owner_id_fkey;
-- drop table audit.migration_logs [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
DROP TABLE IF EXISTS audit.migration_logs;
-- drop table public.artifacts [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
DROP TABLE IF EXISTS public.artifacts;
-- drop table public.users [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
DROP TABLE IF EXISTS public.users;
-- drop table public.vaults [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
DROP TABLE IF EXISTS public.vaults;
-- drop extension citext [DATA_LOSS]
DROP EXTENSION IF EXISTS citext;
-- drop schema audit
DROP SCHEMA IF EXISTS audit;
COMMIT;
