// Unit tests of the dependency graph in a plan (compiler/dependents.h), on schemas built in
// memory with their dependencies as introspection gives them: the order of steps by
// dependencies, the dependents rebuilt around a change (views, policies, triggers, defaults),
// BREAKS_DEPENDENTS for a column a function body names, the refusal to drop a schema that still
// holds objects, and the reverse plan.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "compiler/dependents.h"
#include "compiler/diff.h"
#include "compiler/plan.h"

namespace schemac {
namespace {

using ir::ObjectKind;
using plan::StepKind;

ir::ColumnType Type(std::string name) {
  ir::ColumnType type;
  type.name = std::move(name);
  return type;
}

ir::Column Col(std::string name, std::string type = "text") {
  ir::Column column;
  column.name = std::move(name);
  column.type = Type(std::move(type));
  column.nullable = true;
  return column;
}

ir::Table Tbl(const std::string& name, std::vector<ir::Column> columns) {
  ir::Table table;
  table.name = {"public", name};
  table.columns = std::move(columns);
  return table;
}

ir::ObjectRef Ref(ObjectKind kind, const std::string& name, std::string member = {}) {
  return {kind, {"public", name}, std::move(member)};
}

ir::Dependency Dep(ir::ObjectRef dependent, ir::ObjectRef referenced) {
  return {std::move(dependent), std::move(referenced)};
}

ir::Function Fn(const std::string& name, const std::string& body, std::string returns = "boolean") {
  ir::Function function;
  function.name = {"public", name};
  function.language = "plpgsql";
  function.returns = Type(std::move(returns));
  function.body = body;
  function.grants = {{"public", {"execute"}, {}}};
  return function;
}

ir::View View(const std::string& name, const std::string& query) {
  ir::View view;
  view.name = {"public", name};
  view.query = query;
  view.grants = {{"anon", {"select"}, {}}};
  view.comment = "Names.";
  return view;
}

ir::Trigger Trg(const std::string& name, const std::string& table, const std::string& function) {
  ir::Trigger trigger;
  trigger.name = name;
  trigger.table = {"public", table};
  trigger.timing = ir::TriggerTiming::kBefore;
  trigger.on_update = true;
  trigger.level = ir::TriggerLevel::kRow;
  trigger.function = {"public", function};
  return trigger;
}

ir::Policy Pol(const std::string& name, const std::string& using_expr) {
  ir::Policy policy;
  policy.name = name;
  policy.roles = {"authenticated"};
  policy.using_expr = using_expr;
  return policy;
}

std::vector<std::string> Lines(const plan::Plan& plan) {
  std::vector<std::string> out;
  for (const plan::Step& step : plan.steps) {
    std::string hazards = plan::HazardNames(step.hazards & plan::kBreaksDependents);
    out.push_back(step.Describe() + (hazards.empty() ? "" : " [" + hazards + "]"));
  }
  return out;
}

const DiffOptions kAllowAll{/*allow_destructive=*/true, /*allow_enum_recreate=*/false};

// public.users (id, name text) and the view public.names on users.name, granted to anon.
ir::Schema UsersWithView() {
  ir::Schema schema;
  schema.tables = {Tbl("users", {Col("id", "bigint"), Col("name")})};
  schema.views = {View("names", "SELECT users.name FROM users")};
  schema.dependencies = {Dep(Ref(ObjectKind::kView, "names"), Ref(ObjectKind::kColumn, "users", "name"))};
  schema.Reindex();
  return schema;
}

TEST_CASE("a column type change under a view drops the view, alters, creates it with its grants",
          "[plan][dependents]") {
  ir::Schema from = UsersWithView();
  ir::Schema to = from;
  to.tables[0].columns[1].type = Type("character varying");
  to.Reindex();
  plan::Plan plan = Diff(from, to, {}, kAllowAll);
  CHECK(plan.errors.empty());
  CHECK(Lines(plan) == std::vector<std::string>{
                           "drop view public.names",
                           "change type of public.users.name from text to character varying",
                           "create view public.names",
                           "grant on view public.names to anon",
                           "comment on view public.names",
                       });
  // A view's other changes made by its own diff are not repeated: a view the views diff
  // already drops and creates is left as it is.
  SECTION("the reverse plan rebuilds the view the same way") {
    plan::Plan down = Diff(to, from, {}, kAllowAll);
    CHECK(Lines(down) == std::vector<std::string>{
                             "drop view public.names",
                             "change type of public.users.name from character varying to text",
                             "create view public.names",
                             "grant on view public.names to anon",
                             "comment on view public.names",
                         });
  }
}

TEST_CASE("a view on a view is rebuilt too, in dependency order", "[plan][dependents]") {
  // PostgreSQL records the view's column the other view reads, not the view.
  ir::Schema from = UsersWithView();
  from.views.push_back(View("names2", "SELECT names.name FROM names"));
  from.views.back().grants.clear();
  from.views.back().comment.clear();
  from.dependencies.push_back(
      Dep(Ref(ObjectKind::kView, "names2"), Ref(ObjectKind::kColumn, "names", "name")));
  std::sort(from.dependencies.begin(), from.dependencies.end());
  ir::Schema to = from;
  to.tables[0].columns[1].type = Type("character varying");
  to.Reindex();
  plan::Plan plan = Diff(from, to, {}, kAllowAll);
  CHECK(Lines(plan) == std::vector<std::string>{
                           "drop view public.names2",
                           "drop view public.names",
                           "change type of public.users.name from text to character varying",
                           "create view public.names",
                           "create view public.names2",
                           "grant on view public.names to anon",
                           "comment on view public.names",
                       });
}

TEST_CASE("a function dropped and created again rebuilds the policy, trigger and default "
          "calling it", "[plan][dependents]") {
  ir::Schema from;
  ir::Table t = Tbl("docs", {Col("id", "bigint"), Col("owner"), Col("token")});
  t.columns[2].default_sql = "gen_token()";
  t.rls_enabled = true;
  t.policies = {Pol("owner reads", "is_owner(owner)")};
  from.tables = {t};
  ir::Function is_owner = Fn("is_owner", "select true");
  is_owner.args = {{ir::ArgMode::kIn, "o", Type("text"), "", {}, {}}};
  from.functions = {is_owner, Fn("gen_token", "return 'x';", "text"),
                    Fn("touch", "new.owner := current_user; return new;", "trigger")};
  from.triggers = {Trg("docs_touch", "docs", "touch")};
  from.dependencies = {
      Dep(Ref(ObjectKind::kColumn, "docs", "token"), Ref(ObjectKind::kFunction, "gen_token", "()")),
      Dep(Ref(ObjectKind::kPolicy, "docs", "owner reads"), Ref(ObjectKind::kFunction, "is_owner", "(text)")),
      Dep(Ref(ObjectKind::kTrigger, "docs", "docs_touch"), Ref(ObjectKind::kFunction, "touch", "()")),
  };
  std::sort(from.dependencies.begin(), from.dependencies.end());
  from.Reindex();
  ir::Schema to = from;
  // The steps the functions' diff lists for a function made again (a changed return type, say),
  // written here by hand: this test is about what the dependents get.
  plan::Plan plan;
  for (const ir::Function& f : from.functions) {
    plan::Step drop;
    drop.kind = StepKind::kDropFunction;
    drop.table = f.name;
    drop.function = f;
    plan.steps.push_back(drop);
    plan::Step create = drop;
    create.kind = StepKind::kCreateFunction;
    plan.steps.push_back(create);
  }
  plan::RebuildDependents(plan, from, to);
  plan::Finalize(plan, {true, false, &from, &to});
  CHECK(Lines(plan) == std::vector<std::string>{
                           "drop policy \"owner reads\" on public.docs",
                           "drop trigger docs_touch on public.docs",
                           "drop function public.is_owner(text)",
                           "drop function public.touch()",
                           "drop default of public.docs.token",
                           "drop function public.gen_token()",
                           "create function public.is_owner(text)",
                           "create function public.gen_token()",
                           "create function public.touch()",
                           "set default of public.docs.token",
                           "create policy \"owner reads\" on public.docs",
                           "create trigger docs_touch on public.docs",
                       });
}

// Found by the convergence test (seed 13): a trigger on `update of` a dropped column, changed
// by its own diff (CREATE OR REPLACE, which keeps comment and state), was dropped first as a
// dependent of the column, and came back without its comment and enabled.
TEST_CASE("a trigger dropped under a dropped column comes back with its comment and state",
          "[plan][dependents]") {
  ir::Schema from;
  from.tables = {Tbl("docs", {Col("id", "bigint"), Col("title")})};
  from.functions = {Fn("touch", "return new;", "trigger")};
  from.triggers = {Trg("docs_touch", "docs", "touch")};
  from.triggers[0].update_columns = {"title"};
  from.triggers[0].comment = "Touches.";
  from.triggers[0].enabled = ir::TriggerEnabled::kDisabled;
  from.dependencies = {
      Dep(Ref(ObjectKind::kTrigger, "docs", "docs_touch"),
          Ref(ObjectKind::kColumn, "docs", "title")),
      Dep(Ref(ObjectKind::kTrigger, "docs", "docs_touch"),
          Ref(ObjectKind::kFunction, "touch", "()")),
  };
  std::sort(from.dependencies.begin(), from.dependencies.end());
  from.Reindex();
  ir::Schema to = from;
  to.tables[0].columns.pop_back();
  to.triggers[0].update_columns.clear();
  to.dependencies = {from.dependencies[1]};
  to.Reindex();
  plan::Plan plan = Diff(from, to, {}, kAllowAll);
  CHECK(plan.errors.empty());
  CHECK(Lines(plan) == std::vector<std::string>{
                           "drop trigger docs_touch on public.docs",
                           "drop column public.docs.title",
                           "create trigger docs_touch on public.docs",
                           "disable trigger docs_touch on public.docs",
                           "comment on trigger docs_touch on public.docs",
                       });
}

// Found by the convergence test (seeds 19, 29, 36): a policy that starts calling a function
// the plan drops and creates again (and a check of a new table, a new column's default), run a
// second time, kept the drop of the function from running.
TEST_CASE("what only the target has calling a function made again is dropped first, for a rerun",
          "[plan][dependents]") {
  ir::Schema from;
  ir::Table t = Tbl("docs", {Col("id", "bigint"), Col("owner")});
  t.rls_enabled = true;
  from.tables = {t};
  ir::Function is_owner = Fn("is_owner", "select true");
  is_owner.args = {{ir::ArgMode::kIn, "o", Type("text"), "", {}, {}}};
  from.functions = {is_owner};
  from.Reindex();
  ir::Schema to = from;
  to.functions[0].returns = Type("integer");
  to.tables[0].policies = {Pol("owner reads", "is_owner(owner) = 1")};
  to.tables[0].columns.push_back(Col("flag", "boolean"));
  to.tables[0].columns.back().default_sql = "(is_owner('x') = 1)";
  to.dependencies = {
      Dep(Ref(ObjectKind::kColumn, "docs", "flag"),
          Ref(ObjectKind::kFunction, "is_owner", "(text)")),
      Dep(Ref(ObjectKind::kPolicy, "docs", "owner reads"),
          Ref(ObjectKind::kFunction, "is_owner", "(text)")),
  };
  std::sort(to.dependencies.begin(), to.dependencies.end());
  to.Reindex();
  plan::Plan plan = Diff(from, to, {}, kAllowAll);
  CHECK(plan.errors.empty());
  CHECK(Lines(plan) == std::vector<std::string>{
                           "drop policy \"owner reads\" on public.docs",
                           "drop default of public.docs.flag",
                           "drop function public.is_owner(text)",
                           "create function public.is_owner(text)",
                           "add column public.docs.flag (boolean)",
                           "set default of public.docs.flag",
                           "create policy \"owner reads\" on public.docs",
                           "grant execute on function public.is_owner(text) to public",
                       });
}

// Found by the convergence test (seed 10 of the generator with triggers): a column type change
// on a renamed table left the trigger on `update of` the column in place, and PostgreSQL
// refused the change; a view on it too.
TEST_CASE("a column type change on a renamed table rebuilds its trigger and view",
          "[plan][dependents]") {
  ir::Schema from = UsersWithView();
  from.functions = {Fn("touch", "return new;", "trigger")};
  from.triggers = {Trg("users_touch", "users", "touch")};
  from.triggers[0].update_columns = {"name"};
  from.dependencies.push_back(Dep(Ref(ObjectKind::kTrigger, "users", "users_touch"),
                                  Ref(ObjectKind::kColumn, "users", "name")));
  std::sort(from.dependencies.begin(), from.dependencies.end());
  from.Reindex();
  ir::Schema to = from;
  to.tables[0].name = {"public", "people"};
  to.tables[0].columns[1].type = Type("character varying");
  to.triggers[0].table = {"public", "people"};
  to.views[0].query = "SELECT people.name FROM people";
  to.dependencies = {
      Dep(Ref(ObjectKind::kTrigger, "people", "users_touch"),
          Ref(ObjectKind::kColumn, "people", "name")),
      Dep(Ref(ObjectKind::kView, "names"), Ref(ObjectKind::kColumn, "people", "name"))};
  std::sort(to.dependencies.begin(), to.dependencies.end());
  to.Reindex();
  Renames renames;
  renames.tables[{"public", "users"}] = {"public", "people"};
  plan::Plan plan = Diff(from, to, renames, kAllowAll);
  CHECK(plan.errors.empty());
  CHECK(Lines(plan) == std::vector<std::string>{
                           "rename table public.users to people",
                           "drop view public.names",
                           "drop trigger users_touch on public.people",
                           "change type of public.people.name from text to character varying",
                           "create view public.names",
                           "grant on view public.names to anon",
                           "create trigger users_touch on public.people",
                           "comment on view public.names",
                       });
}

// Found by the convergence test (seed 310): an enum made again converts its columns, and
// PostgreSQL refused it under a trigger whose WHEN reads one of them.
TEST_CASE("an enum made again rebuilds the triggers on its columns", "[plan][dependents]") {
  ir::Schema from;
  from.enums = {{{"public", "mood"}, {{"calm", {}}, {"busy", {}}}, "", {}}};
  ir::Column c = Col("feel", "mood");
  c.type.kind = ir::TypeKind::kEnum;
  c.type.schema = "public";
  from.tables = {Tbl("docs", {Col("id", "bigint"), c})};
  from.functions = {Fn("touch", "return new;", "trigger")};
  from.triggers = {Trg("docs_touch", "docs", "touch")};
  from.triggers[0].when = "new.feel IS NOT NULL";
  from.dependencies = {Dep(Ref(ObjectKind::kTrigger, "docs", "docs_touch"),
                           Ref(ObjectKind::kColumn, "docs", "feel"))};
  from.Reindex();
  ir::Schema to = from;
  to.enums[0].values = {{"busy", {}}, {"calm", {}}};
  to.Reindex();
  plan::Plan plan = Diff(from, to, {}, {true, true});
  CHECK(plan.errors.empty());
  CHECK(Lines(plan) == std::vector<std::string>{
                           "drop trigger docs_touch on public.docs",
                           "recreate enum public.mood with new values",
                           "create trigger docs_touch on public.docs",
                       });
}

// Found by the convergence test (seed 420): the default calling a function made again, on a
// table the plan renames, was dropped after the function (its step names the new table).
TEST_CASE("a default on a renamed table is dropped before the function it calls",
          "[plan][dependents]") {
  ir::Schema from;
  ir::Table t = Tbl("docs", {Col("id", "bigint"), Col("token")});
  t.columns[1].default_sql = "gen_token()";
  from.tables = {t};
  from.functions = {Fn("gen_token", "return 'x';", "text")};
  from.dependencies = {Dep(Ref(ObjectKind::kColumn, "docs", "token"),
                           Ref(ObjectKind::kFunction, "gen_token", "()"))};
  from.Reindex();
  ir::Schema to = from;
  to.tables[0].name = {"public", "papers"};
  to.functions[0].args = {{ir::ArgMode::kIn, "n", Type("integer"), "8", {}, {}}};
  to.tables[0].columns[1].default_sql = "gen_token(1)";
  to.dependencies = {Dep(Ref(ObjectKind::kColumn, "papers", "token"),
                         Ref(ObjectKind::kFunction, "gen_token", "(integer)"))};
  to.Reindex();
  Renames renames;
  renames.tables[{"public", "docs"}] = {"public", "papers"};
  plan::Plan plan = Diff(from, to, renames, kAllowAll);
  CHECK(plan.errors.empty());
  CHECK(Lines(plan) == std::vector<std::string>{
                           "rename table public.docs to papers",
                           "drop default of public.papers.token",
                           "drop function public.gen_token()",
                           "create function public.gen_token(integer)",
                           "set default of public.papers.token",
                           "grant execute on function public.gen_token(integer) to public",
                       });
}

TEST_CASE("steps are ordered by dependencies: a function returning a table's rows after the "
          "table", "[plan][dependents]") {
  ir::Schema from;
  ir::Schema to;
  to.tables = {Tbl("items", {Col("id", "bigint")})};
  ir::Function f = Fn("all_items", "select * from items", "items");
  f.returns.kind = ir::TypeKind::kOther;
  f.returns.schema = "public";
  f.returns_set = true;
  to.functions = {f};
  to.dependencies = {Dep(Ref(ObjectKind::kFunction, "all_items", "()"), Ref(ObjectKind::kTable, "items"))};
  to.Reindex();
  plan::Plan plan;
  plan::Step create_function;
  create_function.kind = StepKind::kCreateFunction;
  create_function.function = f;
  plan::Step create_table;
  create_table.kind = StepKind::kCreateTable;
  create_table.table = {"public", "items"};
  create_table.table_def = std::make_shared<const ir::Table>(to.tables[0]);
  plan.steps = {create_table, create_function};
  SECTION("by phase alone, a function naming a table type comes after the tables") {
    plan::Finalize(plan, {});
    CHECK(Lines(plan) == std::vector<std::string>{"create table public.items",
                                                  "create function public.all_items()"});
  }
  SECTION("with the target's dependencies, after it") {
    plan::Finalize(plan, {false, false, &from, &to});
    CHECK(Lines(plan) == std::vector<std::string>{"create table public.items",
                                                  "create function public.all_items()"});
  }
  SECTION("drops the other way: the function before the table (the source's dependencies)") {
    plan::Step drop_table = create_table;
    drop_table.kind = StepKind::kDropTable;
    plan::Step drop_function = create_function;
    drop_function.kind = StepKind::kDropFunction;
    plan.steps = {drop_table, drop_function};
    plan::Finalize(plan, {true, false, &to, &from});
    CHECK(Lines(plan) == std::vector<std::string>{"drop function public.all_items()",
                                                  "drop table public.items"});
  }
}

TEST_CASE("a rename or drop of a column a function body names is BREAKS_DEPENDENTS, with a note",
          "[plan][dependents]") {
  ir::Schema from;
  from.tables = {Tbl("profiles", {Col("id", "bigint"), Col("full_name"), Col("bio")})};
  from.functions = {
      Fn("handle_new_user",
         "begin insert into public.profiles (id, \"full_name\") values (new.id, ''); return new; end;",
         "trigger"),
      Fn("unrelated", "begin return full_name_of(1); end;")};
  from.Reindex();
  ir::Schema to = from;
  SECTION("renamed") {
    to.tables[0].columns[1].name = "display_name";
    to.tables[0].columns[1].renamed_from = "full_name";
    to.Reindex();
    plan::Plan plan = Diff(from, to, RenamesFromHints(to), kAllowAll);
    CHECK(Lines(plan) == std::vector<std::string>{
                             "rename column public.profiles.full_name to display_name "
                             "[BREAKS_DEPENDENTS]"});
    REQUIRE(plan.notes.size() == 1);
    CHECK(plan.notes[0] ==
          "rename column public.profiles.full_name to display_name: the body of "
          "public.handle_new_user() still names the column (PostgreSQL does not track function "
          "bodies): change it in the same migration.");
    CHECK(plan::HazardNames(plan::kBreaksDependents) == "BREAKS_DEPENDENTS");
  }
  SECTION("dropped") {
    to.tables[0].columns.erase(to.tables[0].columns.begin() + 1);
    to.Reindex();
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    CHECK(Lines(plan) == std::vector<std::string>{
                             "drop column public.profiles.full_name [BREAKS_DEPENDENTS]"});
  }
  SECTION("a trigger function naming NEW.column of its table") {
    from.functions = {Fn("touch", "begin NEW.Bio := trim(new.bio); return new; end;", "trigger")};
    from.triggers = {Trg("profiles_touch", "profiles", "touch")};
    to = from;
    to.tables[0].columns.pop_back();
    to.Reindex();
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    CHECK(Lines(plan) == std::vector<std::string>{
                             "drop column public.profiles.bio [BREAKS_DEPENDENTS]"});
  }
  SECTION("a body changed in the same plan to the new name is no hazard") {
    to.tables[0].columns[2].name = "about";
    to.tables[0].columns[2].renamed_from = "bio";
    to.Reindex();
    plan::Plan plan = Diff(from, to, RenamesFromHints(to), kAllowAll);
    CHECK(Lines(plan) == std::vector<std::string>{"rename column public.profiles.bio to about"});
    CHECK(plan.notes.empty());
  }
}

TEST_CASE("dropping a schema that still holds objects the plan does not drop is refused",
          "[plan][dependents]") {
  ir::Schema from;
  from.schemas = {"app"};
  ir::Table t = Tbl("things", {Col("id", "bigint")});
  t.name.schema = "app";
  from.tables = {t};
  from.unmanaged = {{"rule", "app.r on app.things"}, {"rule", "public.r on public.x"}};
  from.Reindex();
  ir::Schema to;
  SECTION("an unmanaged object is never dropped: refused, listed") {
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    REQUIRE(plan.errors.size() == 1);
    CHECK(plan.errors[0] ==
          "schema app cannot be dropped: it still holds objects the plan does not drop: rule "
          "app.r on app.things (schemac never drops with CASCADE: drop them first, or keep the "
          "schema)");
  }
  SECTION("what the plan does not drop is listed by kind and name") {
    ir::Function f = Fn("helper", "select true");
    f.name.schema = "app";
    from.functions = {f};
    from.unmanaged.clear();
    plan::Plan plan;
    plan::Step drop_table;
    drop_table.kind = StepKind::kDropTable;
    drop_table.table = t.name;
    plan::Step drop_schema;
    drop_schema.kind = StepKind::kDropSchema;
    drop_schema.table = {"app", ""};
    drop_schema.name = "app";
    plan.steps = {drop_table, drop_schema};
    plan::Finalize(plan, {true, false, &from, &to});
    REQUIRE(plan.errors.size() == 1);
    CHECK(plan.errors[0] ==
          "schema app cannot be dropped: it still holds objects the plan does not drop: "
          "function app.helper() (schemac never drops with CASCADE: drop them first, or keep "
          "the schema)");
  }
  SECTION("an empty schema is dropped") {
    from.unmanaged.pop_back();
    from.unmanaged.pop_back();
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    CHECK(plan.errors.empty());
    CHECK(Lines(plan) == std::vector<std::string>{"drop table app.things", "drop schema app"});
  }
}

}  // namespace
}  // namespace schemac
