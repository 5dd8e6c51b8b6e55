-- schemac migration (down): 1 step; hazards: AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- set owner of table billing.invoices to postgres [AUTHZ_CHANGE]
ALTER TABLE billing.invoices OWNER TO postgres;
COMMIT;
