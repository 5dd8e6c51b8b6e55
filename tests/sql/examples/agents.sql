-- source: schemas/agents.schema
-- needs: supabase

create type public.agent_type as enum ('planner', 'researcher', 'coder', 'reviewer', 'orchestrator');
comment on type public.agent_type is 'What an agent does.';
create type public.agent_status as enum ('idle', 'running', 'paused', 'failed', 'terminated');
comment on type public.agent_status is 'Lifecycle of an agent instance.';
create type public.task_status as enum ('pending', 'running', 'succeeded', 'failed', 'cancelled');
comment on type public.task_status is 'State of one task execution.';

-- agent_instances ---------------------------------------------------------------------------
create table public.agent_instances (
  id                uuid not null default gen_random_uuid(),
  owner_id          uuid not null,
  name              text not null,
  agent_type        public.agent_type not null,
  status            public.agent_status not null default 'idle',
  config            jsonb not null default '{}'::jsonb,
  last_heartbeat_at timestamp with time zone,
  created_at        timestamp with time zone not null default now(),
  updated_at        timestamp with time zone not null default now(),
  constraint agent_instances_name_check check (length(name) between 1 and 100),
  constraint agent_instances_pkey primary key (id),
  constraint agent_instances_owner_id_name_key unique (owner_id, name),
  constraint agent_instances_owner_id_fkey foreign key (owner_id) references auth.users (id) on delete cascade
);
comment on table public.agent_instances is 'An agent owned by a user; its status is streamed to dashboards over realtime.';
comment on column public.agent_instances.config is 'Model, tools and limits of the agent.';

create index agent_instances_owner_status on public.agent_instances using btree (owner_id, status);

alter table public.agent_instances enable row level security;

grant select, insert, update, delete on table public.agent_instances to authenticated;
grant select, insert, update, delete, truncate, references, trigger on table public.agent_instances to service_role;

create policy "authenticated can view" on public.agent_instances
  as permissive for select to authenticated
  using ((select auth.uid()) = owner_id);
create policy "owners manage their agents" on public.agent_instances
  as permissive for all to authenticated
  using ((select auth.uid()) = owner_id)
  with check ((select auth.uid()) = owner_id);
create policy "service role manages" on public.agent_instances
  as permissive for all to service_role
  using (true)
  with check (true);

alter publication supabase_realtime add table public.agent_instances;

-- agent_executions --------------------------------------------------------------------------
create table public.agent_executions (
  id          uuid not null default gen_random_uuid(),
  agent_id    uuid not null,
  task        text not null,
  status      public.task_status not null default 'pending',
  input       jsonb not null default '{}'::jsonb,
  output      jsonb,
  error       text,
  started_at  timestamp with time zone,
  finished_at timestamp with time zone,
  created_at  timestamp with time zone not null default now(),
  constraint agent_executions_finished_after_start check (finished_at is null or finished_at >= started_at),
  constraint agent_executions_pkey primary key (id),
  constraint agent_executions_agent_id_fkey foreign key (agent_id) references public.agent_instances (id) on delete cascade
);
comment on table public.agent_executions is 'One task run by an agent.';

create index agent_executions_agent_id_created_at_idx on public.agent_executions using btree (agent_id, created_at desc);
create index agent_executions_active on public.agent_executions using btree (status) where (status in ('pending', 'running'));

alter table public.agent_executions enable row level security;

grant select on table public.agent_executions to authenticated;
grant select, insert, update, delete, truncate, references, trigger on table public.agent_executions to service_role;

create policy "authenticated can view" on public.agent_executions
  as permissive for select to authenticated
  using (exists (select 1 from agent_instances a where a.id = agent_id and a.owner_id = (select auth.uid())));
create policy "service role manages" on public.agent_executions
  as permissive for all to service_role
  using (true)
  with check (true);

-- agent_metrics -----------------------------------------------------------------------------
create table public.agent_metrics (
  id            bigint not null generated always as identity,
  execution_id  uuid not null,
  agent_id      uuid not null,
  quality_score numeric(4,3),
  latency_ms    integer not null,
  tokens_input  integer not null default 0,
  tokens_output integer not null default 0,
  cost_usd      numeric(12,6) not null default 0,
  recorded_at   timestamp with time zone not null default now(),
  constraint agent_metrics_quality_score_check check (quality_score between 0 and 1),
  constraint agent_metrics_latency_ms_check check (latency_ms >= 0),
  constraint agent_metrics_pkey primary key (id),
  constraint agent_metrics_execution_id_fkey foreign key (execution_id) references public.agent_executions (id) on delete cascade,
  constraint agent_metrics_agent_id_fkey foreign key (agent_id) references public.agent_instances (id) on delete cascade
);
comment on table public.agent_metrics is 'Quality, latency and cost of executions, for dashboards.';
comment on column public.agent_metrics.quality_score is 'Graded quality of the result, from 0 (useless) to 1 (perfect).';

create index agent_metrics_agent_id_recorded_at_idx on public.agent_metrics using btree (agent_id, recorded_at desc);

alter table public.agent_metrics enable row level security;

grant select on table public.agent_metrics to authenticated;
grant select, insert, update, delete, truncate, references, trigger on table public.agent_metrics to service_role;

create policy "authenticated can view" on public.agent_metrics
  as permissive for select to authenticated
  using (exists (select 1 from agent_instances a where a.id = agent_id and a.owner_id = (select auth.uid())));
create policy "service role manages" on public.agent_metrics
  as permissive for all to service_role
  using (true)
  with check (true);
