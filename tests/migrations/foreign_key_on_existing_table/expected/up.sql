-- schemac migration (up): 2 steps; hazards: BLOCKS_WRITES
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- add foreign key books_author_id_fkey on public.books [BLOCKS_WRITES]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.books') AND conname = 'books_author_id_fkey') THEN ALTER TABLE public.books ADD CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.authors (id) ON DELETE cascade ON UPDATE no action NOT VALID; END IF; END $schemac$;
-- validate foreign key books_author_id_fkey on public.books
ALTER TABLE public.books VALIDATE CONSTRAINT books_author_id_fkey;
COMMIT;
