// The test harness itself: tools/test.sh starts a private PostgreSQL 15 cluster and PGlite
// (PostgreSQL 18 with pgvector) and passes them in SCHEMAC_TEST_* variables. These tests check
// that the engines answer and that tests/sql/supabase_env.sql sets up a Supabase-like database.
// Without the variables they fail (run them through tools/test.sh), they do not skip.

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string require_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    FAIL(name << " is not set: run the tests through tools/test.sh, which starts the database "
                 "engines the integration tests need");
  }
  return value;
}

// The same URL with another database name (postgresql://user@host:port/DB?params).
std::string with_database(const std::string& url, const std::string& database) {
  auto scheme = url.find("://");
  auto path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  auto query = url.find('?', path == std::string::npos ? 0 : path);
  std::string params = query == std::string::npos ? "" : url.substr(query);
  std::string base = path == std::string::npos ? url.substr(0, query) : url.substr(0, path);
  return base + "/" + database + params;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) FAIL("cannot read " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string unique_name(const std::string& prefix) {
  auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(ticks % 1000000000);
}

// Drops a database created by a test, also when the test fails half-way.
struct ScratchDatabase {
  std::string admin_url;
  std::string name;
  ~ScratchDatabase() {
    try {
      pqxx::connection c{admin_url};
      pqxx::nontransaction n{c};
      n.exec("drop database if exists " + n.quote_name(name) + " with (force)");
    } catch (const std::exception& e) {
      WARN("could not drop database " << name << ": " << e.what());
    }
  }
};

}  // namespace

TEST_CASE("harness: the PostgreSQL 15 engine answers", "[pg]") {
  auto url = require_env("SCHEMAC_TEST_PG_URL");
  pqxx::connection c{url};
  pqxx::work w{c};
  auto version = w.exec("select current_setting('server_version_num')::int")[0][0].as<int>();
  CHECK(version >= 150000);
  CHECK(w.exec("show wal_level")[0][0].as<std::string>() == "logical");
  CHECK(w.exec("select 1 + 1")[0][0].as<int>() == 2);
  w.commit();
}

TEST_CASE("harness: supabase_env.sql sets up a Supabase-like database, idempotently", "[pg]") {
  auto url = require_env("SCHEMAC_TEST_PG_URL");
  auto sql = read_file(require_env("SCHEMAC_TEST_SUPABASE_SQL"));

  ScratchDatabase db{url, unique_name("schemac_harness")};
  {
    pqxx::connection admin{url};
    pqxx::nontransaction n{admin};
    n.exec("create database " + n.quote_name(db.name));
  }

  pqxx::connection c{with_database(url, db.name)};
  {
    pqxx::nontransaction n{c};
    n.exec(sql);
    n.exec(sql);  // idempotent on the same database
  }

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
              .as<int>() == 9);
    CHECK(w.exec("select count(*) from pg_publication where pubname = 'supabase_realtime'")[0][0]
              .as<int>() == 1);
    CHECK(w.exec("select count(*) from pg_namespace where nspname = 'extensions'")[0][0]
              .as<int>() == 1);
    w.commit();
  }
}

TEST_CASE("harness: PGlite (PostgreSQL 18) answers and has pgvector", "[pg]") {
  auto url = require_env("SCHEMAC_TEST_PGLITE_URL");
  pqxx::connection c{url};
  pqxx::nontransaction n{c};
  auto version = n.exec("select current_setting('server_version_num')::int")[0][0].as<int>();
  CHECK(version >= 180000);

  // PGlite has one database, shared by every test: create only uniquely named objects, drop
  // them at the end, and the extension only if this test created it.
  bool had_vector =
      n.exec("select count(*) from pg_extension where extname = 'vector'")[0][0].as<int>() > 0;
  auto table = unique_name("harness_vectors");
  try {
    n.exec("create extension if not exists vector");
    CHECK(n.exec("select '[1,2,3]'::vector(3)::text")[0][0].as<std::string>() == "[1,2,3]");
    n.exec("create table " + n.quote_name(table) + " (id int primary key, embedding vector(3))");
    n.exec("insert into " + n.quote_name(table) +
           " values (1, '[1,0,0]'), (2, '[0,1,0]'), (3, '[0.9,0.1,0]')");
    auto nearest = n.exec("select id from " + n.quote_name(table) +
                          " order by embedding <=> '[1,0,0]' limit 2");
    REQUIRE(nearest.size() == 2);
    CHECK(nearest[0][0].as<int>() == 1);
    CHECK(nearest[1][0].as<int>() == 3);
  } catch (...) {
    n.exec("drop table if exists " + n.quote_name(table));
    throw;
  }
  n.exec("drop table if exists " + n.quote_name(table));
  if (!had_vector) {
    try {
      n.exec("drop extension if exists vector");
    } catch (const std::exception& e) {
      WARN("vector is still in use (by another test?): " << e.what());
    }
  }
}
