// The SQL text of the function steps (backends/postgres/emit_functions.cc): the definition as
// CREATE OR REPLACE writes it, the identity DROP, ALTER, GRANT and COMMENT use, setting values,
// the dollar tag, and the guards that make each step safe to run again. That the SQL does what
// it says on real servers: tests/integration/function_migration_test.cc.

#include "backends/postgres/emit_functions.h"

#include <catch2/catch.hpp>
#include <string>

#include "backends/postgres/emit.h"
#include "compiler/diff.h"

namespace schemac::pg {
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

// app."Add"(a integer, b integer DEFAULT 1) returns integer, plpgsql.
ir::Function Add() {
  ir::Function f;
  f.name = {"app", "Add"};
  f.args = {Arg("a", "integer"), Arg("b", "integer")};
  f.args[1].default_sql = "1";
  f.returns = Builtin("integer");
  f.language = "plpgsql";
  f.body = "begin return a + b; end";
  return f;
}

plan::Step StepOf(plan::StepKind kind, const ir::Function& f, std::string role = {}) {
  plan::Step step;
  step.kind = kind;
  step.table = f.name;
  step.function = f;
  step.name = std::move(role);
  return step;
}

TEST_CASE("emit: a function's definition spells out every attribute", "[emit][functions]") {
  ir::Function f = Add();
  CHECK(FunctionIdentitySql(f) == "app.\"Add\"(integer, integer)");
  CHECK(CreateFunctionSql(f) ==
        "CREATE OR REPLACE FUNCTION app.\"Add\"(a integer, b integer DEFAULT 1)\n"
        " RETURNS integer\n"
        " LANGUAGE plpgsql\n"
        " VOLATILE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE COST 100\n"
        "AS $function$begin return a + b; end$function$");
  f.volatility = ir::Volatility::kStable;
  f.strict = true;
  f.security_definer = true;
  f.parallel = ir::Parallel::kSafe;
  f.cost = 2.5;
  f.settings = {{"search_path", "\"\""}, {"work_mem", "64MB"}};
  f.body = "select $function$x$function$";  // The tag is one the body does not hold.
  CHECK(CreateFunctionSql(f) ==
        "CREATE OR REPLACE FUNCTION app.\"Add\"(a integer, b integer DEFAULT 1)\n"
        " RETURNS integer\n"
        " LANGUAGE plpgsql\n"
        " STABLE STRICT SECURITY DEFINER PARALLEL SAFE COST 2.5 SET search_path TO '' SET "
        "work_mem TO '64MB'\n"
        "AS $function1$select $function$x$function$$function1$");
}

TEST_CASE("emit: modes, set-returning results and table columns", "[emit][functions]") {
  ir::Function f;
  f.name = {"public", "search"};
  f.args = {Arg("q", "text"), Arg("", "text", ir::ArgMode::kVariadic),
            Arg("id", "bigint", ir::ArgMode::kTable), Arg("rank", "real", ir::ArgMode::kTable)};
  f.args[1].type.array_dims = 1;
  f.returns = Builtin("record");
  f.returns_set = true;
  f.rows = 10;
  f.body = "select 1::bigint, 1::real";
  CHECK(FunctionIdentitySql(f) == "public.search(text, text[])");
  std::string sql = CreateFunctionSql(f);
  CHECK(sql.find("public.search(q text, VARIADIC text[])\n RETURNS TABLE(id bigint, rank real)\n") !=
        std::string::npos);
  CHECK(sql.find(" COST 100 ROWS 10\n") != std::string::npos);
  f.args = {Arg("n", "integer"), Arg("doubled", "integer", ir::ArgMode::kOut)};
  f.returns = Builtin("integer");
  f.returns_set = false;
  f.rows = 0;
  sql = CreateFunctionSql(f);
  CHECK(sql.find("(n integer, OUT doubled integer)\n RETURNS integer\n") != std::string::npos);
  CHECK(sql.find("ROWS") == std::string::npos);  // Refused for a function returning no set.
  CHECK(FunctionIdentitySql(f) == "public.search(integer)");
}

TEST_CASE("emit: a SQL-standard body is written bare", "[emit][functions]") {
  ir::Function f;
  f.name = {"public", "one"};
  f.returns = Builtin("integer");
  f.body = "RETURN 1";
  CHECK(CreateFunctionSql(f).find("COST 100\nRETURN 1") != std::string::npos);
  f.language = "SQL";
  CHECK(CreateFunctionSql(f).ends_with("COST 100\nRETURN 1"));
  f.body = "return_value()";  // not the keyword: a quoted body
  CHECK(CreateFunctionSql(f).ends_with("AS $function$return_value()$function$"));
  f.body = "BEGIN ATOMIC\n SELECT 1;\nEND";
  CHECK(CreateFunctionSql(f).find("COST 100\nBEGIN ATOMIC\n SELECT 1;\nEND") != std::string::npos);
}

TEST_CASE("emit: setting values as SET reads them", "[emit][functions]") {
  CHECK(SettingValueSql("search_path", "\"\"") == "''");
  CHECK(SettingValueSql("search_path", "public, extensions") == "'public', 'extensions'");
  CHECK(SettingValueSql("search_path", "\"$user\", public, \"My \"\"S\"\"\"") ==
        "'$user', 'public', 'My \"S\"'");
  CHECK(SettingValueSql("work_mem", "64MB") == "'64MB'");
  CHECK(SettingValueSql("application_name", "it's") == "'it''s'");
  CHECK(SettingSql("search_path", "\"$user\", \"my schema\"") ==
        "SET search_path TO '$user', 'my schema'");
  CHECK(SettingSql("app.tenant", "x") == "SET app.tenant TO 'x'");
}

TEST_CASE("emit: the SQL of each function step", "[emit][functions]") {
  using plan::StepKind;
  ir::Function f = Add();
  f.comment = "Adds.";
  std::string create = StepSql(StepOf(StepKind::kCreateFunction, f));
  // Bodies are not checked (they may name tables the plan creates later), for this transaction.
  CHECK(create.rfind("SET LOCAL check_function_bodies = off;\nCREATE OR REPLACE FUNCTION ", 0) == 0);
  // What default privileges gave goes, PUBLIC's EXECUTE included: grants are steps of their own.
  CHECK(create.find("aclexplode(coalesce(p.proacl, acldefault('f', p.proowner)))") !=
        std::string::npos);
  CHECK(create.find("to_regprocedure('app.\"Add\"(integer, integer)')") != std::string::npos);
  std::string replace = StepSql(StepOf(StepKind::kReplaceFunction, f));
  CHECK(replace == "SET LOCAL check_function_bodies = off;\n" + CreateFunctionSql(f) + ";\n");
  f.security_definer = true;
  f.settings = {{"search_path", "\"\""}};
  CHECK(StepSql(StepOf(StepKind::kAlterFunction, f)) ==
        "ALTER FUNCTION app.\"Add\"(integer, integer) VOLATILE CALLED ON NULL INPUT SECURITY "
        "DEFINER NOT LEAKPROOF PARALLEL UNSAFE COST 100 RESET ALL SET search_path TO '';\n");
  CHECK(StepSql(StepOf(StepKind::kDropFunction, f)) ==
        "DROP FUNCTION IF EXISTS app.\"Add\"(integer, integer);\n");
  CHECK(StepSql(StepOf(StepKind::kGrantOnFunction, f, "anon")) ==
        "GRANT EXECUTE ON FUNCTION app.\"Add\"(integer, integer) TO anon;\n");
  CHECK(StepSql(StepOf(StepKind::kRevokeOnFunction, f, "public")) ==
        "REVOKE EXECUTE ON FUNCTION app.\"Add\"(integer, integer) FROM PUBLIC;\n");
  CHECK(StepSql(StepOf(StepKind::kCommentFunction, f)) ==
        "COMMENT ON FUNCTION app.\"Add\"(integer, integer) IS 'Adds.';\n");
  f.comment.clear();
  CHECK(StepSql(StepOf(StepKind::kCommentFunction, f)) ==
        "COMMENT ON FUNCTION app.\"Add\"(integer, integer) IS NULL;\n");
  // A default is made setting-proof like any verbatim expression; the body is kept as is.
  f.args[1].default_sql = "length('a\\b')";
  f.body = "begin return 'a\\b'; end";
  std::string proof = StepSql(StepOf(StepKind::kReplaceFunction, f));
  CHECK(proof.find("DEFAULT length(E'a\\\\b')") != std::string::npos);
  CHECK(proof.find("$function$begin return 'a\\b'; end$function$") != std::string::npos);
}

TEST_CASE("emit: function steps run in the migration's transaction, up and down",
          "[emit][functions]") {
  ir::Schema empty;
  ir::Schema with;
  ir::Function f = Add();
  f.grants = {{"authenticated", {"execute"}, {}}};
  f.comment = "Adds.";
  with.functions = {f};
  std::string up = EmitSql(Diff(empty, with, {}), with, {});
  size_t begin = up.find("BEGIN;\n");
  size_t create = up.find("-- create function app.Add(integer, integer)\nSET LOCAL check_function_bodies");
  size_t grant = up.find("-- grant execute on function app.Add(integer, integer) to authenticated "
                         "[AUTHZ_CHANGE]\nGRANT EXECUTE ON FUNCTION app.\"Add\"(integer, integer) "
                         "TO authenticated;\n");
  size_t comment = up.find("COMMENT ON FUNCTION app.\"Add\"(integer, integer) IS 'Adds.';\n");
  size_t commit = up.find("COMMIT;\n");
  REQUIRE(begin != std::string::npos);
  CHECK(up.find("no-transaction") == std::string::npos);
  CHECK(begin < create);
  CHECK(create < grant);
  CHECK(grant < comment);
  CHECK(comment < commit);
  // The down file (the reverse plan) drops it; dropping it back creates it with grant and
  // comment, as the up file does.
  std::string down = EmitSql(Diff(with, empty, {}), empty, {});
  CHECK(down.find("DROP FUNCTION IF EXISTS app.\"Add\"(integer, integer);\n") != std::string::npos);
  CHECK(down.find("CASCADE") == std::string::npos);
}

}  // namespace
}  // namespace schemac::pg
