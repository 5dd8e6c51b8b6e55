-- source: tests/golden/security/input/security.schema
-- needs: supabase
-- needs: role auditor

create table public.documents (
  id       uuid not null default gen_random_uuid(),
  owner_id uuid not null,
  team_id  uuid,
  body     text not null,
  constraint documents_pkey primary key (id),
  constraint documents_owner_id_fkey foreign key (owner_id) references auth.users (id)
);

alter table public.documents enable row level security;
alter table public.documents force row level security;
alter table public.documents replica identity full;

grant select on table public.documents to anon;
grant insert, select on table public.documents to authenticated;
grant update, delete on table public.documents to authenticated;
grant select, insert, update, delete, truncate, references, trigger on table public.documents to service_role;
grant select on table public.documents to auditor;

create table public.team_members (
  team_id uuid not null,
  user_id uuid not null,
  constraint team_members_pkey primary key (team_id, user_id),
  constraint team_members_user_id_fkey foreign key (user_id) references auth.users (id) on delete cascade
);

alter table public.team_members enable row level security;

-- Policies come after both tables: "team members read" reads team_members.
create policy "anyone reads published" on public.documents
  as permissive for select to public
  using (true);
create policy "owner writes" on public.documents
  as permissive for all to authenticated, service_role
  using ((select auth.uid()) = owner_id)
  with check ((select auth.uid()) = owner_id);
create policy "team members read" on public.documents
  as permissive for select to authenticated
  using (team_id in (select team_id from team_members where user_id = (select auth.uid())));
create policy "no deletes after a day" on public.documents
  as restrictive for delete to authenticated
  using (true);
create policy "insert own" on public.documents
  as permissive for insert to authenticated
  with check (owner_id = (select auth.uid()));

create policy "see own memberships" on public.team_members
  as permissive for select to authenticated
  using (user_id = (select auth.uid()));

alter publication supabase_realtime add table public.documents;
