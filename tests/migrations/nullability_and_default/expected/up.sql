-- schemac migration (up): 7 steps; hazards: ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop default of public.tasks.priority
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.tasks') AND attname = 'priority' AND atthasdef AND attidentity = '') THEN ALTER TABLE public.tasks ALTER COLUMN priority DROP DEFAULT; END IF; END $schemac$;
-- drop default of public.tasks.due_on
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.tasks') AND attname = 'due_on' AND atthasdef AND attidentity = '') THEN ALTER TABLE public.tasks ALTER COLUMN due_on DROP DEFAULT; END IF; END $schemac$;
-- set default of public.tasks.done
ALTER TABLE public.tasks ALTER COLUMN done SET DEFAULT false;
-- set default of public.tasks.priority
ALTER TABLE public.tasks ALTER COLUMN priority SET DEFAULT 3;
-- set default of public.tasks.created_at
ALTER TABLE public.tasks ALTER COLUMN created_at SET DEFAULT now();
-- allow null in public.tasks.done
ALTER TABLE public.tasks ALTER COLUMN done DROP NOT NULL;
-- set not null on public.tasks.title [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE public.tasks ALTER COLUMN title SET NOT NULL;
COMMIT;
