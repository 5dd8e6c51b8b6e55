// `function` declarations: what the parser reads (opaque bodies, argument defaults, clauses on
// following lines) and the ir::Function the resolver builds from it (types, grants, settings,
// origins). Error messages are also in the malformed corpus (tests/malformed/*function*).

#include <catch2/catch.hpp>

#include "tests/unit/test_util.h"

namespace schemac {

using testing::Compiled;
using testing::CompileTexts;
using testing::DiagnosticLines;

namespace {

Compiled Ok(const std::string& text) {
  Compiled c = CompileTexts({{"t.schema", text}});
  INFO(RenderText(c.diagnostics, c.sources, {}));
  REQUIRE_FALSE(c.diagnostics.HasErrors());
  return c;
}

std::vector<std::string> Errors(const std::string& text) {
  return DiagnosticLines(CompileTexts({{"t.schema", text}}));
}

const ir::Function& Only(const Compiled& c) {
  REQUIRE(c.schema.functions.size() == 1);
  return c.schema.functions[0];
}

std::vector<std::string> Roles(const ir::Function& fn) {
  std::vector<std::string> roles;
  for (const ir::Grant& g : fn.grants) {
    REQUIRE(g.privileges == std::vector<std::string>{"execute"});
    roles.push_back(g.role);
  }
  return roles;
}

}  // namespace

TEST_CASE("function: the signup trigger function of Supabase", "[resolve][function]") {
  Compiled c = Ok(
      "target supabase\n"
      "/// Creates the profile.\n"
      "function handle_new_user() returns trigger\n"
      "  language plpgsql\n"
      "  security definer\n"
      "  set search_path = ''\n"
      "  revoke execute from public\n"
      "  as $$\n"
      "begin\n"
      "  insert into public.profiles (id) values (new.id);\n"
      "  return new;\n"
      "end;\n"
      "$$\n"
      "table profiles {\n  id uuid primary key\n}\n");
  const ir::Function& fn = Only(c);
  CHECK(fn.Signature() == "public.handle_new_user()");
  CHECK(fn.returns.name == "trigger");
  CHECK(fn.returns.kind == ir::TypeKind::kBuiltin);
  CHECK_FALSE(fn.returns_set);
  CHECK(fn.language == "plpgsql");
  CHECK(fn.security_definer);
  CHECK(fn.settings == std::vector<std::pair<std::string, std::string>>{{"search_path", "\"\""}});
  CHECK(Roles(fn).empty());
  CHECK(fn.comment == "Creates the profile.");
  CHECK(fn.body == "\nbegin\n  insert into public.profiles (id) values (new.id);\n  return new;\n"
                   "end;\n");
  CHECK(fn.origin.line == 3);
  CHECK(fn.origin.col == 1);
  CHECK(fn.body_origin.line == 8);  // The line break right after `$$` is the first byte.
  CHECK(fn.body_origin.col == 8);
  CHECK(c.schema.tables.size() == 2);  // The body's lines are no declarations.
}

TEST_CASE("function: a body is opaque, whatever its lines start with", "[resolve][function]") {
  Compiled c = Ok(
      "function f() returns void language sql as $body$\n"
      "table t { not a table }\n"
      "enum e ($$ in a body $$)\n"
      "function g() returns\n"
      "$body$\n"
      "table real { id int primary key }\n");
  const ir::Function& fn = Only(c);
  CHECK(fn.body == "\ntable t { not a table }\nenum e ($$ in a body $$)\nfunction g() returns\n");
  CHECK(c.schema.tables.size() == 1);
  CHECK(c.schema.enums.empty());
}

TEST_CASE("function: argument modes, names, types and defaults", "[resolve][function]") {
  Compiled c = Ok(
      "enum status ('a', 'b')\n"
      "extension vector\n"
      "table profiles {\n  id uuid primary key\n}\n"
      "function f(\n"
      "  in a int,\n"
      "  double precision,\n"
      "  out c varchar(20),\n"
      "  inout d status default 'a'::status,\n"
      "  e vector(3) default null,\n"
      "  \"out\" text = coalesce(current_setting('x', true), ','),\n"
      "  variadic rest timestamptz[] default array[now(), (now())] -- the rest\n"
      ") returns setof profiles language sql as $$ select * from profiles $$\n");
  const ir::Function& fn = Only(c);
  REQUIRE(fn.args.size() == 7);
  CHECK(fn.args[0].mode == ir::ArgMode::kIn);
  CHECK(fn.args[0].name == "a");
  CHECK(fn.args[0].type.name == "integer");
  CHECK(fn.args[1].name.empty());
  CHECK(fn.args[1].type.name == "double precision");
  CHECK(fn.args[2].mode == ir::ArgMode::kOut);
  CHECK(fn.args[2].type.name == "character varying");
  CHECK(fn.args[2].type.modifiers.empty());
  CHECK(fn.args[3].mode == ir::ArgMode::kInOut);
  CHECK(fn.args[3].type.kind == ir::TypeKind::kEnum);
  CHECK(fn.args[3].default_sql == "'a'::status");
  CHECK(fn.args[3].default_origin.line == 10);
  CHECK(fn.args[3].default_origin.col == 26);
  CHECK(fn.args[4].type.kind == ir::TypeKind::kExtension);
  CHECK(fn.args[4].type.modifiers.empty());
  CHECK(fn.args[4].default_sql == "null");
  CHECK(fn.args[5].name == "out");
  CHECK(fn.args[5].default_sql == "coalesce(current_setting('x', true), ',')");
  CHECK(fn.args[6].mode == ir::ArgMode::kVariadic);
  CHECK(fn.args[6].type.ToSql() == "timestamp with time zone[]");
  CHECK(fn.args[6].default_sql == "array[now(), (now())]");
  CHECK(fn.returns_set);
  CHECK(fn.returns.kind == ir::TypeKind::kOther);
  CHECK(fn.returns.ToSql() == "public.profiles");
  CHECK(fn.Signature() ==
        "public.f(integer, double precision, public.status, public.vector, text, "
        "timestamp with time zone[])");
}

TEST_CASE("function: returns table, clauses in any order and on following lines",
          "[resolve][function]") {
  Compiled c = Ok(
      "target supabase\n"
      "schema api\n"
      "function api.search(q text) returns table (id bigint, title text)\n"
      "  as $$ select 1::bigint, q $$\n"
      "  -- a comment between clauses\n"
      "  rows 10 cost 5.5\n"
      "  set search_path to public, Extensions, \"$user\"\n"
      "  set statement_timeout = '5s'\n"
      "  grant execute to authenticated, anon\n"
      "  grant execute to anon\n"
      "  stable strict leakproof parallel safe\n"
      "  language sql\n");
  const ir::Function& fn = Only(c);
  CHECK(fn.name.schema == "api");
  REQUIRE(fn.args.size() == 3);
  CHECK(fn.args[1].mode == ir::ArgMode::kTable);
  CHECK(fn.args[1].name == "id");
  CHECK(fn.args[2].type.name == "text");
  CHECK(fn.returns.name == "record");
  CHECK(fn.returns_set);
  CHECK(fn.Signature() == "api.search(text)");
  CHECK(fn.volatility == ir::Volatility::kStable);
  CHECK(fn.strict);
  CHECK(fn.leakproof);
  CHECK(fn.parallel == ir::Parallel::kSafe);
  CHECK(fn.cost == 5.5);
  CHECK(fn.rows == 10);
  CHECK(fn.settings == std::vector<std::pair<std::string, std::string>>{
                           {"search_path", "public, extensions, \"$user\""},
                           {"statement_timeout", "5s"}});
  CHECK(Roles(fn) == std::vector<std::string>{"anon", "authenticated", "public"});
  CHECK(fn.language == "sql");
}

// The stored texts were read from pg_proc.proconfig on PostgreSQL 15 after the same clauses.
TEST_CASE("function: settings as PostgreSQL stores them", "[resolve][function]") {
  Compiled c = Ok(
      "function f() returns int\n"
      "  set search_path = \"$user\", 'My Schema', Public\n"
      "  set work_mem = '64MB'\n"
      "  set statement_timeout to 5000\n"
      "  set enable_seqscan = OFF\n"
      "  as $$ select 1 $$\n"
      "function g() returns int set search_path = public, extensions as $$ select 1 $$\n"
      "function h() returns int set search_path = '' as $$ select 1 $$\n");
  REQUIRE(c.schema.functions.size() == 3);
  using Settings = std::vector<std::pair<std::string, std::string>>;
  CHECK(c.schema.functions[0].settings == Settings{{"enable_seqscan", "off"},
                                                   {"search_path", "\"$user\", \"My Schema\", public"},
                                                   {"statement_timeout", "5000"},
                                                   {"work_mem", "64MB"}});
  CHECK(c.schema.functions[1].settings == Settings{{"search_path", "public, extensions"}});
  CHECK(c.schema.functions[2].settings == Settings{{"search_path", "\"\""}});
}

TEST_CASE("function: overloads are distinct, the same input types twice are not",
          "[resolve][function]") {
  Compiled c = Ok(
      "function f(a int) returns int as $$ select a $$\n"
      "function f(a text) returns int as $$ select 1 $$\n"
      "function f() returns int as $$ select 1 $$\n");
  CHECK(c.schema.functions.size() == 3);
  CHECK(Errors("function f(a int, out b text) returns text as $$ select '' $$\n"
               "function f(x integer) returns int as $$ select 1 $$\n") ==
        std::vector<std::string>{
            "2:10: error: duplicate function 'public.f(integer)' (the same name and input "
            "argument types)"});
}

TEST_CASE("function: semantic errors at their place", "[resolve][function]") {
  CHECK(Errors("function f() returns int language sql language plpgsql as $$ $$\n") ==
        std::vector<std::string>{"1:39: error: duplicate 'language' in function"});
  CHECK(Errors("function f() returns int stable immutable as $$ $$\n") ==
        std::vector<std::string>{"1:33: error: duplicate 'immutable/stable/volatile' in function"});
  CHECK(Errors("function f(a int) returns trigger language plpgsql as $$ $$\n") ==
        std::vector<std::string>{
            "1:12: error: a trigger function takes no arguments (a trigger passes its arguments "
            "in TG_ARGV)"});
  CHECK(Errors("function f(out a int default 1) returns int as $$ $$\n") ==
        std::vector<std::string>{
            "1:30: error: an out argument takes no default (only input arguments have one)"});
  CHECK(Errors("function f(a int default 1, b int) returns int as $$ $$\n") ==
        std::vector<std::string>{
            "1:29: error: input argument needs a default: every input argument after one with "
            "a default must have one"});
  CHECK(Errors("target supabase\nfunction f() returns int revoke execute from anon as $$ $$\n")
            .at(0)
            .starts_with("2:46: error: only 'revoke execute from public' can be written"));
  CHECK(Errors("function f() returns int grant execute to nobody as $$ $$\n").at(0) ==
        "1:43: error: unknown role 'nobody'");
  CHECK(Errors("function nowhere.f() returns int as $$ $$\n").at(0).starts_with(
      "1:10: error: unknown schema 'nowhere'"));
  CHECK(Errors("function f() returns int language sql\n") ==
        std::vector<std::string>{"1:10: error: function 'f' has no body: add 'as $$ ... $$'"});
  CHECK(Errors("function f() returns int rows 5 as $$ $$\n") ==
        std::vector<std::string>{
            "1:26: error: 'rows' applies only to a function that returns a set ('setof' or "
            "'table (...)')"});
  CHECK(Errors("function f() returns nosuch as $$ $$\n").at(0) ==
        "1:22: error: unknown type 'nosuch'");
}

TEST_CASE("function: syntax errors at file:line:col", "[parse][function]") {
  CHECK(Errors("function f returns int as $$ $$\n") ==
        std::vector<std::string>{
            "1:12: error: expected '(' and the argument list (empty: '()') after 'function f', "
            "found 'returns'"});
  CHECK(Errors("function f() language sql as $$ $$\n") ==
        std::vector<std::string>{
            "1:14: error: expected 'returns' and the return type after ')', found 'language'"});
  CHECK(Errors("function f() returns int as $$ select 1\n") ==
        std::vector<std::string>{"1:29: error: unterminated dollar-quoted string"});
  CHECK(Errors("function f() returns int languag sql as $$ $$\n") ==
        std::vector<std::string>{
            "1:26: error: expected a function clause (language, immutable, stable, volatile, "
            "strict, called on null input, security, leakproof, parallel, cost, rows, set, "
            "grant, revoke, as) or end of line after 'int', found 'languag'; did you mean "
            "'language'?"});
  CHECK(Errors("function f(a int default) returns int as $$ $$\n") ==
        std::vector<std::string>{
            "1:25: error: expected a default expression after 'default', found ')'"});
  CHECK(Errors("function f(a int default (1) returns int as $$ $$\n").at(0) ==
        "1:50: error: expected ',', 'default' or ')' after '$$', found end of file");
  CHECK(Errors("function f() returns int security owner as $$ $$\n") ==
        std::vector<std::string>{
            "1:35: error: expected 'definer' or 'invoker' after 'security', found 'owner'"});
  CHECK(Errors("function f() returns int as 'select 1'\n") ==
        std::vector<std::string>{
            "1:29: error: expected a dollar-quoted body ($$ ... $$ or $tag$ ... $tag$) after "
            "'as', found 'select 1'"});
}

TEST_CASE("lint function-search-path: security definer without search_path",
          "[lint][function]") {
  CHECK(Errors("function f() returns int security definer as $$ select 1 $$\n") ==
        std::vector<std::string>{
            "1:10: warning: security definer function 'f' does not set search_path: write "
            "\"set search_path = ''\" and qualify the names in its body [function-search-path]"});
  CHECK(Errors("function f() returns int security definer set search_path = public as $$ $$\n")
            .empty());
  CHECK(Errors("function f() returns int as $$ select 1 $$\n").empty());
  CHECK(Errors("-- schemac:allow function-search-path\n"
               "function f() returns int security definer as $$ select 1 $$\n")
            .empty());
}

}  // namespace schemac
