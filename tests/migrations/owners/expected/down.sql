-- schemac migration (down): 2 steps; hazards: AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop materialized view billing.totals
DROP MATERIALIZED VIEW IF EXISTS billing.totals;
-- set owner of table billing.invoices to postgres [AUTHZ_CHANGE]
ALTER TABLE billing.invoices OWNER TO postgres;
COMMIT;
