-- schemac migration (down): 17 steps; hazards: DATA_LOSS, ACCESS_EXCLUSIVE_LOCK, AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop policy "authenticated can view" on public.agent_executions [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "authenticated can view" ON public.agent_executions;
-- drop policy "service role manages" on public.agent_executions [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "service role manages" ON public.agent_executions;
-- drop policy "authenticated can view" on public.agent_instances [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "authenticated can view" ON public.agent_instances;
-- drop policy "owners manage their agents" on public.agent_instances [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "owners manage their agents" ON public.agent_instances;
-- drop policy "service role manages" on public.agent_instances [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "service role manages" ON public.agent_instances;
-- drop policy "authenticated can view" on public.agent_metrics [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "authenticated can view" ON public.agent_metrics;
-- drop policy "service role manages" on public.agent_metrics [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "service role manages" ON public.agent_metrics;
-- drop foreign key agent_executions_agent_id_fkey on public.agent_executions [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.agent_executions DROP CONSTRAINT IF EXISTS agent_executions_agent_id_fkey;
-- drop foreign key agent_instances_owner_id_fkey on public.agent_instances [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.agent_instances DROP CONSTRAINT IF EXISTS agent_instances_owner_id_fkey;
-- drop foreign key agent_metrics_agent_id_fkey on public.agent_metrics [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.agent_metrics DROP CONSTRAINT IF EXISTS agent_metrics_agent_id_fkey;
-- drop foreign key agent_metrics_execution_id_fkey on public.agent_metrics [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.agent_metrics DROP CONSTRAINT IF EXISTS agent_metrics_execution_id_fkey;
-- drop table public.agent_executions [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
DROP TABLE IF EXISTS public.agent_executions;
-- drop table public.agent_instances [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
DROP TABLE IF EXISTS public.agent_instances;
-- drop table public.agent_metrics [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
DROP TABLE IF EXISTS public.agent_metrics;
-- drop enum public.agent_status [DATA_LOSS]
DROP TYPE IF EXISTS public.agent_status;
-- drop enum public.agent_type [DATA_LOSS]
DROP TYPE IF EXISTS public.agent_type;
-- drop enum public.task_status [DATA_LOSS]
DROP TYPE IF EXISTS public.task_status;
COMMIT;
