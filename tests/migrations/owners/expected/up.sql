-- schemac migration (up): 7 steps; hazards: AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- create materialized view billing.totals
CREATE MATERIALIZED VIEW IF NOT EXISTS billing.totals AS
SELECT invoices.currency,
    sum(invoices.amount) AS total
   FROM billing.invoices
  GROUP BY invoices.currency;
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass('billing.totals')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- set owner of schema billing to app_user [AUTHZ_CHANGE]
ALTER SCHEMA billing OWNER TO app_user;
-- set owner of enum billing.currency to app_user [AUTHZ_CHANGE]
ALTER TYPE billing.currency OWNER TO app_user;
-- set owner of table billing.invoices to app_user [AUTHZ_CHANGE]
ALTER TABLE billing.invoices OWNER TO app_user;
-- set owner of view billing.big_invoices to app_user [AUTHZ_CHANGE]
ALTER VIEW billing.big_invoices OWNER TO app_user;
-- set owner of materialized view billing.totals to app_user [AUTHZ_CHANGE]
ALTER MATERIALIZED VIEW billing.totals OWNER TO app_user;
-- set owner of function billing.total(billing.currency) to app_user [AUTHZ_CHANGE]
ALTER FUNCTION billing.total(billing.currency) OWNER TO app_user;
COMMIT;
