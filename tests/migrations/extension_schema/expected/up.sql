-- schemac migration (up): 2 steps
SET standard_conforming_strings = on;
SET lock_timeout = '5s';
SET statement_timeout = '15min';
SET search_path TO "$user", public, ext;

-- schemac:segment transaction
BEGIN;
-- create schema ext
CREATE SCHEMA IF NOT EXISTS ext;
-- move extension pg_trgm to schema ext
ALTER EXTENSION pg_trgm SET SCHEMA ext;
COMMIT;
