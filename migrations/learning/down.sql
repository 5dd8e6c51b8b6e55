-- schemac migration (down): 33 steps; hazards: DATA_LOSS, ACCESS_EXCLUSIVE_LOCK, AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop function public.match_content(extensions.vector, integer)
DROP FUNCTION IF EXISTS public.match_content(extensions.vector, integer);
-- drop policy "admin sees all" on public.classes [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "admin sees all" ON public.classes;
-- drop policy "students see enrolled classes" on public.classes [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "students see enrolled classes" ON public.classes;
-- drop policy "teacher owns classes" on public.classes [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "teacher owns classes" ON public.classes;
-- drop policy "students see enrolled classes" on public.educational_content [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "students see enrolled classes" ON public.educational_content;
-- drop policy "teacher owns classes" on public.educational_content [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "teacher owns classes" ON public.educational_content;
-- drop policy "students see own enrollments" on public.enrollments [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "students see own enrollments" ON public.enrollments;
-- drop policy "students see enrolled classes" on public.lessons [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "students see enrolled classes" ON public.lessons;
-- drop policy "teacher owns classes" on public.lessons [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "teacher owns classes" ON public.lessons;
-- drop policy "admin sees all" on public.users [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "admin sees all" ON public.users;
-- drop policy "user owns data" on public.users [AUTHZ_CHANGE]
DROP POLICY IF EXISTS "user owns data" ON public.users;
-- drop trigger on_auth_user_created on auth.users
DROP TRIGGER IF EXISTS on_auth_user_created ON auth.users;
-- drop trigger classes_set_updated_at on public.classes
DROP TRIGGER IF EXISTS classes_set_updated_at ON public.classes;
-- drop view public.my_classes
DROP VIEW IF EXISTS public.my_classes;
-- drop foreign key classes_teacher_id_fkey on public.classes [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.classes DROP CONSTRAINT IF EXISTS classes_teacher_id_fkey;
-- drop foreign key educational_content_lesson_id_fkey on public.educational_content [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.educational_content DROP CONSTRAINT IF EXISTS educational_content_lesson_id_fkey;
-- drop foreign key enrollments_class_id_fkey on public.enrollments [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.enrollments DROP CONSTRAINT IF EXISTS enrollments_class_id_fkey;
-- drop foreign key enrollments_student_id_fkey on public.enrollments [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.enrollments DROP CONSTRAINT IF EXISTS enrollments_student_id_fkey;
-- drop foreign key lessons_class_id_fkey on public.lessons [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.lessons DROP CONSTRAINT IF EXISTS lessons_class_id_fkey;
-- drop foreign key users_id_fkey on public.users [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.users DROP CONSTRAINT IF EXISTS users_id_fkey;
-- drop table public.classes [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
DROP TABLE IF EXISTS public.classes;
-- drop table public.educational_content [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
DROP TABLE IF EXISTS public.educational_content;
-- drop table public.enrollments [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
DROP TABLE IF EXISTS public.enrollments;
-- drop table public.lessons [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
DROP TABLE IF EXISTS public.lessons;
-- drop table public.users [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
DROP TABLE IF EXISTS public.users;
-- drop function private.handle_new_user()
DROP FUNCTION IF EXISTS private.handle_new_user();
-- drop function private.is_enrolled(uuid)
DROP FUNCTION IF EXISTS private.is_enrolled(uuid);
-- drop function private.set_updated_at()
DROP FUNCTION IF EXISTS private.set_updated_at();
-- drop function public.class_enrollment_counts()
DROP FUNCTION IF EXISTS public.class_enrollment_counts();
-- drop enum public.content_kind [DATA_LOSS]
DROP TYPE IF EXISTS public.content_kind;
-- drop enum public.user_role [DATA_LOSS]
DROP TYPE IF EXISTS public.user_role;
-- drop extension vector [DATA_LOSS]
DROP EXTENSION IF EXISTS vector;
-- drop schema private
DROP SCHEMA IF EXISTS private;
COMMIT;
