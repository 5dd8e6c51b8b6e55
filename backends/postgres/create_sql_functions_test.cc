// The SQL of functions in the dev-database build, without a database: where CREATE FUNCTION
// places its parts in the source, grants, and where each function goes in the build order
// (CREATE FUNCTION's text itself: emit_functions_test.cc).

#include "backends/postgres/create_sql_functions.h"

#include <catch2/catch.hpp>

#include "backends/postgres/emit_functions.h"

namespace schemac::pg {

namespace {

ir::ColumnType Type(const std::string& name, const std::string& schema = "",
                    ir::TypeKind kind = ir::TypeKind::kBuiltin) {
  ir::ColumnType type;
  type.name = name;
  type.schema = schema;
  type.kind = kind;
  return type;
}

ir::Function Function(const std::string& name, ir::ColumnType returns, std::string body) {
  ir::Function f;
  f.name = {"public", name};
  f.returns = std::move(returns);
  f.body = std::move(body);
  f.grants = {{"public", {"execute"}, {}}};
  return f;
}

ir::Schema WithTable() {
  ir::Schema schema;
  ir::Table table;
  table.name = {"public", "posts"};
  schema.tables.push_back(table);
  ir::Table users;
  users.name = {"auth", "users"};
  users.is_extern = true;
  schema.tables.push_back(users);
  schema.Reindex();
  return schema;
}

size_t Find(const std::string& text, const std::string& what) {
  size_t at = text.find(what);
  INFO(what << " in:\n" << text);
  REQUIRE(at != std::string::npos);
  return at;
}

}  // namespace

TEST_CASE("the build's CREATE FUNCTION places argument defaults and the body in the source",
          "[create-sql][functions]") {
  ir::Function f = Function("add", Type("integer"), "select a + b");
  f.origin = {"fn.schema", 1, 1};
  f.args = {{ir::ArgMode::kIn, "a", Type("integer"), "", {}, {}},
            {ir::ArgMode::kIn, "b", Type("integer"), "1", {}, {"fn.schema", 1, 40}}};
  f.body_origin = {"fn.schema", 2, 7};
  SqlParts parts;
  std::string sql = CreateFunctionSql(f, &parts);
  REQUIRE(parts.size() == 2);
  CHECK(sql.substr(parts[0].begin, parts[0].end - parts[0].begin) == "1");
  CHECK(parts[0].origin.col == 40);
  CHECK(sql.substr(parts[1].begin, parts[1].end - parts[1].begin) == "select a + b");
  CHECK(parts[1].object == "body of function public.add(integer, integer)");
  CHECK(parts[1].origin.line == 2);
  // The same text as a migration writes.
  CHECK(sql == CreateFunctionSql(f));
}

TEST_CASE("functions go where their signature allows in the build", "[create-sql][functions]") {
  ir::Schema schema = WithTable();
  ir::Function plain = Function("plain", Type("integer"), "select count(*) from posts");
  ir::Function on_row = Function("on_row", Type("integer"), "select 1");
  on_row.args = {
      {ir::ArgMode::kIn, "p", Type("posts", "public", ir::TypeKind::kOther), "", {}, {}}};
  ir::Function user =
      Function("user_fn", Type("users", "auth", ir::TypeKind::kOther), "select null");
  ir::Function atomic = Function("atomic", Type("integer"), "begin atomic select 1; end");
  CHECK(PhaseOf(schema, plain) == FunctionPhase::kBeforeTables);
  CHECK(PhaseOf(schema, on_row) == FunctionPhase::kAfterTables);
  CHECK(PhaseOf(schema, user) == FunctionPhase::kBeforeTables);  // extern: there before
  CHECK(PhaseOf(schema, atomic) == FunctionPhase::kAfterViews);
  ir::View view;
  view.name = {"public", "v"};
  schema.views.push_back(view);
  ir::Function on_view =
      Function("on_view", Type("v", "public", ir::TypeKind::kOther), "select null");
  CHECK(PhaseOf(schema, on_view) == FunctionPhase::kAfterViews);

  schema.functions = {plain, on_row};
  std::string sql = CreateSql(schema);
  size_t off = Find(sql, "SET LOCAL check_function_bodies = off;");
  size_t create_plain = Find(sql, "CREATE OR REPLACE FUNCTION public.plain()");
  size_t table = Find(sql, "CREATE TABLE public.posts");
  size_t create_row = Find(sql, "CREATE OR REPLACE FUNCTION public.on_row(p public.posts)");
  size_t on = Find(sql, "SET LOCAL check_function_bodies = on;");
  size_t check = Find(sql, "SELECT pg_catalog.fmgr_sql_validator('public.plain()'::regprocedure);");
  CHECK(off < create_plain);
  CHECK(create_plain < table);
  CHECK(table < create_row);
  CHECK(create_row < on);
  CHECK(on < check);
}

TEST_CASE("grants are exact: defaults revoked, then the declared ones", "[create-sql][functions]") {
  ir::Schema schema;
  ir::Function f = Function("f", Type("void"), "select");
  f.grants = {{"authenticated", {"execute"}, {}}};
  f.comment = "It's f.";
  schema.functions = {f};
  std::vector<TaggedStatement> statements =
      FunctionStatements(schema, FunctionPhase::kBeforeTables);
  std::string sql;
  for (const TaggedStatement& s : statements) sql += s.sql;
  size_t create = Find(sql, "CREATE OR REPLACE FUNCTION public.f()");
  Find(sql, "COMMENT ON FUNCTION public.f() IS 'It''s f.';");
  size_t revoke = Find(sql, "to_regprocedure('public.f()')");
  size_t grant = Find(sql, "GRANT EXECUTE ON FUNCTION public.f() TO authenticated;");
  CHECK(create < revoke);
  CHECK(revoke < grant);
  CHECK(sql.find("TO PUBLIC") == std::string::npos);
  // Tagged: the CREATE statement provides the function, its grants need it.
  CHECK(statements[1].object == "function public.f()");
  CHECK(statements[1].provides == "public.f()");
  CHECK(statements.back().needs == std::vector<std::string>{"public.f()"});
}

TEST_CASE("the validation statement carries the body and its origin", "[create-sql][functions]") {
  ir::Schema schema;
  ir::Function f = Function("f", Type("integer"), "\nbegin\n  retrun 1;\nend\n");
  f.language = "plpgsql";
  f.origin = {"a.schema", 3, 1};
  f.body_origin = {"a.schema", 5, 10};
  ir::Function other = Function("g", Type("integer"), "select 1");
  other.language = "plv8";
  schema.functions = {f, other};
  std::vector<TaggedStatement> statements = FunctionStatements(schema, FunctionPhase::kValidate);
  REQUIRE(statements.size() == 3);
  CHECK(statements[1].sql == "SELECT pg_catalog.plpgsql_validator('public.f()'::regprocedure);\n");
  CHECK(statements[1].body == f.body);
  CHECK(statements[1].body_origin.line == 5);
  CHECK(statements[1].needs == std::vector<std::string>{"public.f()"});
  Find(statements[2].sql, "lanvalidator");
  // Checked under its own settings, the build's back afterwards.
  schema.functions[0].settings = {{"search_path", "\"\""}, {"work_mem", "1MB"}};
  statements = FunctionStatements(schema, FunctionPhase::kValidate);
  CHECK(statements[1].sql ==
        "SET LOCAL search_path TO '';\nSET LOCAL work_mem TO '1MB';\n"
        "SELECT pg_catalog.plpgsql_validator('public.f()'::regprocedure);\n"
        "SET LOCAL search_path TO \"$user\", public;\nRESET work_mem;\n");
}

}  // namespace schemac::pg
