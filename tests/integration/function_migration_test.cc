// Function migrations on a real PostgreSQL (15, or 17 and 18 with --server N): for pairs of
// schemas built in memory, the up SQL (compiler/diff_functions.cc, backends/postgres/
// emit_functions.cc) applied to a database holding `from` (itself built by the up SQL from an
// empty one) ends where a database built straight to `to` is; run again it changes nothing; the
// down SQL brings `from` back, grants and comments included; all of it under both of Supabase's
// privilege modes (classic default privileges grant EXECUTE to the API roles, deny grants
// nothing). Function state is read with catalog queries (pg_get_functiondef, the ACL, the
// comment) rather than introspection.

#include <catch2/catch.hpp>

#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "backends/postgres/connection.h"
#include "backends/postgres/emit.h"
#include "backends/postgres/runner.h"
#include "compiler/diff.h"
#include "tests/integration/pg_test_util.h"

namespace schemac::testing {
namespace {

ir::ColumnType Builtin(std::string name) {
  ir::ColumnType type;
  type.name = std::move(name);
  return type;
}

ir::FunctionArg Arg(std::string name, std::string type, ir::ArgMode mode = ir::ArgMode::kIn) {
  ir::FunctionArg arg;
  arg.name = std::move(name);
  arg.type = Builtin(std::move(type));
  arg.mode = mode;
  return arg;
}

ir::Grant Execute(std::string role) { return {std::move(role), {"execute"}, {}}; }

// public.NAME(x integer) returns integer in SQL, EXECUTE to PUBLIC (PostgreSQL's default).
ir::Function Fn(const std::string& name, const std::string& body = "select x") {
  ir::Function f;
  f.name = {"public", name};
  f.args = {Arg("x", "integer")};
  f.returns = Builtin("integer");
  f.body = body;
  f.grants = {Execute("public")};
  return f;
}

ir::Schema With(std::vector<ir::Function> functions, std::vector<ir::Table> tables = {}) {
  ir::Schema schema;
  schema.functions = std::move(functions);
  schema.tables = std::move(tables);
  schema.Reindex();
  return schema;
}

// What the database holds of public's functions and tables, one line each: a function's whole
// definition (pg_get_functiondef), the roles other than its owner that may execute it, and its
// comment.
std::string Snapshot(const std::string& url) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  pqxx::work tx(*connection);
  tx.exec("set local search_path = pg_catalog, public");
  std::string out;
  for (const auto& row : tx.exec(
           "select p.oid::regprocedure::text, pg_get_functiondef(p.oid), coalesce((select "
           "string_agg(g, ',' order by g) from (select case when a.grantee = 0 then 'PUBLIC' "
           "else pg_get_userbyid(a.grantee) end || ':' || a.privilege_type g from "
           "aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee <> "
           "p.proowner) acl), '') || ' / ' || "
           "coalesce(obj_description(p.oid, 'pg_proc'), '(no comment)') from pg_proc p where "
           "p.pronamespace = 'public'::regnamespace order by 1")) {
    out += row[0].as<std::string>() + "\n" + row[1].as<std::string>() + "\n" +
           row[2].as<std::string>() + "\n";
  }
  for (const auto& row : tx.exec("select relname from pg_class where relnamespace = "
                                 "'public'::regnamespace and relkind = 'r' order by 1")) {
    out += "table " + row[0].as<std::string>() + "\n";
  }
  return out;
}

void Run(const std::string& url, const std::string& sql) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  pg::RunMigration(*connection, sql);
}

std::string Up(const ir::Schema& from, const ir::Schema& to) {
  plan::Plan plan = Diff(from, to, {}, {/*allow_destructive=*/true});
  REQUIRE(plan.errors.empty());
  return pg::EmitSql(plan, to, {});
}

// A database with Supabase's environment in `mode`, holding `schema` built by the up SQL.
std::unique_ptr<ScratchDb> Built(const ir::Schema& schema, SupabasePrivileges mode) {
  auto db = std::make_unique<ScratchDb>(Engine::kPostgres);
  db->Exec(SupabaseSetupSql(mode));
  Run(db->url(), Up(With({}), schema));
  return db;
}

// from -> to and back, as the header says.
void CheckPair(const ir::Schema& from, const ir::Schema& to, SupabasePrivileges mode) {
  std::string expected_from = Snapshot(Built(from, mode)->url());
  std::string expected_to = Snapshot(Built(to, mode)->url());
  REQUIRE(expected_from != expected_to);
  std::unique_ptr<ScratchDb> db = Built(from, mode);
  REQUIRE(Snapshot(db->url()) == expected_from);
  std::string up = Up(from, to);
  INFO("up:\n" << up);
  Run(db->url(), up);
  CHECK(Snapshot(db->url()) == expected_to);
  Run(db->url(), up);  // Again: nothing changes.
  CHECK(Snapshot(db->url()) == expected_to);
  std::string down = Up(to, from);
  INFO("down:\n" << down);
  Run(db->url(), down);
  CHECK(Snapshot(db->url()) == expected_from);
  Run(db->url(), down);
  CHECK(Snapshot(db->url()) == expected_from);
}

struct Pair {
  const char* name;
  ir::Schema from;
  ir::Schema to;
};

ir::Table Notes() {
  ir::Table t;
  t.name = {"public", "notes"};
  ir::Column id;
  id.name = "id";
  id.type = Builtin("bigint");
  ir::Column code;
  code.name = "code";
  code.type = Builtin("text");
  code.default_sql = "public.gen_code()";
  t.columns = {id, code};
  t.primary_key = ir::PrimaryKey{"notes_pkey", {"id"}, {}};
  return t;
}

