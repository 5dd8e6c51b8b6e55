-- schemac migration (up): 5 steps
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- comment on enum public.urgency
COMMENT ON TYPE public.urgency IS NULL;
-- comment on table public.tickets
COMMENT ON TABLE public.tickets IS 'A support ticket; it''s one row per request.';
-- comment on column public.tickets.title
COMMENT ON COLUMN public.tickets.title IS 'One-line summary, shown in lists.';
-- comment on column public.tickets.body
COMMENT ON COLUMN public.tickets.body IS 'Markdown body.';
-- comment on policy "own tickets" on public.tickets
COMMENT ON POLICY "own tickets" ON public.tickets IS 'Owners see their own tickets.';
COMMIT;
