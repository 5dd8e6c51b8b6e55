-- schemac migration (down): 2 steps
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public;

-- schemac:segment transaction
BEGIN;
-- move extension pg_trgm to schema public
ALTER EXTENSION pg_trgm SET SCHEMA public;
-- drop schema ext
DROP SCHEMA IF EXISTS ext;
COMMIT;
