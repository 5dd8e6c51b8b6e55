-- schemac migration (down): 14 steps; hazards: DATA_LOSS, ACCESS_EXCLUSIVE_LOCK, AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- rename sequence public.invoice_numbers to order_numbers
DO $schemac$ BEGIN IF to_regclass('public.invoice_numbers') IS NOT NULL AND to_regclass('public.order_numbers') IS NULL THEN ALTER SEQUENCE public.invoice_numbers RENAME TO order_numbers; END IF; END $schemac$;
-- make sequence public.counters owned by no column
ALTER SEQUENCE IF EXISTS public.counters OWNED BY NONE;
-- drop column public.orders.other [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.orders DROP COLUMN IF EXISTS other;
-- alter sequence public.counters
DO $schemac$ DECLARE v bigint; BEGIN EXECUTE 'SELECT last_value FROM ' || 'public.counters' INTO v; IF v < 1 OR v > 2147483647 THEN ALTER SEQUENCE public.counters AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE RESTART; ELSE ALTER SEQUENCE public.counters AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE; END IF; END $schemac$;
-- create sequence public.gone
CREATE SEQUENCE IF NOT EXISTS public.gone AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE;
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = to_regclass('public.gone') AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM %s', 'public.gone', CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- alter sequence public.order_numbers
DO $schemac$ DECLARE v bigint; BEGIN EXECUTE 'SELECT last_value FROM ' || 'public.order_numbers' INTO v; IF v < 1 OR v > 9223372036854775807 THEN ALTER SEQUENCE public.order_numbers AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE RESTART; ELSE ALTER SEQUENCE public.order_numbers AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE; END IF; END $schemac$;
-- drop default of public.orders.id
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = 'id' AND atthasdef AND attidentity = '') THEN ALTER TABLE public.orders ALTER COLUMN id DROP DEFAULT; END IF; END $schemac$;
-- add column public.orders.old (integer)
ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS old integer NOT NULL;
-- set default of public.orders.id
ALTER TABLE public.orders ALTER COLUMN id SET DEFAULT nextval('order_numbers'::regclass);
-- make sequence public.counters owned by public.orders.code
DO $schemac$ DECLARE o oid := (SELECT relowner FROM pg_class WHERE oid = 'public.orders'::regclass); BEGIN IF (SELECT relowner FROM pg_class WHERE oid = 'public.counters'::regclass) <> o THEN EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', 'public.counters'::regclass, pg_get_userbyid(o)); END IF; END $schemac$;
ALTER SEQUENCE public.counters OWNED BY public.orders.code;
-- revoke on sequence public.counters from anon [AUTHZ_CHANGE]
REVOKE ALL ON SEQUENCE public.counters FROM anon;
-- grant on sequence public.counters to authenticated [AUTHZ_CHANGE]
GRANT usage ON SEQUENCE public.counters TO authenticated;
-- comment on sequence public.counters
COMMENT ON SEQUENCE public.counters IS NULL;
-- drop sequence public.tickets [DATA_LOSS]
DROP SEQUENCE IF EXISTS public.tickets;
COMMIT;
