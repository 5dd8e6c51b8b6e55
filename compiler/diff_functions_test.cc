// The diff of functions (compiler/diff_functions.cc) on schemas built in memory: what is changed
// in place (ALTER FUNCTION, CREATE OR REPLACE) and what is dropped and created again, with its
// comment and grants; overloads as distinct objects; the order of function steps among the
// others; the reverse plan. The same plans against real servers: tests/integration/
// function_migration_test.cc.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "compiler/diff.h"
#include "compiler/diff_functions.h"
#include "compiler/plan.h"

namespace schemac {
namespace {

using plan::StepKind;

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

// public.NAME(x integer) returns integer, in SQL, EXECUTE to PUBLIC (PostgreSQL's default).
ir::Function Fn(const std::string& name = "f", const std::string& body = "select x") {
  ir::Function f;
  f.name = {"public", name};
  f.args = {Arg("x", "integer")};
  f.returns = Builtin("integer");
  f.body = body;
  f.grants = {{"public", {"execute"}, {}}};
  return f;
}

ir::Schema With(std::vector<ir::Function> functions) {
  ir::Schema schema;
  schema.functions = std::move(functions);
  schema.Reindex();
  return schema;
}

// "kind_id signature [role]" per step.
std::vector<std::string> Steps(const plan::Plan& plan) {
  std::vector<std::string> out;
  for (const plan::Step& step : plan.steps) {
    std::string line = std::string(plan::StepKindId(step.kind)) + " " + step.function.Signature();
    if (!step.name.empty()) line += " " + step.name;
    out.push_back(line);
  }
  return out;
}

plan::Plan Plan(const ir::Schema& from, const ir::Schema& to) {
  return Diff(from, to, {}, {/*allow_destructive=*/true});
}

TEST_CASE("functions: a body change is a CREATE OR REPLACE with the full new definition",
          "[diff][functions]") {
  ir::Function now = Fn("f", "select x + 1");
  now.volatility = ir::Volatility::kImmutable;  // Carried by the replace, no ALTER besides.
  plan::Plan plan = Plan(With({Fn()}), With({now}));
  REQUIRE(Steps(plan) == std::vector<std::string>{"replace_function public.f(integer)"});
  CHECK(plan.steps[0].function.body == "select x + 1");
  CHECK(plan.steps[0].function.volatility == ir::Volatility::kImmutable);
  CHECK(plan.steps[0].Describe() == "replace function public.f(integer) (body, immutable)");
  CHECK(plan.steps[0].hazards == 0);
  CHECK(plan.errors.empty());
}

TEST_CASE("functions: attributes alone are an ALTER FUNCTION", "[diff][functions]") {
  std::vector<std::pair<const char*, void (*)(ir::Function&)>> changes = {
      {"security definer", [](ir::Function& f) { f.security_definer = true; }},
      {"settings", [](ir::Function& f) { f.settings = {{"search_path", "\"\""}}; }},
      {"stable", [](ir::Function& f) { f.volatility = ir::Volatility::kStable; }},
      {"strict", [](ir::Function& f) { f.strict = true; }},
      {"parallel safe", [](ir::Function& f) { f.parallel = ir::Parallel::kSafe; }},
      {"cost", [](ir::Function& f) { f.cost = 5; }},
  };
  for (const auto& [what, change] : changes) {
    ir::Function now = Fn();
    change(now);
    plan::Plan plan = Plan(With({Fn()}), With({now}));
    REQUIRE(Steps(plan) == std::vector<std::string>{"alter_function public.f(integer)"});
    CHECK(plan.steps[0].function.security_definer == now.security_definer);
    CHECK(plan.steps[0].function.settings == now.settings);
    CHECK(plan.steps[0].Describe() == "alter function public.f(integer) (" + std::string(what) + ")");
    // Who may do what through the function changes with SECURITY DEFINER, both ways.
    CHECK(plan.steps[0].hazards == (now.security_definer ? plan::kAuthzChange : 0u));
    plan::Plan back = Plan(With({now}), With({Fn()}));
    CHECK(back.steps.at(0).hazards == (now.security_definer ? plan::kAuthzChange : 0u));
  }
}

TEST_CASE("functions: what PostgreSQL refuses in place is dropped and created, comment and "
          "grants again",
          "[diff][functions]") {
  ir::Function old = Fn();
  old.comment = "Doubles.";
  old.grants = {{"anon", {"execute"}, {}}, {"authenticated", {"execute"}, {}}};
  std::vector<std::pair<const char*, void (*)(ir::Function&)>> refused = {
      {"return type", [](ir::Function& f) { f.returns = Builtin("bigint"); }},
      {"setof", [](ir::Function& f) { f.returns_set = true; }},
      {"argument renamed", [](ir::Function& f) { f.args[0].name = "y"; }},
      {"default removed", [](ir::Function& f) { f.args[0].default_sql.clear(); }},
      {"out column", [](ir::Function& f) {
         f.args.push_back(Arg("doubled", "integer", ir::ArgMode::kOut));
       }},
  };
  old.args[0].default_sql = "1";
  for (const auto& [what, change] : refused) {
    INFO(what);
    ir::Function now = old;
    change(now);
    plan::Plan plan = Plan(With({old}), With({now}));
    std::vector<std::string> steps = Steps(plan);
    REQUIRE(steps == std::vector<std::string>{
                         "drop_function public.f(integer)",
                         "create_function public.f(integer)",
                         "grant_on_function public.f(integer) anon",
                         "grant_on_function public.f(integer) authenticated",
                         "comment_function public.f(integer)",
                     });
    CHECK(plan.steps[0].function.returns == old.returns);  // The drop names the old one.
    CHECK(plan.steps[1].function.returns_set == now.returns_set);
    CHECK(plan.steps[1].function.args.size() == now.args.size());
    CHECK(plan.steps[4].function.comment == "Doubles.");
  }
}

TEST_CASE("functions: what CREATE OR REPLACE accepts stays in place", "[diff][functions]") {
  ir::Function old = Fn();
  old.args[0].name.clear();
  std::vector<std::pair<const char*, void (*)(ir::Function&)>> accepted = {
      {"unnamed argument named", [](ir::Function& f) { f.args[0].name = "x"; }},
      {"default added", [](ir::Function& f) { f.args[0].default_sql = "1"; }},
      {"language", [](ir::Function& f) { f.language = "plpgsql"; }},
  };
  for (const auto& [what, change] : accepted) {
    INFO(what);
    ir::Function now = old;
    change(now);
    CHECK(Steps(Plan(With({old}), With({now}))) ==
          std::vector<std::string>{"replace_function public.f(integer)"});
  }
}

TEST_CASE("functions: overloads are distinct objects", "[diff][functions]") {
  ir::Function by_text = Fn("f", "select 1");
  by_text.args[0].type = Builtin("text");
  ir::Function by_text_changed = by_text;
  by_text_changed.body = "select 2";
  ir::Function by_bigint = Fn();
  by_bigint.args[0].type = Builtin("bigint");
  plan::Plan plan = Plan(With({Fn(), by_text}), With({by_text_changed, by_bigint}));
  CHECK(Steps(plan) == std::vector<std::string>{
                           "drop_function public.f(integer)",
                           "replace_function public.f(text)",
                           "create_function public.f(bigint)",
                           "grant_on_function public.f(bigint) public",
                       });
  CHECK(Plan(With({Fn(), by_text}), With({Fn(), by_text})).steps.empty());
}

TEST_CASE("functions: grants change per role, a comment is set or removed", "[diff][functions]") {
  ir::Function old = Fn();
  ir::Function now = Fn();
  now.grants = {{"authenticated", {"execute"}, {}}, {"service_role", {"execute"}, {}}};
  now.comment = "Adds one.";
  CHECK(Steps(Plan(With({old}), With({now}))) ==
        std::vector<std::string>{
            "revoke_on_function public.f(integer) public",
            "grant_on_function public.f(integer) authenticated",
            "grant_on_function public.f(integer) service_role",
            "comment_function public.f(integer)",
        });
  plan::Plan back = Plan(With({now}), With({old}));
  REQUIRE(Steps(back) == std::vector<std::string>{
                             "revoke_on_function public.f(integer) authenticated",
                             "revoke_on_function public.f(integer) service_role",
                             "grant_on_function public.f(integer) public",
                             "comment_function public.f(integer)",
                         });
  CHECK(back.steps.back().function.comment.empty());
}

TEST_CASE("functions: created before tables, one that needs them after and dropped before",
          "[diff][functions]") {
  ir::Table table;
  table.name = {"public", "notes"};
  ir::Column id;
  id.name = "id";
  id.type = Builtin("bigint");
  table.columns = {id};
  ir::Function rows = Fn("recent");
  rows.args.clear();
  rows.returns.kind = ir::TypeKind::kOther;
  rows.returns.schema = "public";
  rows.returns.name = "notes";
  rows.returns_set = true;
  // A SQL-standard body is parsed at creation: it needs its tables too.
  ir::Function count = Fn("count_notes", "\n  BEGIN ATOMIC\n SELECT count(*) FROM public.notes;\nEND");
  count.args.clear();
  count.grants.clear();
  ir::Function quoted = count;
  quoted.language = "plpgsql";  // Only in a `sql` function.
  CHECK(NamesRowType(rows));
  CHECK_FALSE(NamesRowType(Fn()));
  CHECK(HasStandardBody(count));
  CHECK(HasStandardBody(Fn("one", "return 1")));
  CHECK_FALSE(HasStandardBody(quoted));
  CHECK_FALSE(HasStandardBody(Fn()));
  CHECK(NeedsRelations(rows));
  CHECK(NeedsRelations(count));
  CHECK_FALSE(NeedsRelations(Fn()));
  ir::Schema empty = With({});
  ir::Schema full = With({Fn(), rows, count});
  full.tables = {table};
  full.Reindex();
  std::vector<std::string> order;
  for (const plan::Step& step : Plan(empty, full).steps) {
    order.push_back(std::string(plan::StepKindId(step.kind)) + " " + step.table.name);
  }
  CHECK(order == std::vector<std::string>{"create_function f", "create_table notes",
                                          "create_function recent", "create_function count_notes",
                                          "grant_on_function f", "grant_on_function recent"});
  order.clear();
  for (const plan::Step& step : Plan(full, empty).steps) {
    order.push_back(std::string(plan::StepKindId(step.kind)) + " " + step.table.name);
  }
  CHECK(order == std::vector<std::string>{"drop_function recent", "drop_function count_notes",
                                          "drop_table notes", "drop_function f"});
}

TEST_CASE("functions: the reverse plan of a drop creates it again with comment and grants",
          "[diff][functions]") {
  ir::Function f = Fn();
  f.comment = "Kept.";
  f.grants = {{"anon", {"execute"}, {}}};
  CHECK(Steps(Plan(With({f}), With({}))) ==
        std::vector<std::string>{"drop_function public.f(integer)"});
  CHECK(Steps(Plan(With({}), With({f}))) ==
        std::vector<std::string>{"create_function public.f(integer)",
                                 "grant_on_function public.f(integer) anon",
                                 "comment_function public.f(integer)"});
}

}  // namespace
}  // namespace schemac
