// Owners on a real PostgreSQL: a database whose objects other roles own is pulled (an `owner`
// line per object not owned by the connecting role) and plans empty; a declared owner changed
// by hand is drift that `plan --exit-code` sees and `apply` sets back; an object created by
// the migration gets its declared owner. tests/migrations/owners is the golden up and down.

#include <catch2/catch.hpp>

#include <pqxx/pqxx>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

namespace {

std::string DevUrl() { return " --dev-url '" + EngineUrl(Engine::kPostgres) + "'"; }

// Roles are the cluster's: made once, shared by every test database.
void CreateRole(ScratchDb& db, const std::string& role) {
  db.Exec("do $$ begin if not exists (select from pg_roles where rolname = '" + role +
          "') then create role " + role + " nologin; end if; "
          "exception when duplicate_object or unique_violation then null; end $$");
}

std::string Owner(ScratchDb& db, const std::string& sql) {
  pqxx::connection c{db.url()};
  pqxx::nontransaction n{c};
  return n.exec1(sql)[0].c_str();
}

}  // namespace

TEST_CASE("owners: pull writes the owners of other roles, plan sees a changed one, apply sets it",
          "[pg][owner]") {
  ScratchDb db(Engine::kPostgres);
  CreateRole(db, "schemac_owner_a");
  CreateRole(db, "schemac_owner_b");
  db.Exec(
      "create schema app authorization schemac_owner_a;"
      "create type app.mood as enum ('ok', 'sad');"
      "create table app.t (id int primary key, m app.mood);"
      "create table app.mine (id int primary key);"
      "create view app.v as select id from app.t;"
      "create materialized view app.mv as select count(*) as n from app.t;"
      "create function app.f(a int) returns int language sql as $$ select a $$;"
      "create function app.f(a int, b text) returns int language sql as $$ select a $$;"
      "alter type app.mood owner to schemac_owner_a;"
      "alter table app.t owner to schemac_owner_a;"
      "alter view app.v owner to schemac_owner_b;"
      "alter materialized view app.mv owner to schemac_owner_b;"
      "alter function app.f(int, text) owner to schemac_owner_b;");
  TempDir temp;
  const fs::path dir = temp.path / "schema";
  RunResult pull = RunSchemac("pull --db '" + db.url() + "' --out " + dir.string());
  INFO(pull.err);
  REQUIRE(pull.exit_code == 0);
  std::string app = ReadFile(dir / "app.schema");
  INFO("app.schema:\n" << app);
  CHECK(app.find("\nowner schemac_owner_a of schema app\n"
                 "owner schemac_owner_a of enum app.mood\n"
                 "owner schemac_owner_a of table app.t\n"
                 "owner schemac_owner_b of materialized view app.mv\n"
                 "owner schemac_owner_b of view app.v\n"
                 "owner schemac_owner_b of function app.f(integer, text)\n") != std::string::npos);
  // Owned by the role pull connects as: no line.
  CHECK(app.find("of table app.mine") == std::string::npos);
  CHECK(app.find("of function app.f(integer)\n") == std::string::npos);
  std::string pub = ReadFile(dir / "public.schema");
  CHECK(pub.find("extern role schemac_owner_a\n") != std::string::npos);

  std::string plan_args = " --db '" + db.url() + "' --schema " + dir.string() + DevUrl();
  RunResult plan = RunSchemac("plan --exit-code" + plan_args);
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code == 0);

  // Drift: the table changed hands. plan shows it, apply gives it back.
  db.Exec("alter table app.t owner to schemac_owner_b; alter table app.mine owner to schemac_owner_b");
  RunResult drift = RunSchemac("plan --exit-code" + plan_args);
  INFO(drift.out << drift.err);
  CHECK(drift.exit_code == 2);
  CHECK(drift.out.find("set owner of table app.t to schemac_owner_a") != std::string::npos);
  CHECK(drift.out.find("app.mine") == std::string::npos);  // Undeclared: left alone.
  RunResult apply = RunSchemac("apply --auto-approve" + plan_args);
  INFO(apply.out << apply.err);
  REQUIRE(apply.exit_code == 0);
  CHECK(Owner(db, "select relowner::regrole::text from pg_class where oid = 'app.t'::regclass") ==
        "schemac_owner_a");
  CHECK(RunSchemac("plan --exit-code" + plan_args).exit_code == 0);
}

TEST_CASE("owners: a view made again by a migration keeps its declared owner", "[pg][owner]") {
  ScratchDb db(Engine::kPostgres);
  CreateRole(db, "schemac_owner_a");
  TempDir temp;
  auto write = [&](const std::string& column_type) {
    WriteFile(temp.path / "s.schema",
              "extern role schemac_owner_a\n"
              "table t {\n  id int primary key\n  n " + column_type + "\n}\n"
              "view v as (select id, n from t)\n"
              "function f(x int) returns int as $$ select x $$\n"
              "owner schemac_owner_a of view v, table t, function f\n");
  };
  std::string args = " --db '" + db.url() + "' --schema " + (temp.path / "s.schema").string() + DevUrl();
  write("integer");
  RunResult first = RunSchemac("apply --auto-approve" + args);
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(Owner(db, "select relowner::regrole::text from pg_class where oid = 'v'::regclass") ==
        "schemac_owner_a");
  // The column type under the view changes: the view is dropped and created again.
  write("bigint");
  RunResult second = RunSchemac("apply --auto-approve" + args);
  INFO(second.out << second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(Owner(db, "select relowner::regrole::text from pg_class where oid = 'v'::regclass") ==
        "schemac_owner_a");
  CHECK(Owner(db, "select proowner::regrole::text from pg_proc where oid = 'f(int)'::regprocedure") ==
        "schemac_owner_a");
  CHECK(RunSchemac("plan --exit-code" + args).exit_code == 0);
}

}  // namespace schemac::testing
