// Unit tests of the view steps (compiler/diff_views.cc) and their SQL (backends/postgres/
// emit_views.cc) on views built in memory, as introspection reads them: replace in place when
// columns stay or are appended, drop and create otherwise with the views that use it, options,
// grants, comments, materialized views and their indexes, and the order views are built in.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "backends/postgres/emit.h"
#include "compiler/diff.h"
#include "compiler/diff_views.h"

namespace schemac {
namespace {

using plan::StepKind;

ir::View MakeView(const std::string& name, const std::string& query,
                  std::vector<std::pair<std::string, std::string>> columns) {
  ir::View view;
  view.name = {"public", name};
  view.query = query;
  for (auto& [column, type] : columns) {
    ir::ColumnType t;
    t.name = type;
    view.columns.push_back({column, t, true, ""});
  }
  return view;
}

ir::Schema With(std::vector<ir::View> views) {
  ir::Schema schema;
  schema.views = std::move(views);
  return schema;
}

std::vector<std::string> Described(const plan::Plan& plan) {
  std::vector<std::string> out;
  for (const plan::Step& step : plan.steps) out.push_back(step.Describe());
  return out;
}

std::string Sql(const plan::Plan& plan) {
  std::string out;
  for (const plan::Step& step : plan.steps) out += pg::StepSql(step);
  return out;
}

const ir::View kBase = MakeView("base", "SELECT t.id, t.name FROM t", {{"id", "bigint"}, {"name", "text"}});
const ir::View kUser = MakeView("users_of_base", "SELECT base.id FROM base", {{"id", "bigint"}});

TEST_CASE("views: columns only appended replace the view in place", "[plan][views]") {
  ir::View wider = MakeView("base", "SELECT t.id, t.name, t.n FROM t",
                            {{"id", "bigint"}, {"name", "text"}, {"n", "integer"}});
  plan::Plan plan = Diff(With({kBase, kUser}), With({wider, kUser}), {});
  CHECK(Described(plan) == std::vector<std::string>{"replace view public.base"});
  CHECK(Sql(plan).find("CREATE OR REPLACE VIEW public.base AS\nSELECT t.id, t.name, t.n FROM t;") !=
        std::string::npos);
}

TEST_CASE("views: a changed column drops the view and its users, then creates both", "[plan][views]") {
  ir::View retyped = MakeView("base", "SELECT t.id::text AS id, t.name FROM t",
                              {{"id", "text"}, {"name", "text"}});
  ir::View user = kUser;
  user.grants = {{"anon", {"select"}, {}}};
  user.comment = "Ids.";
  plan::Plan plan = Diff(With({kBase, user}), With({retyped, user}), {});
  CHECK(Described(plan) == std::vector<std::string>{
                               "drop view public.users_of_base", "drop view public.base",
                               "create view public.base", "create view public.users_of_base",
                               "grant on view public.users_of_base to anon",
                               "comment on view public.users_of_base"});
  std::string sql = Sql(plan);
  CHECK(sql.find("DROP VIEW IF EXISTS public.users_of_base;") != std::string::npos);
  CHECK(sql.find("CASCADE") == std::string::npos);
  CHECK(sql.find("GRANT select ON TABLE public.users_of_base TO anon;") != std::string::npos);
  CHECK(sql.find("COMMENT ON VIEW public.users_of_base IS 'Ids.';") != std::string::npos);
}

TEST_CASE("views: a dropped column is not a replace", "[plan][views]") {
  ir::View narrower = MakeView("base", "SELECT t.id FROM t", {{"id", "bigint"}});
  plan::Plan plan = Diff(With({kBase}), With({narrower}), {});
  CHECK(Described(plan) ==
        std::vector<std::string>{"drop view public.base", "create view public.base"});
}

// Found by the convergence test (seed 95): run a second time, the up migration failed at the
// drop of `base`, on which the view it had created the first time depends.
TEST_CASE("views: a new view on a rebuilt view is dropped first, so the migration runs twice",
          "[plan][views]") {
  ir::View narrower = MakeView("base", "SELECT t.id FROM t", {{"id", "bigint"}});
  ir::View user = MakeView("on_base", "SELECT base.id FROM base", {{"id", "bigint"}});
  plan::Plan plan = Diff(With({kBase}), With({narrower, user}), {});
  CHECK(Described(plan) == std::vector<std::string>{"drop view public.on_base",
                                                    "drop view public.base",
                                                    "create view public.base",
                                                    "create view public.on_base"});
}

TEST_CASE("views: pg_depend edges say who uses a view when the schema has them", "[plan][views]") {
  // The user's query names `base` only in a string: by name it would be a user, by pg_depend
  // it is not.
  ir::View user = MakeView("other", "SELECT 'base'::text AS label", {{"label", "text"}});
  ir::Schema from = With({kBase, user});
  from.dependencies.push_back({{ir::ObjectKind::kView, {"public", "other"}, ""},
                               {ir::ObjectKind::kTable, {"public", "t"}, ""}});
  ir::View narrower = MakeView("base", "SELECT t.id FROM t", {{"id", "bigint"}});
  plan::Plan plan = Diff(from, With({narrower, user}), {});
  CHECK(Described(plan) ==
        std::vector<std::string>{"drop view public.base", "create view public.base"});
}

// Who uses which view is worked out once per schema (it was asked again for every pair of views,
// walking every edge each time: the hot spot of a 1,000-table plan with 100 views, see
// docs/benchmarks.md). The order and the rebuilds stay what the edges say, among many edges
// that name no view.
TEST_CASE("views: a chain of views among many other pg_depend edges is ordered and rebuilt",
          "[plan][views]") {
  constexpr int kChain = 6;
  std::vector<ir::View> views;
  // Declared last first: v5 uses v4, ..., v1 uses v0; `loose` names v3 in a string only.
  for (int i = kChain - 1; i >= 0; --i) {
    std::string query =
        i == 0 ? "SELECT t.id FROM t" : "SELECT v.id FROM v" + std::to_string(i - 1) + " v";
    views.push_back(MakeView("v" + std::to_string(i), query, {{"id", "integer"}}));
  }
  views.push_back(MakeView("loose", "SELECT 'v3'::text AS label", {{"label", "text"}}));
  std::vector<ir::Dependency> edges;
  for (int i = 0; i < 2000; ++i) {  // Functions on tables, policies on functions: no view.
    edges.push_back({{ir::ObjectKind::kFunction, {"public", "f" + std::to_string(i)}, ""},
                     {ir::ObjectKind::kTable, {"public", "t" + std::to_string(i)}, ""}});
  }
  edges.push_back({{ir::ObjectKind::kView, {"public", "v0"}, ""},
                   {ir::ObjectKind::kTable, {"public", "t"}, ""}});
  for (int i = 1; i < kChain; ++i) {
    edges.push_back({{ir::ObjectKind::kView, {"public", "v" + std::to_string(i)}, ""},
                     {ir::ObjectKind::kView, {"public", "v" + std::to_string(i - 1)}, ""}});
  }
  std::vector<std::string> order;
  for (const ir::View* view : OrderViews(views, edges)) order.push_back(view->name.name);
  CHECK(order == std::vector<std::string>{"v0", "v1", "v2", "v3", "v4", "v5", "loose"});
  // v0's column changes type: the chain is dropped from its end and created from its start;
  // `loose` is left alone.
  ir::Schema from = With(views);
  from.dependencies = edges;
  ir::Schema to = from;
  ir::View& v0 = to.views[kChain - 1];
  v0.query = "SELECT t.id::bigint AS id FROM t";
  v0.columns[0].type.name = "bigint";
  CHECK(Described(Diff(from, to, {})) ==
        std::vector<std::string>{
            "drop view public.v5", "drop view public.v4", "drop view public.v3",
            "drop view public.v2", "drop view public.v1", "drop view public.v0",
            "create view public.v0", "create view public.v1", "create view public.v2",
            "create view public.v3", "create view public.v4", "create view public.v5"});
}

TEST_CASE("views: options are altered, or set by the replace of a changed query", "[plan][views]") {
  ir::View invoker = kBase;
  invoker.security_invoker = true;
  invoker.check_option = ir::CheckOption::kLocal;
  plan::Plan alter = Diff(With({kBase}), With({invoker}), {});
  CHECK(Described(alter) == std::vector<std::string>{"alter view public.base"});
  CHECK(Sql(alter) ==
        "ALTER VIEW public.base SET (security_invoker = true, check_option = local);\n"
        "ALTER VIEW public.base RESET (security_barrier);\n");
  plan::Plan back = Diff(With({invoker}), With({kBase}), {});
  CHECK(Sql(back) ==
        "ALTER VIEW public.base RESET (security_invoker, security_barrier, check_option);\n");
  ir::View all = invoker;
  all.security_barrier = true;
  CHECK(Sql(Diff(With({kBase}), With({all}), {})) ==
        "ALTER VIEW public.base SET (security_invoker = true, security_barrier = true, "
        "check_option = local);\n");
  invoker.query = "SELECT t.id, t.name FROM t WHERE t.id > 0";
  plan::Plan replace = Diff(With({kBase}), With({invoker}), {});
  CHECK(Described(replace) == std::vector<std::string>{"replace view public.base"});
  CHECK(Sql(replace).find("CREATE OR REPLACE VIEW public.base WITH (security_invoker = true) AS") !=
        std::string::npos);
  CHECK(Sql(replace).find("WITH LOCAL CHECK OPTION;") != std::string::npos);
}

TEST_CASE("views: a materialized view's query change rebuilds it with its indexes", "[plan][views]") {
  ir::View counts = MakeView("counts", "SELECT count(*) AS n FROM t", {{"n", "bigint"}});
  counts.materialized = true;
  ir::Index index;
  index.name = "counts_n";
  index.keys.push_back({});
  index.keys[0].column = "n";
  counts.indexes = {index};
  ir::View changed = counts;
  changed.query = "SELECT count(*) AS n FROM t WHERE t.id > 0";
  plan::Plan plan = Diff(With({counts}), With({changed}), {});
  CHECK(Described(plan) == std::vector<std::string>{"drop materialized view public.counts",
                                                    "create materialized view public.counts",
                                                    "create index counts_n on public.counts"});
  std::string sql = Sql(plan);
  CHECK(sql.find("DROP MATERIALIZED VIEW IF EXISTS public.counts;") != std::string::npos);
  CHECK(sql.find("CREATE MATERIALIZED VIEW IF NOT EXISTS public.counts AS\n") != std::string::npos);
  CHECK(sql.find("WITH NO DATA") == std::string::npos);
  CHECK(sql.find("CREATE INDEX IF NOT EXISTS counts_n ON public.counts USING btree (n)") !=
        std::string::npos);
  // Only an index changed: the view stays.
  ir::View reindexed = counts;
  reindexed.indexes[0].unique = true;
  CHECK(Described(Diff(With({counts}), With({reindexed}), {})) ==
        std::vector<std::string>{"drop index counts_n on public.counts",
                                 "create index counts_n on public.counts"});
}

TEST_CASE("views: a new view revokes default privileges, comments on its columns", "[plan][views]") {
  ir::View view = kBase;
  view.columns[1].comment = "Shown name.";
  plan::Plan plan = Diff(ir::Schema{}, With({view}), {});
  CHECK(Described(plan) == std::vector<std::string>{"create view public.base",
                                                    "comment on column public.base.name"});
  std::string sql = Sql(plan);
  CHECK(sql.find("REVOKE ALL ON TABLE") != std::string::npos);
  CHECK(sql.find("COMMENT ON COLUMN public.base.name IS 'Shown name.';") != std::string::npos);
  // And back: only the drop.
  CHECK(Described(Diff(With({view}), ir::Schema{}, {})) ==
        std::vector<std::string>{"drop view public.base"});
}

TEST_CASE("views: views are ordered after the views their queries name", "[views]") {
  std::vector<ir::View> views = {
      MakeView("c", "SELECT b.id FROM b", {}),
      MakeView("b", "SELECT a.id FROM \"a\" -- c\n", {}),
      MakeView("a", "SELECT 'c' AS x, t.id FROM t /* b */", {}),
  };
  std::vector<std::string> order;
  for (const ir::View* view : OrderViews(views)) order.push_back(view->name.name);
  CHECK(order == std::vector<std::string>{"a", "b", "c"});
  CHECK(ViewQueryWords("SELECT \"Mixed\", x FROM y -- z").count("Mixed") == 1);
  CHECK(ViewQueryWords("SELECT 'z' FROM y -- z").count("z") == 0);
  // Created in that order; dropped the other way.
  plan::Plan plan = Diff(ir::Schema{}, With(views), {});
  CHECK(Described(plan) == std::vector<std::string>{"create view public.a", "create view public.b",
                                                    "create view public.c"});
  CHECK(Described(Diff(With(views), ir::Schema{}, {})) ==
        std::vector<std::string>{"drop view public.c", "drop view public.b", "drop view public.a"});
}

}  // namespace
}  // namespace schemac
