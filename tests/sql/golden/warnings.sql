-- source: tests/golden/warnings/input/warnings.schema
-- needs: supabase

-- No primary key, and a policy without row level security (both only warnings in schemac):
-- PostgreSQL accepts the policy, which stays without effect while RLS is disabled.
create table public.logs (
  at      timestamp with time zone not null default now(),
  message text not null
);

create policy "read logs" on public.logs
  as permissive for select to authenticated
  using (true);
