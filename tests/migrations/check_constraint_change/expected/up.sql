-- schemac migration (up): 9 steps; hazards: ACCESS_EXCLUSIVE_LOCK
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- drop check products_discount_range on public.products [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.products DROP CONSTRAINT IF EXISTS products_discount_range;
-- drop check products_price_check on public.products [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.products DROP CONSTRAINT IF EXISTS products_price_check;
-- drop check products_stock_positive on public.products [ACCESS_EXCLUSIVE_LOCK]
ALTER TABLE IF EXISTS public.products DROP CONSTRAINT IF EXISTS products_stock_positive;
-- add check products_discount_range on public.products [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.products') AND conname = 'products_discount_range') THEN ALTER TABLE public.products ADD CONSTRAINT products_discount_range CHECK ((discount >= (0)::numeric) AND (discount <= (90)::numeric)) NOT VALID; END IF; END $schemac$;
-- add check products_name_check on public.products [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.products') AND conname = 'products_name_check') THEN ALTER TABLE public.products ADD CONSTRAINT products_name_check CHECK ((length(name) >= 1) AND (length(name) <= 200)) NOT VALID; END IF; END $schemac$;
-- add check products_price_check on public.products [ACCESS_EXCLUSIVE_LOCK]
DO $schemac$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass('public.products') AND conname = 'products_price_check') THEN ALTER TABLE public.products ADD CONSTRAINT products_price_check CHECK (price > (0)::numeric) NOT VALID; END IF; END $schemac$;
-- validate check products_discount_range on public.products
ALTER TABLE public.products VALIDATE CONSTRAINT products_discount_range;
-- validate check products_name_check on public.products
ALTER TABLE public.products VALIDATE CONSTRAINT products_name_check;
-- validate check products_price_check on public.products
ALTER TABLE public.products VALIDATE CONSTRAINT products_price_check;
COMMIT;
