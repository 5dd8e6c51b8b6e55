-- schemac migration (up): 51 steps; hazards: AUTHZ_CHANGE, BLOCKS_WRITES
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- create extension vector
CREATE EXTENSION IF NOT EXISTS vector SCHEMA extensions;
-- create enum public.content_kind
DO $schemac$ BEGIN IF to_regtype('public.content_kind') IS NULL THEN CREATE TYPE public.content_kind AS ENUM ('article', 'video', 'exercise', 'quiz'); END IF; END $schemac$;
COMMENT ON TYPE public.content_kind IS 'Kind of educational content.';
-- create enum public.user_role
DO $schemac$ BEGIN IF to_regtype('public.user_role') IS NULL THEN CREATE TYPE public.user_role AS ENUM ('student', 'teacher', 'admin'); END IF; END $schemac$;
COMMENT ON TYPE public.user_role IS 'What a user can do on the platform.';
-- create table public.classes
CREATE TABLE IF NOT EXISTS public.classes (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  teacher_id uuid NOT NULL,
  title text NOT NULL,
  description text,
  starts_on date,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
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
-- create index classes_teacher_id_idx on public.classes
CREATE INDEX IF NOT EXISTS classes_teacher_id_idx ON public.classes USING btree (teacher_id);
-- create index educational_content_embedding_idx on public.educational_content
CREATE INDEX IF NOT EXISTS educational_content_embedding_idx ON public.educational_content USING hnsw (content_embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
-- create index educational_content_lesson_id_idx on public.educational_content
CREATE INDEX IF NOT EXISTS educational_content_lesson_id_idx ON public.educational_content USING btree (lesson_id);
-- create index enrollments_student_id_idx on public.enrollments
CREATE INDEX IF NOT EXISTS enrollments_student_id_idx ON public.enrollments USING btree (student_id);
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
CREATE POLICY "students see enrolled classes" ON public.classes AS PERMISSIVE FOR select TO authenticated USING (EXISTS ( SELECT 1
   FROM enrollments e
  WHERE ((e.class_id = classes.id) AND (e.student_id = ( SELECT auth.uid() AS uid)))));
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
CREATE POLICY "students see enrolled classes" ON public.lessons AS PERMISSIVE FOR select TO authenticated USING (EXISTS ( SELECT 1
   FROM enrollments e
  WHERE ((e.class_id = lessons.class_id) AND (e.student_id = ( SELECT auth.uid() AS uid)))));
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
-- add public.classes to publication supabase_realtime
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid WHERE p.pubname = 'supabase_realtime' AND pr.prrelid = to_regclass('public.classes')) THEN ALTER PUBLICATION supabase_realtime ADD TABLE public.classes; END IF; END $schemac$;
-- add public.users to publication supabase_realtime
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid WHERE p.pubname = 'supabase_realtime' AND pr.prrelid = to_regclass('public.users')) THEN ALTER PUBLICATION supabase_realtime ADD TABLE public.users; END IF; END $schemac$;
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
COMMIT;
