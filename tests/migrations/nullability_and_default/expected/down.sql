-- schemac migration (down): 7 steps; hazards: ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop default of public.tasks.done
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.tasks') AND attname = 'done' AND atthasdef AND attidentity = '') THEN ALTER TABLE public.tasks ALTER COLUMN done DROP DEFAULT; END IF; END $schemac$;
-- drop default of public.tasks.priority
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.tasks') AND attname = 'priority' AND atthasdef AND attidentity = '') THEN ALTER TABLE public.tasks ALTER COLUMN priority DROP DEFAULT; END IF; END $schemac$;
-- drop default of public.tasks.created_at
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.tasks') AND attname = 'created_at' AND atthasdef AND attidentity = '') THEN ALTER TABLE public.tasks ALTER COLUMN created_at DROP DEFAULT; END IF; END $schemac$;
-- set default of public.tasks.priority
ALTER TABLE public.tasks ALTER COLUMN priority SET DEFAULT 1;
-- set default of public.tasks.due_on
ALTER TABLE public.tasks ALTER COLUMN due_on SET DEFAULT CURRENT_DATE;
-- allow null in public.tasks.title
ALTER TABLE public.tasks ALTER COLUMN title DROP NOT NULL;
-- set not null on public.tasks.done [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE public.tasks ALTER COLUMN done SET NOT NULL;
COMMIT;
