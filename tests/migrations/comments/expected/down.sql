-- schemac migration (down): 5 steps
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- comment on enum public.urgency
COMMENT ON TYPE public.urgency IS 'How urgent a ticket is.';
-- comment on table public.tickets
COMMENT ON TABLE public.tickets IS NULL;
-- comment on column public.tickets.title
COMMENT ON COLUMN public.tickets.title IS 'Short summary.';
-- comment on column public.tickets.body
COMMENT ON COLUMN public.tickets.body IS NULL;
-- comment on policy "own tickets" on public.tickets
COMMENT ON POLICY "own tickets" ON public.tickets IS NULL;
COMMIT;