std::vector<Pair> Pairs() {
  std::vector<Pair> out;
  ir::Function plain = Fn("f");
  plain.comment = "Returns its argument.";
  plain.grants = {Execute("anon"), Execute("authenticated")};

  ir::Function body = plain;
  body.body = "select x + 1";
  body.volatility = ir::Volatility::kImmutable;
  out.push_back({"body change: replaced", With({plain}), With({body})});

  ir::Function definer = plain;
  definer.security_definer = true;
  definer.settings = {{"search_path", "\"\""}};
  definer.parallel = ir::Parallel::kSafe;
  definer.cost = 5;
  out.push_back({"security and settings: altered", With({plain}), With({definer})});

  ir::Function wider = plain;
  wider.returns = Builtin("bigint");
  wider.body = "select x::bigint";
  out.push_back({"return type: dropped and created, comment and grants again", With({plain}),
                 With({wider})});

  ir::Function by_text = Fn("f", "select length(x)");
  by_text.args[0].type = Builtin("text");
  ir::Function by_text_changed = by_text;
  by_text_changed.body = "select length(x) * 2";
  out.push_back({"overloads: one dropped, one replaced", With({plain, by_text}),
                 With({by_text_changed})});

  ir::Function regranted = plain;
  regranted.grants = {Execute("public"), Execute("service_role")};
  regranted.comment.clear();
  out.push_back({"grants and comment", With({plain}), With({regranted})});

  // A table default calls a function created before the table; a SQL function returning its
  // rows (its body names the table) is created after it; a plpgsql one with OUT arguments and
  // a default, and one returning TABLE columns.
  ir::Function gen = Fn("gen_code", "select 'n-' || md5(random()::text)");
  gen.args.clear();
  gen.returns = Builtin("text");
  ir::Function recent = Fn("recent_notes", "select * from public.notes order by id desc");
  recent.args.clear();
  recent.returns.kind = ir::TypeKind::kOther;
  recent.returns.schema = "public";
  recent.returns.name = "notes";
  recent.returns_set = true;
  recent.volatility = ir::Volatility::kStable;
  ir::Function split = Fn("split", "begin lo := x - 1; hi := x + step; end");
  split.language = "plpgsql";
  split.args = {Arg("x", "integer"), Arg("step", "integer"), Arg("lo", "integer", ir::ArgMode::kOut),
                Arg("hi", "integer", ir::ArgMode::kOut)};
  split.args[1].default_sql = "1";
  split.returns = Builtin("record");
  split.grants = {};
  ir::Function listed = Fn("listed", "select id, code from public.notes");
  listed.args = {Arg("id", "bigint", ir::ArgMode::kTable), Arg("code", "text", ir::ArgMode::kTable)};
  listed.returns = Builtin("record");
  listed.returns_set = true;
  listed.rows = 20;
  // A SQL-standard body is parsed at creation (the table must exist) and depends on the table
  // (dropped before it).
  ir::Function count = Fn("count_notes", "BEGIN ATOMIC\n SELECT count(*) AS count\n    FROM notes;\nEND");
  count.args.clear();
  count.returns = Builtin("bigint");
  out.push_back({"functions around a new table", With({}),
                 With({gen, recent, split, listed, count}, {Notes()})});
  return out;
}

TEST_CASE("function migrations reach the target, run twice, and go back down", "[pg][functions]") {
  for (SupabasePrivileges mode : {SupabasePrivileges::kDeny, SupabasePrivileges::kClassic}) {
    for (const Pair& pair : Pairs()) {
      INFO(pair.name << " (" << SupabasePrivilegesName(mode) << ")");
      CheckPair(pair.from, pair.to, mode);
    }
  }
}

TEST_CASE("a created function's grants are exactly the declared ones in both privilege modes",
          "[pg][functions]") {
  ir::Function f = Fn("f");
  f.grants = {Execute("authenticated")};
  ir::Function g = Fn("g");  // PUBLIC only, PostgreSQL's default.
  ir::Function h = Fn("h");
  h.grants = {};  // `revoke execute from public`, and nothing granted.
  for (SupabasePrivileges mode : {SupabasePrivileges::kDeny, SupabasePrivileges::kClassic}) {
    INFO(SupabasePrivilegesName(mode));
    std::unique_ptr<ScratchDb> db = Built(With({f, g, h}), mode);
    std::unique_ptr<pqxx::connection> connection = pg::Connect(db->url());
    pqxx::work tx(*connection);
    auto grantees = [&](const std::string& function) {
      return tx.exec1("select coalesce(string_agg(g, ',' order by g), '') from (select case "
                      "when a.grantee = 0 then 'PUBLIC' else pg_get_userbyid(a.grantee) end g "
                      "from pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', "
                      "p.proowner))) a where p.oid = 'public." + function +
                      "(integer)'::regprocedure and a.grantee <> p.proowner) acl")[0]
          .as<std::string>();
    };
    CHECK(grantees("f") == "authenticated");
    CHECK(grantees("g") == "PUBLIC");
    CHECK(grantees("h") == "");
    // And they hold: anon may not call f.
    tx.exec("set local role anon");
    CHECK_THROWS_AS(tx.exec("select public.f(1)"), pqxx::insufficient_privilege);
  }
}

}  // namespace
}  // namespace schemac::testing
