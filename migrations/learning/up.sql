-- schemac migration (up): 72 steps; hazards: AUTHZ_CHANGE, BLOCKS_WRITES
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- create schema private
CREATE SCHEMA IF NOT EXISTS private;
-- create extension vector
CREATE EXTENSION IF NOT EXISTS vector SCHEMA extensions;
-- grant on schema private to authenticated [AUTHZ_CHANGE]
GRANT usage ON SCHEMA private TO authenticated;
-- create enum public.content_kind
DO $schemac$ BEGIN IF to_regtype('public.content_kind') IS NULL THEN CREATE TYPE public.content_kind AS ENUM ('article', 'video', 'exercise', 'quiz'); END IF; END $schemac$;
COMMENT ON TYPE public.content_kind IS 'Kind of educational content.';
-- create enum public.user_role
DO $schemac$ BEGIN IF to_regtype('public.user_role') IS NULL THEN CREATE TYPE public.user_role AS ENUM ('student', 'teacher', 'admin'); END IF; END $schemac$;
COMMENT ON TYPE public.user_role IS 'What a user can do on the platform.';
-- create function private.handle_new_user()
SET LOCAL check_function_bodies = off;
CREATE OR REPLACE FUNCTION private.handle_new_user()
 RETURNS trigger
 LANGUAGE plpgsql
 VOLATILE CALLED ON NULL INPUT SECURITY DEFINER PARALLEL UNSAFE COST 100 SET search_path TO ''
AS $function$
begin
  insert into public.users (id, email, display_name)
  values (new.id, new.email,
          left(coalesce(new.raw_user_meta_data ->> 'display_name', split_part(new.email, '@', 1)), 80));
  return new;
