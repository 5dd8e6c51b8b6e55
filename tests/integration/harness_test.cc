// The test harness itself: tools/test.sh starts a private PostgreSQL 15 cluster and PGlite
// (PostgreSQL 18 with pgvector) and passes them in SCHEMAC_TEST_* variables. These tests check
// that the engines answer and that backends/postgres/supabase_env.sql sets up a Supabase-like database.
// Without the variables they fail (run them through tools/test.sh), they do not skip.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>

#include "tests/integration/pg_test_util.h"

namespace schemac::testing {

TEST_CASE("harness: the PostgreSQL engine answers, in the version asked for", "[pg]") {
  pqxx::connection c{EngineUrl(Engine::kPostgres)};
  pqxx::work w{c};
  auto version = w.exec("select current_setting('server_version_num')::int")[0][0].as<int>();
  CHECK(version / 10000 == ExpectedServerMajor());
  CHECK(w.exec("show wal_level")[0][0].as<std::string>() == "logical");
  CHECK(w.exec("select 1 + 1")[0][0].as<int>() == 2);
  w.commit();
}

TEST_CASE("harness: supabase_env.sql sets up a Supabase-like database, idempotently", "[pg]") {
  ScratchDb db(Engine::kPostgres);
  SqlFile supabase;
  supabase.needs = {"supabase"};
  db.LoadNeeds(supabase, true);
  db.LoadNeeds(supabase, true);  // Idempotent on the same database.
  pqxx::connection c{db.url()};

  const std::string sub = "3f1c9d2e-7b4a-4c1e-9f0a-2d6b8e5c4a17";
  {
    pqxx::work w{c};
    w.exec("select set_config('request.jwt.claims', '{\"sub\":\"" + sub +
           "\",\"role\":\"authenticated\"}', true)");
    CHECK(w.exec("select auth.uid()::text")[0][0].as<std::string>() == sub);
    CHECK(w.exec("select auth.role()")[0][0].as<std::string>() == "authenticated");
    CHECK(w.exec("select auth.jwt() ->> 'sub'")[0][0].as<std::string>() == sub);
    w.commit();
  }
  {
    // The transaction-local setting is gone, but the session now reads '' for it.
    pqxx::work w{c};
    CHECK(w.exec("select current_setting('request.jwt.claims', true)")[0][0].as<std::string>() ==
          "");
    CHECK(w.exec("select auth.uid()")[0][0].is_null());
    CHECK(w.exec("select auth.jwt()")[0][0].is_null());
    w.commit();
  }
  {
    pqxx::nontransaction n{c};
    n.exec("select set_config('request.jwt.claims', '{\"sub\":\"" + sub + "\"}', false)");
    CHECK(n.exec("select auth.uid()::text")[0][0].as<std::string>() == sub);
    n.exec("reset request.jwt.claims");
    CHECK(n.exec("select auth.uid()")[0][0].is_null());
  }
  {
    pqxx::work w{c};
    CHECK(w.exec("select rolbypassrls from pg_roles where rolname = 'service_role'")[0][0]
              .as<bool>());
    CHECK(w.exec("select count(*) from pg_roles where rolname in ('anon', 'authenticated', "
                 "'service_role') and not rolcanlogin")[0][0]
              .as<int>() == 3);
    CHECK(w.exec("select pg_has_role('authenticator', 'anon', 'member') and "
                 "pg_has_role('authenticator', 'authenticated', 'member') and "
                 "pg_has_role('authenticator', 'service_role', 'member')")[0][0]
              .as<bool>());
    CHECK(w.exec("select has_schema_privilege('anon', 'auth', 'usage')")[0][0].as<bool>());
    CHECK(w.exec("select count(*) from information_schema.columns "
                 "where table_schema = 'auth' and table_name = 'users'")[0][0]
              .as<int>() == 35);  // Supabase's, supabase_env_test.cc checks them.
    CHECK(w.exec("select count(*) from pg_publication where pubname = 'supabase_realtime'")[0][0]
              .as<int>() == 1);
    CHECK(w.exec("select count(*) from pg_namespace where nspname = 'extensions'")[0][0]
              .as<int>() == 1);
    w.commit();
  }
}

TEST_CASE("harness: PGlite (PostgreSQL 18) answers and has pgvector", "[pglite]") {
  ScratchDb db(Engine::kPglite);  // PGlite's one database, emptied, for this test alone.
  pqxx::connection c{db.url()};
  pqxx::nontransaction n{c};
  auto version = n.exec("select current_setting('server_version_num')::int")[0][0].as<int>();
  CHECK(version >= 180000);
  n.exec("create extension vector");
  CHECK(n.exec("select '[1,2,3]'::vector(3)::text")[0][0].as<std::string>() == "[1,2,3]");
  n.exec("create table vectors (id int primary key, embedding vector(3))");
  n.exec("insert into vectors values (1, '[1,0,0]'), (2, '[0,1,0]'), (3, '[0.9,0.1,0]')");
  auto nearest = n.exec("select id from vectors order by embedding <=> '[1,0,0]' limit 2");
  REQUIRE(nearest.size() == 2);
  CHECK(nearest[0][0].as<int>() == 1);
  CHECK(nearest[1][0].as<int>() == 3);
}

TEST_CASE("harness: the tests have a canonical cache of their own", "[cache]") {
  // schemac's canonical cache lives in $XDG_CACHE_HOME/schemac (else ~/.cache/schemac); a cache
  // shared with other builds or runs can answer for code that changed. tools/test.sh makes one
  // in its temporary directory (schemac-test.XXXXXX) and removes it on exit.
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg == nullptr || *xdg == '\0') {
    FAIL("XDG_CACHE_HOME is not set: run the tests through tools/test.sh, which gives them a "
         "canonical cache of their own");
  }
  std::filesystem::path cache = xdg;
  INFO("XDG_CACHE_HOME=" << cache);
  CHECK(cache.is_absolute());
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    CHECK(std::filesystem::weakly_canonical(cache) !=
          std::filesystem::weakly_canonical(std::filesystem::path(home) / ".cache"));
  }
  CHECK(cache.parent_path().filename().string().starts_with("schemac-test."));
  CHECK(std::filesystem::is_directory(cache));
}

}  // namespace schemac::testing
