-- schemac migration (up): 5 steps; hazards: AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- set owner of schema billing to app_user [AUTHZ_CHANGE]
ALTER SCHEMA billing OWNER TO app_user;
-- set owner of enum billing.currency to app_user [AUTHZ_CHANGE]
ALTER TYPE billing.currency OWNER TO app_user;
-- set owner of table billing.invoices to app_user [AUTHZ_CHANGE]
ALTER TABLE billing.invoices OWNER TO app_user;
-- set owner of view billing.big_invoices to app_user [AUTHZ_CHANGE]
ALTER VIEW billing.big_invoices OWNER TO app_user;
-- set owner of function billing.total(billing.currency) to app_user [AUTHZ_CHANGE]
ALTER FUNCTION billing.total(billing.currency) OWNER TO app_user;
COMMIT;
