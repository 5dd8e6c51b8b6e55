// Functions in the DSL writers: fmt's canonical form (clause order, body verbatim, comments
// kept) and pull's text of an in-memory ir::Function, which must parse and resolve back to an
// equal function (a round trip without a database).

#include <catch2/catch.hpp>

#include "backends/dsl/format.h"
#include "backends/dsl/from_ir.h"
#include "backends/dsl/from_ir_functions.h"
#include "tests/unit/test_util.h"

namespace schemac {

using testing::Compiled;
using testing::CompileTexts;

namespace {

Compiled Ok(const std::string& text) {
  Compiled c = CompileTexts({{"t.schema", text}});
  INFO(text);
  INFO(RenderText(c.diagnostics, c.sources, {}));
  REQUIRE_FALSE(c.diagnostics.HasErrors());
  return c;
}

std::string Fmt(const std::string& text) {
  Compiled c = Ok(text);
  return dsl::FormatFile(c.files[0], c.sources);
}

// Every field but the origins, which introspection leaves empty.
void RequireEqual(const ir::Function& a, const ir::Function& b) {
  CHECK(a.name == b.name);
  REQUIRE(a.args.size() == b.args.size());
  for (size_t i = 0; i < a.args.size(); ++i) {
    INFO("argument " << i);
    CHECK(a.args[i].mode == b.args[i].mode);
    CHECK(a.args[i].name == b.args[i].name);
    CHECK(a.args[i].type == b.args[i].type);
    CHECK(a.args[i].default_sql == b.args[i].default_sql);
  }
  CHECK(a.returns == b.returns);
  CHECK(a.returns_set == b.returns_set);
  CHECK(a.language == b.language);
  CHECK(a.body == b.body);
  CHECK(a.volatility == b.volatility);
  CHECK(a.strict == b.strict);
  CHECK(a.security_definer == b.security_definer);
  CHECK(a.leakproof == b.leakproof);
  CHECK(a.parallel == b.parallel);
  CHECK(a.cost == b.cost);
  CHECK(a.rows == b.rows);
  CHECK(a.settings == b.settings);
  REQUIRE(a.grants.size() == b.grants.size());
  for (size_t i = 0; i < a.grants.size(); ++i) {
    CHECK(a.grants[i].role == b.grants[i].role);
    CHECK(a.grants[i].privileges == b.grants[i].privileges);
  }
  CHECK(a.comment == b.comment);
  CHECK(a.Signature() == b.Signature());
}

ir::ColumnType Builtin(std::string name, int array_dims = 0) {
  ir::ColumnType type;
  type.name = std::move(name);
  type.array_dims = array_dims;
  return type;
}

ir::FunctionArg Arg(ir::ArgMode mode, std::string name, ir::ColumnType type,
                    std::string default_sql = "") {
  ir::FunctionArg arg;
  arg.mode = mode;
  arg.name = std::move(name);
  arg.type = std::move(type);
  arg.default_sql = std::move(default_sql);
  return arg;
}

ir::Grant Execute(std::string role) { return ir::Grant{std::move(role), {"execute"}, {}}; }

// Writes `fn` with FunctionText after `context` (declarations it needs), compiles it, and
// requires the one function to equal `fn`.
void RoundTrip(const ir::Function& fn, const std::string& context) {
  std::string text = context + "\n" + dsl::FunctionText(fn);
  Compiled c = Ok(text);
  INFO(text);
  REQUIRE(c.schema.functions.size() == 1);
  RequireEqual(c.schema.functions[0], fn);
  // fmt keeps it the same function.
  Compiled again = Ok(dsl::FormatFile(c.files[0], c.sources));
  RequireEqual(again.schema.functions[0], fn);
}

}  // namespace

TEST_CASE("fmt: a function in canonical form, body last and verbatim", "[fmt][function]") {
  std::string input =
      "-- before\n"
      "/// The doc.\n"
      "FUNCTION Api.Find (IN a INT, \"out\" text = 'x', OUT c varchar(3)) RETURNS SETOF int\n"
      "as $b$\n"
      "  select 1 -- inside\n"
      "table t {  }\n"
      "$b$   revoke execute from PUBLIC\n"
      "    set search_path TO Public, ''  -- after set\n"
      "    grant execute to anon\n"
      "  security definer STABLE language plpgsql rows 3 cost 2 parallel safe strict leakproof\n"
      "schema api\n"
      "extern role anon\n";
  std::string expected =
      "-- before\n"
      "-- after set\n"
      "/// The doc.\n"
      "function api.find(a int, \"out\" text default 'x', out c varchar(3)) returns setof int\n"
      "  language plpgsql\n"
      "  stable\n"
      "  strict\n"
      "  security definer\n"
      "  leakproof\n"
      "  parallel safe\n"
      "  cost 2\n"
      "  rows 3\n"
      "  set search_path = public, ''\n"
      "  grant execute to anon\n"
      "  revoke execute from public\n"
      "  as $b$\n"
      "  select 1 -- inside\n"
      "table t {  }\n"
      "$b$\n"
      "\n"
      "schema api\n"
      "\n"
      "extern role anon\n";
  std::string formatted = Fmt(input);
  CHECK(formatted == expected);
  CHECK(Fmt(formatted) == formatted);
  Compiled a = Ok(input);
  Compiled b = Ok(formatted);
  REQUIRE(a.schema.functions.size() == 1);
  RequireEqual(a.schema.functions[0], b.schema.functions[0]);
}

TEST_CASE("fmt: a long head puts one argument per line", "[fmt][function]") {
  std::string input =
      "function f(first_argument_with_a_long_name text, second_argument_with_a_long_name text "
      "default 'a, b', third integer default 3) returns void as $$ $$\n";
  std::string expected =
      "function f(\n"
      "  first_argument_with_a_long_name text,\n"
      "  second_argument_with_a_long_name text default 'a, b',\n"
      "  third integer default 3\n"
      ") returns void\n"
      "  as $$ $$\n";
  CHECK(Fmt(input) == expected);
  CHECK(Fmt(expected) == expected);
}

TEST_CASE("pull: an in-memory function resolves back to an equal function", "[pull][function]") {
  ir::Function fn;
  fn.name = {"private", "is_member"};
  fn.args = {Arg(ir::ArgMode::kIn, "account", Builtin("uuid")),
             Arg(ir::ArgMode::kIn, "in", Builtin("text"), "'member'::text"),
             Arg(ir::ArgMode::kOut, "ok", Builtin("boolean"))};
  fn.returns = Builtin("boolean");
  fn.language = "sql";
  fn.body = "\n  select exists (select 1 from public.members where account_id = account)\n";
  fn.volatility = ir::Volatility::kStable;
  fn.security_definer = true;
  fn.strict = true;
  fn.cost = 10;
  fn.settings = {{"search_path", "\"\""}, {"work_mem", "64MB"}};
  fn.grants = {Execute("authenticated")};
  fn.comment = "Whether the user is a member.\n\nUsed by policies.";
  RoundTrip(fn, "target supabase\nschema private");

  ir::Function rpc;
  rpc.name = {"public", "search"};
  rpc.args = {Arg(ir::ArgMode::kIn, "q", Builtin("text")),
              Arg(ir::ArgMode::kVariadic, "tags", Builtin("text", 1), "ARRAY[]::text[]"),
              Arg(ir::ArgMode::kTable, "id", Builtin("bigint")),
              Arg(ir::ArgMode::kTable, "at", Builtin("timestamp with time zone"))};
  rpc.returns = Builtin("record");
  rpc.returns_set = true;
  rpc.language = "plpgsql";
  rpc.body = "begin return query select 1, now(); end; -- $$ and $body$ inside";
  rpc.parallel = ir::Parallel::kRestricted;
  rpc.rows = 50;
  rpc.leakproof = true;
  rpc.settings = {{"search_path", "public, extensions, \"$user\", \"My Schema\""}};
  rpc.grants = {Execute("anon"), Execute("public")};
  RoundTrip(rpc, "target supabase");

  ir::Function rows;
  rows.name = {"public", "my_profiles"};
  ir::ColumnType profiles;
  profiles.kind = ir::TypeKind::kOther;
  profiles.schema = "public";
  profiles.name = "profiles";
  rows.args = {Arg(ir::ArgMode::kInOut, "", Builtin("integer"))};
  rows.returns = profiles;
  rows.returns_set = true;
  rows.body = "select * from profiles";
  rows.grants = {Execute("public")};
  RoundTrip(rows, "table profiles {\n  id uuid primary key\n}");
}

TEST_CASE("pull: the dollar tag does not occur in the body", "[pull][function]") {
  CHECK(dsl::DollarTag("select 1") == "$$");
  CHECK(dsl::DollarTag("select $$x$$") == "$body$");
  CHECK(dsl::DollarTag("select 1 $") == "$body$");  // `1 $$$` would close one byte early.
  CHECK(dsl::DollarTag("$$ $body$") == "$body1$");
}

TEST_CASE("pull: functions go to their schema's file", "[pull][function]") {
  ir::Schema schema;
  schema.schemas = {"api"};
  ir::Function fn;
  fn.name = {"api", "ping"};
  fn.returns = Builtin("text");
  fn.body = "select 'pong'";
  fn.grants = {};
  schema.functions.push_back(fn);
  std::map<std::string, std::string> files = dsl::SchemaFiles(schema);
  REQUIRE(files.count("api.schema"));
  CHECK(files["api.schema"] ==
        "schema api\n"
        "\n"
        "function api.ping() returns text\n"
        "  language sql\n"
        "  revoke execute from public\n"
        "  as $$select 'pong'$$\n");
}

}  // namespace schemac
