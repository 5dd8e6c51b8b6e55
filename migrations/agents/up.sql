-- schemac migration (up): 36 steps; hazards: AUTHZ_CHANGE, BLOCKS_WRITES
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- create enum public.agent_status
DO $schemac$ BEGIN IF to_regtype('public.agent_status') IS NULL THEN CREATE TYPE public.agent_status AS ENUM ('idle', 'running', 'paused', 'failed', 'terminated'); END IF; END $schemac$;
COMMENT ON TYPE public.agent_status IS 'Lifecycle of an agent instance.';
-- create enum public.agent_type
DO $schemac$ BEGIN IF to_regtype('public.agent_type') IS NULL THEN CREATE TYPE public.agent_type AS ENUM ('planner', 'researcher', 'coder', 'reviewer', 'orchestrator'); END IF; END $schemac$;
COMMENT ON TYPE public.agent_type IS 'What an agent does.';
-- create enum public.task_status
DO $schemac$ BEGIN IF to_regtype('public.task_status') IS NULL THEN CREATE TYPE public.task_status AS ENUM ('pending', 'running', 'succeeded', 'failed', 'cancelled'); END IF; END $schemac$;
COMMENT ON TYPE public.task_status IS 'State of one task execution.';
-- create table public.agent_executions
CREATE TABLE IF NOT EXISTS public.agent_executions (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  agent_id uuid NOT NULL,
  task text NOT NULL,
  status public.task_status NOT NULL DEFAULT 'pending'::task_status,
  input jsonb NOT NULL DEFAULT '{}'::jsonb,
  output jsonb,
  error text,
  started_at timestamp with time zone,
  finished_at timestamp with time zone,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT agent_executions_pkey PRIMARY KEY (id),
  CONSTRAINT agent_executions_finished_after_start CHECK ((finished_at IS NULL) OR (finished_at >= started_at))
);
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('public.agent_executions')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- create table public.agent_instances
CREATE TABLE IF NOT EXISTS public.agent_instances (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL,
  name text NOT NULL,
  agent_type public.agent_type NOT NULL,
  status public.agent_status NOT NULL DEFAULT 'idle'::agent_status,
  config jsonb NOT NULL DEFAULT '{}'::jsonb,
  last_heartbeat_at timestamp with time zone,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  updated_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT agent_instances_pkey PRIMARY KEY (id),
  CONSTRAINT agent_instances_owner_id_name_key UNIQUE (owner_id, name),
  CONSTRAINT agent_instances_name_check CHECK ((length(name) >= 1) AND (length(name) <= 100))
);
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('public.agent_instances')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- create table public.agent_metrics
CREATE TABLE IF NOT EXISTS public.agent_metrics (
  id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  execution_id uuid NOT NULL,
  agent_id uuid NOT NULL,
  quality_score numeric(4,3),
  latency_ms integer NOT NULL,
  tokens_input integer NOT NULL DEFAULT 0,
  tokens_output integer NOT NULL DEFAULT 0,
  cost_usd numeric(12,6) NOT NULL DEFAULT 0,
  recorded_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT agent_metrics_pkey PRIMARY KEY (id),
  CONSTRAINT agent_metrics_latency_ms_check CHECK (latency_ms >= 0),
  CONSTRAINT agent_metrics_quality_score_check CHECK ((quality_score >= (0)::numeric) AND (quality_score <= (1)::numeric))
);
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('public.agent_metrics')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- add foreign key agent_executions_agent_id_fkey on public.agent_executions
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.agent_executions') AND conname = 'agent_executions_agent_id_fkey') THEN ALTER TABLE public.agent_executions ADD CONSTRAINT agent_executions_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES public.agent_instances (id) ON DELETE cascade ON UPDATE no action; END IF; END $schemac$;
-- add foreign key agent_instances_owner_id_fkey on public.agent_instances [BLOCKS_WRITES]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.agent_instances') AND conname = 'agent_instances_owner_id_fkey') THEN ALTER TABLE public.agent_instances ADD CONSTRAINT agent_instances_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES auth.users (id) ON DELETE cascade ON UPDATE no action; END IF; END $schemac$;
-- add foreign key agent_metrics_agent_id_fkey on public.agent_metrics
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.agent_metrics') AND conname = 'agent_metrics_agent_id_fkey') THEN ALTER TABLE public.agent_metrics ADD CONSTRAINT agent_metrics_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES public.agent_instances (id) ON DELETE cascade ON UPDATE no action; END IF; END $schemac$;
-- add foreign key agent_metrics_execution_id_fkey on public.agent_metrics
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.agent_metrics') AND conname = 'agent_metrics_execution_id_fkey') THEN ALTER TABLE public.agent_metrics ADD CONSTRAINT agent_metrics_execution_id_fkey FOREIGN KEY (execution_id) REFERENCES public.agent_executions (id) ON DELETE cascade ON UPDATE no action; END IF; END $schemac$;
-- create index agent_executions_active on public.agent_executions
CREATE INDEX IF NOT EXISTS agent_executions_active ON public.agent_executions USING btree (status) WHERE (status = ANY (ARRAY['pending'::task_status, 'running'::task_status]));
-- create index agent_executions_agent_id_created_at_idx on public.agent_executions
CREATE INDEX IF NOT EXISTS agent_executions_agent_id_created_at_idx ON public.agent_executions USING btree (agent_id, created_at DESC);
-- create index agent_instances_owner_status on public.agent_instances
CREATE INDEX IF NOT EXISTS agent_instances_owner_status ON public.agent_instances USING btree (owner_id, status);
-- create index agent_metrics_agent_id_recorded_at_idx on public.agent_metrics
CREATE INDEX IF NOT EXISTS agent_metrics_agent_id_recorded_at_idx ON public.agent_metrics USING btree (agent_id, recorded_at DESC);
-- enable row level security on public.agent_executions [AUTHZ_CHANGE]
ALTER TABLE public.agent_executions ENABLE ROW LEVEL SECURITY;
-- enable row level security on public.agent_instances [AUTHZ_CHANGE]
ALTER TABLE public.agent_instances ENABLE ROW LEVEL SECURITY;
-- enable row level security on public.agent_metrics [AUTHZ_CHANGE]
ALTER TABLE public.agent_metrics ENABLE ROW LEVEL SECURITY;
-- create policy "authenticated can view" on public.agent_executions [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "authenticated can view" ON public.agent_executions;
CREATE POLICY "authenticated can view" ON public.agent_executions AS PERMISSIVE FOR select TO authenticated USING (EXISTS ( SELECT 1
   FROM agent_instances a
  WHERE ((a.id = agent_executions.agent_id) AND (a.owner_id = ( SELECT auth.uid() AS uid)))));
-- create policy "service role manages" on public.agent_executions [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "service role manages" ON public.agent_executions;
CREATE POLICY "service role manages" ON public.agent_executions AS PERMISSIVE FOR all TO service_role USING (true) WITH CHECK (true);
-- create policy "authenticated can view" on public.agent_instances [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "authenticated can view" ON public.agent_instances;
CREATE POLICY "authenticated can view" ON public.agent_instances AS PERMISSIVE FOR select TO authenticated USING (( SELECT auth.uid() AS uid) = owner_id);
-- create policy "owners manage their agents" on public.agent_instances [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "owners manage their agents" ON public.agent_instances;
CREATE POLICY "owners manage their agents" ON public.agent_instances AS PERMISSIVE FOR all TO authenticated USING (( SELECT auth.uid() AS uid) = owner_id) WITH CHECK (( SELECT auth.uid() AS uid) = owner_id);
-- create policy "service role manages" on public.agent_instances [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "service role manages" ON public.agent_instances;
CREATE POLICY "service role manages" ON public.agent_instances AS PERMISSIVE FOR all TO service_role USING (true) WITH CHECK (true);
-- create policy "authenticated can view" on public.agent_metrics [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "authenticated can view" ON public.agent_metrics;
CREATE POLICY "authenticated can view" ON public.agent_metrics AS PERMISSIVE FOR select TO authenticated USING (EXISTS ( SELECT 1
   FROM agent_instances a
  WHERE ((a.id = agent_metrics.agent_id) AND (a.owner_id = ( SELECT auth.uid() AS uid)))));
-- create policy "service role manages" on public.agent_metrics [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "service role manages" ON public.agent_metrics;
CREATE POLICY "service role manages" ON public.agent_metrics AS PERMISSIVE FOR all TO service_role USING (true) WITH CHECK (true);
-- grant on public.agent_executions to authenticated [AUTHZ_CHANGE]
GRANT select ON TABLE public.agent_executions TO authenticated;
-- grant on public.agent_executions to service_role [AUTHZ_CHANGE]
GRANT select, insert, update, delete, truncate, references, trigger ON TABLE public.agent_executions TO service_role;
-- grant on public.agent_instances to authenticated [AUTHZ_CHANGE]
GRANT select, insert, update, delete ON TABLE public.agent_instances TO authenticated;
-- grant on public.agent_instances to service_role [AUTHZ_CHANGE]
GRANT select, insert, update, delete, truncate, references, trigger ON TABLE public.agent_instances TO service_role;
-- grant on public.agent_metrics to authenticated [AUTHZ_CHANGE]
GRANT select ON TABLE public.agent_metrics TO authenticated;
-- grant on public.agent_metrics to service_role [AUTHZ_CHANGE]
GRANT select, insert, update, delete, truncate, references, trigger ON TABLE public.agent_metrics TO service_role;
-- add public.agent_instances to publication supabase_realtime
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid WHERE p.pubname = 'supabase_realtime' AND pr.prrelid = to_regclass('public.agent_instances')) THEN ALTER PUBLICATION supabase_realtime ADD TABLE public.agent_instances; END IF; END $schemac$;
-- comment on table public.agent_executions
COMMENT ON TABLE public.agent_executions IS 'One task run by an agent.';
-- comment on table public.agent_instances
COMMENT ON TABLE public.agent_instances IS 'An agent owned by a user; its status is streamed to dashboards over realtime.';
-- comment on table public.agent_metrics
COMMENT ON TABLE public.agent_metrics IS 'Quality, latency and cost of executions, for dashboards.';
-- comment on column public.agent_instances.config
COMMENT ON COLUMN public.agent_instances.config IS 'Model, tools and limits of the agent.';
-- comment on column public.agent_metrics.quality_score
COMMENT ON COLUMN public.agent_metrics.quality_score IS 'Graded quality of the result, from 0 (useless) to 1 (perfect).';
COMMIT;
