-- engine: pglite
-- source: schemas/learning.schema
-- needs: supabase
-- (the vector extension goes into the platform schema "extensions")

create extension if not exists vector schema extensions;

create schema private;
grant usage on schema private to authenticated;

create type public.user_role as enum ('student', 'teacher', 'admin');
comment on type public.user_role is 'What a user can do on the platform.';
create type public.content_kind as enum ('article', 'video', 'exercise', 'quiz');
comment on type public.content_kind is 'Kind of educational content.';

-- Tables, in declaration order (each references only tables declared before it). ------------
create table public.users (
  id           uuid not null,
  email        text not null,
  display_name text not null,
  role         public.user_role not null default 'student',
  avatar_url   text,
  created_at   timestamp with time zone not null default now(),
  constraint users_display_name_check check (length(display_name) between 1 and 80),
  constraint users_pkey primary key (id),
  constraint users_email_key unique (email),
  constraint users_id_fkey foreign key (id) references auth.users (id) on delete cascade
);
comment on table public.users is 'Platform profile of an auth user.';

create table public.classes (
  id          uuid not null default gen_random_uuid(),
  teacher_id  uuid not null,
  title       text not null,
  description text,
  starts_on   date,
  created_at  timestamp with time zone not null default now(),
  updated_at  timestamp with time zone not null default now(),
  constraint classes_title_check check (length(title) between 1 and 200),
  constraint classes_pkey primary key (id),
  constraint classes_teacher_id_fkey foreign key (teacher_id) references public.users (id) on delete restrict
);
comment on table public.classes is 'A class taught by a teacher.';
create index classes_teacher_id_idx on public.classes using btree (teacher_id);

create table public.enrollments (
  class_id    uuid not null,
  student_id  uuid not null,
  enrolled_at timestamp with time zone not null default now(),
  constraint enrollments_pkey primary key (class_id, student_id),
  constraint enrollments_class_id_fkey foreign key (class_id) references public.classes (id) on delete cascade,
  constraint enrollments_student_id_fkey foreign key (student_id) references public.users (id) on delete cascade
);
comment on table public.enrollments is 'A student''s enrollment in a class.';
create index enrollments_student_id_idx on public.enrollments using btree (student_id);

create table public.lessons (
  id         uuid not null default gen_random_uuid(),
  class_id   uuid not null,
  position   integer not null,
  title      text not null,
  body       text,
  created_at timestamp with time zone not null default now(),
  constraint lessons_position_check check (position > 0),
  constraint lessons_pkey primary key (id),
  constraint lessons_class_id_position_key unique (class_id, position),
  constraint lessons_class_id_fkey foreign key (class_id) references public.classes (id) on delete cascade
);
comment on table public.lessons is 'A lesson of a class, in teaching order.';

create table public.educational_content (
  id                uuid not null default gen_random_uuid(),
  lesson_id         uuid not null,
  kind              public.content_kind not null,
  title             text not null,
  content           text not null,
  content_embedding extensions.vector(1536),
  created_at        timestamp with time zone not null default now(),
  constraint educational_content_pkey primary key (id),
  constraint educational_content_lesson_id_fkey foreign key (lesson_id) references public.lessons (id) on delete cascade
);
comment on table public.educational_content is 'Material attached to a lesson, embedded for semantic search.';
comment on column public.educational_content.content_embedding is 'OpenAI text-embedding-3-small embedding of title and content.';
create index educational_content_embedding_idx on public.educational_content
  using hnsw (content_embedding extensions.vector_cosine_ops) with (m = 16, ef_construction = 64);
create index educational_content_lesson_id_idx on public.educational_content using btree (lesson_id);

-- Row level security and grants. --------------------------------------------------------------
alter table public.users enable row level security;
alter table public.classes enable row level security;
alter table public.enrollments enable row level security;
alter table public.lessons enable row level security;
alter table public.educational_content enable row level security;

grant select, update on table public.users to authenticated;
grant select, insert, update, delete, truncate, references, trigger on table public.users to service_role;
grant select, insert, update, delete on table public.classes to authenticated;
grant select, insert, update, delete, truncate, references, trigger on table public.classes to service_role;
grant select on table public.enrollments to authenticated;
grant select, insert, update, delete, truncate, references, trigger on table public.enrollments to service_role;
grant select on table public.lessons to authenticated;
grant select, insert, update, delete, truncate, references, trigger on table public.lessons to service_role;
grant select on table public.educational_content to authenticated;
grant select, insert, update, delete, truncate, references, trigger on table public.educational_content to service_role;

