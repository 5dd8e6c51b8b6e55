-- schemac migration (up): 14 steps; hazards: DATA_LOSS, ACCESS_EXCLUSIVE_LOCK, AUTHZ_CHANGE
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, extensions;

-- schemac:segment transaction
BEGIN;
-- rename sequence public.order_numbers to invoice_numbers
DO $schemac$ BEGIN IF to_regclass('public.order_numbers') IS NOT NULL AND to_regclass('public.invoice_numbers') IS NULL THEN ALTER SEQUENCE public.order_numbers RENAME TO invoice_numbers; END IF; END $schemac$;
-- make sequence public.counters owned by no column
ALTER SEQUENCE IF EXISTS public.counters OWNED BY NONE;
-- drop column public.orders.old [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.orders DROP COLUMN IF EXISTS old;
-- alter sequence public.counters
DO $schemac$ DECLARE v bigint; BEGIN EXECUTE 'SELECT last_value FROM ' || 'public.counters' INTO v; IF v < -1000000 OR v > 0 THEN ALTER SEQUENCE public.counters AS bigint INCREMENT BY -10 MINVALUE -1000000 MAXVALUE 0 START WITH 0 CACHE 1 CYCLE RESTART; ELSE ALTER SEQUENCE public.counters AS bigint INCREMENT BY -10 MINVALUE -1000000 MAXVALUE 0 START WITH 0 CACHE 1 CYCLE; END IF; END $schemac$;
-- alter sequence public.invoice_numbers
DO $schemac$ DECLARE v bigint; BEGIN EXECUTE 'SELECT last_value FROM ' || 'public.invoice_numbers' INTO v; IF v < 1 OR v > 9223372036854775807 THEN ALTER SEQUENCE public.invoice_numbers AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000 CACHE 1 NO CYCLE RESTART; ELSE ALTER SEQUENCE public.invoice_numbers AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000 CACHE 1 NO CYCLE; END IF; END $schemac$;
-- create sequence public.tickets
CREATE SEQUENCE IF NOT EXISTS public.tickets AS smallint INCREMENT BY 1 MINVALUE 1 MAXVALUE 32767 START WITH 1 CACHE 1 NO CYCLE;
DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT a.grantee FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = to_regclass('public.tickets') AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM %s', 'public.tickets', CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;
-- drop default of public.orders.id
DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = 'id' AND atthasdef AND attidentity = '') THEN ALTER TABLE public.orders ALTER COLUMN id DROP DEFAULT; END IF; END $schemac$;
-- add column public.orders.other (integer)
ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS other integer NOT NULL DEFAULT nextval('tickets'::regclass);
-- set default of public.orders.id
ALTER TABLE public.orders ALTER COLUMN id SET DEFAULT nextval('invoice_numbers'::regclass);
-- make sequence public.counters owned by public.orders.other
DO $schemac$ DECLARE o oid := (SELECT relowner FROM pg_class WHERE oid = 'public.orders'::regclass); BEGIN IF (SELECT relowner FROM pg_class WHERE oid = 'public.counters'::regclass) <> o THEN EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', 'public.counters'::regclass, pg_get_userbyid(o)); END IF; END $schemac$;
ALTER SEQUENCE public.counters OWNED BY public.orders.other;
-- revoke on sequence public.counters from authenticated [AUTHZ_CHANGE]
REVOKE ALL ON SEQUENCE public.counters FROM authenticated;
-- grant on sequence public.counters to anon [AUTHZ_CHANGE]
GRANT select, usage ON SEQUENCE public.counters TO anon;
-- comment on sequence public.counters
COMMENT ON SEQUENCE public.counters IS 'Counts by tens, downwards.';
-- drop sequence public.gone [DATA_LOSS]
DROP SEQUENCE IF EXISTS public.gone;
COMMIT;