end;
$function$;
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT p.oid, a.grantee FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE p.oid = ANY (ARRAY[to_regprocedure('private.handle_new_user()')]::oid[]) AND a.grantee <> p.proowner LOOP EXECUTE format('REVOKE ALL ON FUNCTION %s FROM %s', r.oid::regprocedure, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- create function private.is_enrolled(uuid)
SET LOCAL check_function_bodies = off;
CREATE OR REPLACE FUNCTION private.is_enrolled(target_class uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE CALLED ON NULL INPUT SECURITY DEFINER PARALLEL UNSAFE COST 100 SET search_path TO ''
AS $function$
    select exists (
      select 1 from public.enrollments e
      where e.class_id = target_class and e.student_id = (select auth.uid())
    )
  $function$;
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT p.oid, a.grantee FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE p.oid = ANY (ARRAY[to_regprocedure('private.is_enrolled(uuid)')]::oid[]) AND a.grantee <> p.proowner LOOP EXECUTE format('REVOKE ALL ON FUNCTION %s FROM %s', r.oid::regprocedure, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- create function private.set_updated_at()
SET LOCAL check_function_bodies = off;
CREATE OR REPLACE FUNCTION private.set_updated_at()
 RETURNS trigger
 LANGUAGE plpgsql
 VOLATILE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE COST 100
AS $function$
begin
  new.updated_at := now();
  return new;
end;
$function$;
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT p.oid, a.grantee FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE p.oid = ANY (ARRAY[to_regprocedure('private.set_updated_at()')]::oid[]) AND a.grantee <> p.proowner LOOP EXECUTE format('REVOKE ALL ON FUNCTION %s FROM %s', r.oid::regprocedure, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- create function public.class_enrollment_counts()
SET LOCAL check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.class_enrollment_counts()
 RETURNS TABLE(class_id uuid, title text, students bigint)
 LANGUAGE sql
 STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE COST 100 ROWS 1000 SET search_path TO ''
AS $function$
    select c.id, c.title, count(e.student_id)
    from public.classes c
    left join public.enrollments e on e.class_id = c.id
    where c.teacher_id = (select auth.uid())
    group by c.id, c.title
  $function$;
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT p.oid, a.grantee FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE p.oid = ANY (ARRAY[to_regprocedure('public.class_enrollment_counts()')]::oid[]) AND a.grantee <> p.proowner LOOP EXECUTE format('REVOKE ALL ON FUNCTION %s FROM %s', r.oid::regprocedure, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- create table public.classes
CREATE TABLE IF NOT EXISTS public.classes (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  teacher_id uuid NOT NULL,
  title text NOT NULL,
  description text,
  starts_on date,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  updated_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT classes_pkey PRIMARY KEY (id),
  CONSTRAINT classes_title_check CHECK ((length(title) >= 1) AND (length(title) <= 200))
);
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('public.classes')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- create table public.educational_content
CREATE TABLE IF NOT EXISTS public.educational_content (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  lesson_id uuid NOT NULL,
  kind public.content_kind NOT NULL,
  title text NOT NULL,
  content text NOT NULL,
  content_embedding extensions.vector(1536),
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT educational_content_pkey PRIMARY KEY (id)
);
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('public.educational_content')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- create table public.enrollments
CREATE TABLE IF NOT EXISTS public.enrollments (
  class_id uuid NOT NULL,
  student_id uuid NOT NULL,
  enrolled_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT enrollments_pkey PRIMARY KEY (class_id, student_id)
);
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('public.enrollments')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- create table public.lessons
CREATE TABLE IF NOT EXISTS public.lessons (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  class_id uuid NOT NULL,
  "position" integer NOT NULL,
  title text NOT NULL,
  body text,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT lessons_pkey PRIMARY KEY (id),
  CONSTRAINT lessons_class_id_position_key UNIQUE (class_id, "position"),
  CONSTRAINT lessons_position_check CHECK ("position" > 0)
);
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('public.lessons')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- create table public.users
CREATE TABLE IF NOT EXISTS public.users (
  id uuid NOT NULL,
  email text NOT NULL,
  display_name text NOT NULL,
  role public.user_role NOT NULL DEFAULT 'student'::user_role,
  avatar_url text,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_display_name_check CHECK ((length(display_name) >= 1) AND (length(display_name) <= 80))
);
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('public.users')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- add foreign key classes_teacher_id_fkey on public.classes
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.classes') AND conname = 'classes_teacher_id_fkey') THEN ALTER TABLE public.classes ADD CONSTRAINT classes_teacher_id_fkey FOREIGN KEY (teacher_id) REFERENCES public.users (id) ON DELETE restrict ON UPDATE no action; END IF; END $schemac$;
-- add foreign key educational_content_lesson_id_fkey on public.educational_content
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.educational_content') AND conname = 'educational_content_lesson_id_fkey') THEN ALTER TABLE public.educational_content ADD CONSTRAINT educational_content_lesson_id_fkey FOREIGN KEY (lesson_id) REFERENCES public.lessons (id) ON DELETE cascade ON UPDATE no action; END IF; END $schemac$;
-- add foreign key enrollments_class_id_fkey on public.enrollments
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.enrollments') AND conname = 'enrollments_class_id_fkey') THEN ALTER TABLE public.enrollments ADD CONSTRAINT enrollments_class_id_fkey FOREIGN KEY (class_id) REFERENCES public.classes (id) ON DELETE cascade ON UPDATE no action; END IF; END $schemac$;
-- add foreign key enrollments_student_id_fkey on public.enrollments
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.enrollments') AND conname = 'enrollments_student_id_fkey') THEN ALTER TABLE public.enrollments ADD CONSTRAINT enrollments_student_id_fkey FOREIGN KEY (student_id) REFERENCES public.users (id) ON DELETE cascade ON UPDATE no action; END IF; END $schemac$;
-- add foreign key lessons_class_id_fkey on public.lessons
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.lessons') AND conname = 'lessons_class_id_fkey') THEN ALTER TABLE public.lessons ADD CONSTRAINT lessons_class_id_fkey FOREIGN KEY (class_id) REFERENCES public.classes (id) ON DELETE cascade ON UPDATE no action; END IF; END $schemac$;
-- add foreign key users_id_fkey on public.users [BLOCKS_WRITES]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.users') AND conname = 'users_id_fkey') THEN ALTER TABLE public.users ADD CONSTRAINT users_id_fkey FOREIGN KEY (id) REFERENCES auth.users (id) ON DELETE cascade ON UPDATE no action; END IF; END $schemac$;
-- create view public.my_classes
CREATE OR REPLACE VIEW public.my_classes WITH (security_invoker = true) AS
SELECT id,
    title,
    starts_on,
    teacher_id = (( SELECT auth.uid() AS uid)) AS teaching
   FROM classes c;
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('public.my_classes')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- create index classes_teacher_id_idx on public.classes
CREATE INDEX IF NOT EXISTS classes_teacher_id_idx ON public.classes USING btree (teacher_id);
-- create index educational_content_embedding_idx on public.educational_content
CREATE INDEX IF NOT EXISTS educational_content_embedding_idx ON public.educational_content USING hnsw (content_embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
-- create index educational_content_lesson_id_idx on public.educational_content
CREATE INDEX IF NOT EXISTS educational_content_lesson_id_idx ON public.educational_content USING btree (lesson_id);
-- create index enrollments_student_id_idx on public.enrollments
CREATE INDEX IF NOT EXISTS enrollments_student_id_idx ON public.enrollments USING btree (student_id);
-- create function public.match_content(extensions.vector, integer)
SET LOCAL check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.match_content(query_embedding extensions.vector, match_count integer DEFAULT 10)
 RETURNS SETOF public.educational_content
 LANGUAGE sql
 STABLE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE COST 100 ROWS 1000 SET search_path TO 'public', 'extensions'
AS $function$
    select * from public.educational_content
    where content_embedding is not null
    order by content_embedding <=> query_embedding
    limit match_count
  $function$;
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT p.oid, a.grantee FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE p.oid = ANY (ARRAY[to_regprocedure('public.match_content(extensions.vector, integer)')]::oid[]) AND a.grantee <> p.proowner LOOP EXECUTE format('REVOKE ALL ON FUNCTION %s FROM %s', r.oid::regprocedure, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- enable row level security on public.classes [AUTHZ_CHANGE]
ALTER TABLE public.classes ENABLE ROW LEVEL SECURITY;
-- enable row level security on public.educational_content [AUTHZ_CHANGE]
ALTER TABLE public.educational_content ENABLE ROW LEVEL SECURITY;
-- enable row level security on public.enrollments [AUTHZ_CHANGE]
ALTER TABLE public.enrollments ENABLE ROW LEVEL SECURITY;
-- enable row level security on public.lessons [AUTHZ_CHANGE]
ALTER TABLE public.lessons ENABLE ROW LEVEL SECURITY;
-- enable row level security on public.users [AUTHZ_CHANGE]
ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;
-- create policy "admin sees all" on public.classes [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "admin sees all" ON public.classes;
CREATE POLICY "admin sees all" ON public.classes AS PERMISSIVE FOR select TO authenticated USING (((( SELECT auth.jwt() AS jwt) -> 'app_metadata'::text) ->> 'role'::text) = 'admin'::text);
-- create policy "students see enrolled classes" on public.classes [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "students see enrolled classes" ON public.classes;
CREATE POLICY "students see enrolled classes" ON public.classes AS PERMISSIVE FOR select TO authenticated USING (( SELECT private.is_enrolled(classes.id) AS is_enrolled));
-- create policy "teacher owns classes" on public.classes [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "teacher owns classes" ON public.classes;
CREATE POLICY "teacher owns classes" ON public.classes AS PERMISSIVE FOR all TO authenticated USING (( SELECT auth.uid() AS uid) = teacher_id) WITH CHECK (( SELECT auth.uid() AS uid) = teacher_id);
-- create policy "students see enrolled classes" on public.educational_content [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "students see enrolled classes" ON public.educational_content;
CREATE POLICY "students see enrolled classes" ON public.educational_content AS PERMISSIVE FOR select TO authenticated USING (EXISTS ( SELECT 1
   FROM (lessons l
     JOIN enrollments e ON ((e.class_id = l.class_id)))
  WHERE ((l.id = educational_content.lesson_id) AND (e.student_id = ( SELECT auth.uid() AS uid)))));
-- create policy "teacher owns classes" on public.educational_content [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "teacher owns classes" ON public.educational_content;
CREATE POLICY "teacher owns classes" ON public.educational_content AS PERMISSIVE FOR all TO authenticated USING (EXISTS ( SELECT 1
   FROM (lessons l
     JOIN classes c ON ((c.id = l.class_id)))
  WHERE ((l.id = educational_content.lesson_id) AND (c.teacher_id = ( SELECT auth.uid() AS uid)))));
-- create policy "students see own enrollments" on public.enrollments [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "students see own enrollments" ON public.enrollments;
CREATE POLICY "students see own enrollments" ON public.enrollments AS PERMISSIVE FOR select TO authenticated USING (( SELECT auth.uid() AS uid) = student_id);
-- create policy "students see enrolled classes" on public.lessons [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "students see enrolled classes" ON public.lessons;
CREATE POLICY "students see enrolled classes" ON public.lessons AS PERMISSIVE FOR select TO authenticated USING (( SELECT private.is_enrolled(lessons.class_id) AS is_enrolled));
-- create policy "teacher owns classes" on public.lessons [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "teacher owns classes" ON public.lessons;
CREATE POLICY "teacher owns classes" ON public.lessons AS PERMISSIVE FOR all TO authenticated USING (EXISTS ( SELECT 1
   FROM classes c
  WHERE ((c.id = lessons.class_id) AND (c.teacher_id = ( SELECT auth.uid() AS uid)))));
-- create policy "admin sees all" on public.users [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "admin sees all" ON public.users;
CREATE POLICY "admin sees all" ON public.users AS PERMISSIVE FOR select TO authenticated USING (((( SELECT auth.jwt() AS jwt) -> 'app_metadata'::text) ->> 'role'::text) = 'admin'::text);
-- create policy "user owns data" on public.users [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "user owns data" ON public.users;
CREATE POLICY "user owns data" ON public.users AS PERMISSIVE FOR all TO authenticated USING (( SELECT auth.uid() AS uid) = id) WITH CHECK (( SELECT auth.uid() AS uid) = id);
-- grant on public.classes to authenticated [AUTHZ_CHANGE]
GRANT select, insert, update, delete ON TABLE public.classes TO authenticated;
-- grant on public.classes to service_role [AUTHZ_CHANGE]
GRANT select, insert, update, delete, truncate, references, trigger ON TABLE public.classes TO service_role;
-- grant on public.educational_content to authenticated [AUTHZ_CHANGE]
GRANT select ON TABLE public.educational_content TO authenticated;
-- grant on public.educational_content to service_role [AUTHZ_CHANGE]
GRANT select, insert, update, delete, truncate, references, trigger ON TABLE public.educational_content TO service_role;
-- grant on public.enrollments to authenticated [AUTHZ_CHANGE]
GRANT select ON TABLE public.enrollments TO authenticated;
-- grant on public.enrollments to service_role [AUTHZ_CHANGE]
GRANT select, insert, update, delete, truncate, references, trigger ON TABLE public.enrollments TO service_role;
-- grant on public.lessons to authenticated [AUTHZ_CHANGE]
GRANT select ON TABLE public.lessons TO authenticated;
-- grant on public.lessons to service_role [AUTHZ_CHANGE]
GRANT select, insert, update, delete, truncate, references, trigger ON TABLE public.lessons TO service_role;
-- grant on public.users to authenticated [AUTHZ_CHANGE]
GRANT select, update ON TABLE public.users TO authenticated;
-- grant on public.users to service_role [AUTHZ_CHANGE]
GRANT select, insert, update, delete, truncate, references, trigger ON TABLE public.users TO service_role;
-- grant execute on function private.is_enrolled(uuid) to authenticated [AUTHZ_CHANGE]
GRANT EXECUTE ON FUNCTION private.is_enrolled(uuid) TO authenticated;
-- grant execute on function private.set_updated_at() to public [AUTHZ_CHANGE]
GRANT EXECUTE ON FUNCTION private.set_updated_at() TO PUBLIC;
-- grant execute on function public.class_enrollment_counts() to public [AUTHZ_CHANGE]
GRANT EXECUTE ON FUNCTION public.class_enrollment_counts() TO PUBLIC;
-- grant execute on function public.match_content(extensions.vector, integer) to public [AUTHZ_CHANGE]
GRANT EXECUTE ON FUNCTION public.match_content(extensions.vector, integer) TO PUBLIC;
-- grant on view public.my_classes to authenticated [AUTHZ_CHANGE]
GRANT select ON TABLE public.my_classes TO authenticated;
-- add public.classes to publication supabase_realtime
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid WHERE p.pubname = 'supabase_realtime' AND pr.prrelid = to_regclass('public.classes')) THEN ALTER PUBLICATION supabase_realtime ADD TABLE public.classes; END IF; END $schemac$;
-- add public.users to publication supabase_realtime
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid WHERE p.pubname = 'supabase_realtime' AND pr.prrelid = to_regclass('public.users')) THEN ALTER PUBLICATION supabase_realtime ADD TABLE public.users; END IF; END $schemac$;
-- create trigger on_auth_user_created on auth.users
CREATE OR REPLACE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION private.handle_new_user();
-- create trigger classes_set_updated_at on public.classes
CREATE OR REPLACE TRIGGER classes_set_updated_at BEFORE UPDATE ON public.classes FOR EACH ROW EXECUTE FUNCTION private.set_updated_at();
-- comment on table public.classes
COMMENT ON TABLE public.classes IS 'A class taught by a teacher.';
-- comment on table public.educational_content
COMMENT ON TABLE public.educational_content IS 'Material attached to a lesson, embedded for semantic search.';
-- comment on table public.enrollments
COMMENT ON TABLE public.enrollments IS 'A student''s enrollment in a class.';
-- comment on table public.lessons
COMMENT ON TABLE public.lessons IS 'A lesson of a class, in teaching order.';
-- comment on table public.users
COMMENT ON TABLE public.users IS 'Platform profile of an auth user.';
-- comment on column public.educational_content.content_embedding
COMMENT ON COLUMN public.educational_content.content_embedding IS 'OpenAI text-embedding-3-small embedding of title and content.';
-- comment on function private.handle_new_user()
COMMENT ON FUNCTION private.handle_new_user() IS 'Creates the platform profile of a new auth user (the signup trigger below). Security
definer: the signup runs as Supabase''s auth admin, which cannot write public.users.';
-- comment on function private.is_enrolled(uuid)
COMMENT ON FUNCTION private.is_enrolled(uuid) IS 'Whether the calling user is enrolled in the class. Security definer, so that a policy asking
it reads enrollments without that table''s own policies.';
-- comment on function private.set_updated_at()
COMMENT ON FUNCTION private.set_updated_at() IS 'Moves updated_at to the time of each update.';
-- comment on function public.class_enrollment_counts()
COMMENT ON FUNCTION public.class_enrollment_counts() IS 'Students enrolled in each class the calling teacher teaches.';
-- comment on function public.match_content(extensions.vector, integer)
COMMENT ON FUNCTION public.match_content(extensions.vector, integer) IS 'Semantic search over the content the calling user may read (its policies apply):
supabase.rpc(''match_content'', { query_embedding, match_count }).';
-- comment on view public.my_classes
COMMENT ON VIEW public.my_classes IS 'The classes the user teaches or is enrolled in, read with the user''s own rights.';
COMMIT;
