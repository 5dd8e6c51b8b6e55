-- schemac migration (up): 6 steps
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- rename index accounts_plan_idx on public.accounts to accounts_plan_index
ALTER INDEX IF EXISTS public.accounts_plan_idx RENAME TO accounts_plan_index;
-- comment on constraint accounts_pkey on public.accounts
COMMENT ON CONSTRAINT accounts_pkey ON public.accounts IS 'The account''s key.';
-- comment on constraint accounts_email_key on public.accounts
COMMENT ON CONSTRAINT accounts_email_key ON public.accounts IS NULL;
-- comment on constraint accounts_plan_lower on public.accounts
COMMENT ON CONSTRAINT accounts_plan_lower ON public.accounts IS 'Plans are lowercase, always.';
-- comment on constraint invoices_account_id_fkey on public.invoices
COMMENT ON CONSTRAINT invoices_account_id_fkey ON public.invoices IS 'Each invoice belongs to an account.';
-- comment on index invoices_total on public.invoices
COMMENT ON INDEX public.invoices_total IS 'Totals, for reports.';
COMMIT;