-- Functions after the tables their bodies and signatures name. ------------------------------
create function private.handle_new_user() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.users (id, email, display_name)
  values (new.id, new.email,
          left(coalesce(new.raw_user_meta_data ->> 'display_name', split_part(new.email, '@', 1)), 80));
  return new;
end;
$$;
revoke execute on function private.handle_new_user() from public;
comment on function private.handle_new_user() is 'Creates the platform profile of a new auth user (the signup trigger below). Security
definer: the signup runs as Supabase''s auth admin, which cannot write public.users.';

create function private.set_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
comment on function private.set_updated_at() is 'Moves updated_at to the time of each update.';

create function private.is_enrolled(target_class uuid) returns boolean
  language sql stable security definer set search_path = ''
as $$
    select exists (
      select 1 from public.enrollments e
      where e.class_id = target_class and e.student_id = (select auth.uid())
    )
$$;
revoke execute on function private.is_enrolled(uuid) from public;
grant execute on function private.is_enrolled(uuid) to authenticated;
comment on function private.is_enrolled(uuid) is 'Whether the calling user is enrolled in the class. Security definer, so that a policy asking
it reads enrollments without that table''s own policies.';

create function public.match_content(query_embedding extensions.vector(1536), match_count integer default 10)
  returns setof public.educational_content
  language sql stable set search_path = public, extensions
as $$
    select * from public.educational_content
    where content_embedding is not null
    order by content_embedding <=> query_embedding
    limit match_count
$$;
comment on function public.match_content(extensions.vector, integer) is 'Semantic search over the content the calling user may read (its policies apply):
supabase.rpc(''match_content'', { query_embedding, match_count }).';

create function public.class_enrollment_counts()
  returns table (class_id uuid, title text, students bigint)
  language sql stable set search_path = ''
as $$
    select c.id, c.title, count(e.student_id)
    from public.classes c
    left join public.enrollments e on e.class_id = c.id
    where c.teacher_id = (select auth.uid())
    group by c.id, c.title
$$;
comment on function public.class_enrollment_counts() is 'Students enrolled in each class the calling teacher teaches.';

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_user();
create trigger classes_set_updated_at before update on public.classes
  for each row execute function private.set_updated_at();

create view public.my_classes with (security_invoker) as
  select c.id, c.title, c.starts_on, c.teacher_id = (select auth.uid()) as teaching
  from public.classes c;
comment on view public.my_classes is 'The classes the user teaches or is enrolled in, read with the user''s own rights.';
grant select on public.my_classes to authenticated;

-- Policies after all tables: the policies of classes read enrollments (declared later). -----
create policy "user owns data" on public.users
  as permissive for all to authenticated
  using ((select auth.uid()) = id)
  with check ((select auth.uid()) = id);
create policy "admin sees all" on public.users
  as permissive for select to authenticated
  using (((select auth.jwt()) -> 'app_metadata' ->> 'role') = 'admin');

create policy "teacher owns classes" on public.classes
  as permissive for all to authenticated
  using ((select auth.uid()) = teacher_id)
  with check ((select auth.uid()) = teacher_id);
create policy "students see enrolled classes" on public.classes
  as permissive for select to authenticated
  using ((select private.is_enrolled(id)));
create policy "admin sees all" on public.classes
  as permissive for select to authenticated
  using (((select auth.jwt()) -> 'app_metadata' ->> 'role') = 'admin');

create policy "students see own enrollments" on public.enrollments
  as permissive for select to authenticated
  using ((select auth.uid()) = student_id);

create policy "students see enrolled classes" on public.lessons
  as permissive for select to authenticated
  using ((select private.is_enrolled(class_id)));
create policy "teacher owns classes" on public.lessons
  as permissive for all to authenticated
  using (exists (select 1 from classes c where c.id = class_id and c.teacher_id = (select auth.uid())));

create policy "students see enrolled classes" on public.educational_content
  as permissive for select to authenticated
  using (exists (select 1 from lessons l join enrollments e on e.class_id = l.class_id where l.id = lesson_id and e.student_id = (select auth.uid())));
create policy "teacher owns classes" on public.educational_content
  as permissive for all to authenticated
  using (exists (select 1 from lessons l join classes c on c.id = l.class_id where l.id = lesson_id and c.teacher_id = (select auth.uid())));

-- Realtime. -------------------------------------------------------------------------------------
alter publication supabase_realtime add table public.users;
alter publication supabase_realtime add table public.classes;
