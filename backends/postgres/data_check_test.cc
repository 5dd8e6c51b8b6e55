// Which steps of a plan are checked against the rows (data_check_sql.h), on hand-made plans:
// tables the plan creates and NOT VALID constraints read no row, names are quoted and taken as
// they are before the plan's renames, a column the migration computes makes a check skipped;
// and the sizes --check-data-max-size takes. Against real databases:
// tests/integration/data_check_test.cc.

#include "backends/postgres/data_check.h"

#include <catch2/catch.hpp>

#include "backends/postgres/data_check_sql.h"

namespace schemac::pg {

namespace {

ir::Column Col(const std::string& name, const std::string& type, bool nullable = true) {
  ir::Column c;
  c.name = name;
  c.type.name = type;
  c.nullable = nullable;
  return c;
}

ir::Schema One(const ir::Table& table) {
  ir::Schema schema;
  schema.tables.push_back(table);
  schema.Reindex();
  return schema;
}

}  // namespace

TEST_CASE("data checks read live names, quoted, and skip what no row or the design excludes",
          "[data-check]") {
  ir::Table live;
  live.name = {"public", "old\"t"};
  live.columns = {Col("id", "integer", false), Col("Mail; drop", "text")};
  live.primary_key = ir::PrimaryKey{"old_pkey", {"id"}, {}};
  ir::Table target;
  target.name = {"public", "t"};
  target.columns = {Col("id", "integer", false), Col("email", "text", false),
                    Col("n", "bigint", false)};
  target.columns[2].identity = ir::Identity::kAlways;
  ir::Schema from = One(live);
  ir::Schema to = One(target);

  plan::Plan plan;
  plan::Step& rename = plan.steps.emplace_back();
  rename.kind = plan::StepKind::kRenameTable;
  rename.table = target.name;
  rename.name = live.name.name;
  plan::Step& column = plan.steps.emplace_back();
  column.kind = plan::StepKind::kRenameColumn;
  column.table = target.name;
  column.name = "Mail; drop";
  column.column = target.columns[1];
  plan::Step& not_null = plan.steps.emplace_back();
  not_null.kind = plan::StepKind::kSetNotNull;
  not_null.table = target.name;
  not_null.column = target.columns[1];
  not_null.old_column = live.columns[1];
  plan::Step& unique = plan.steps.emplace_back();
  unique.kind = plan::StepKind::kAddConstraint;
  unique.table = target.name;
  unique.constraint.kind = plan::Constraint::Kind::kUnique;
  unique.constraint.unique = {"t_n_key", {"n"}, false, {}};
  plan::Step& declared = plan.steps.emplace_back();  // NOT VALID as declared: never checked.
  declared.kind = plan::StepKind::kAddConstraint;
  declared.table = target.name;
  declared.not_valid = true;
  declared.constraint.kind = plan::Constraint::Kind::kCheck;
  declared.constraint.check = {"t_check", "(email <> '')", false, true, {}, {}};

  std::vector<PlannedCheck> checks = PlanDataChecks(plan, from, to, 10);
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].step == 2);
  // Only the column the check reads, under its new name, read from the old one.
  CHECK(checks[0].sql ==
        "SELECT count(*), (array_agg(k))[1] FROM (SELECT t.\"schemac key\" AS k FROM (SELECT "
        "('id=' || (id)::text) AS \"schemac key\", \"Mail; drop\" AS email FROM "
        "public.\"old\"\"t\") AS t WHERE t.email IS NULL LIMIT 11) s");
  CHECK(checks[0].tables == std::vector<ir::QualifiedName>{{"public", "old\"t"}});
  // The identity column's values come from its sequence: not modelled, said.
  CHECK(checks[1].step == 3);
  CHECK(checks[1].sql.empty());
  CHECK(checks[1].skip == "it reads column n, whose values the migration computes");

  // The same steps on a table the plan creates: no row to check.
  plan::Plan created;
  plan::Step& create = created.steps.emplace_back();
  create.kind = plan::StepKind::kCreateTable;
  create.table = target.name;
  created.steps.push_back(plan.steps[2]);
  created.steps.push_back(plan.steps[3]);
  CHECK(PlanDataChecks(created, ir::Schema{}, to, 10).empty());
}

TEST_CASE("data check sizes: units as PostgreSQL reads them, and back", "[data-check]") {
  int64_t bytes = -1;
  CHECK(ParseSize("1GB", &bytes));
  CHECK(bytes == int64_t{1} << 30);
  CHECK(ParseSize("8kB", &bytes));
  CHECK(bytes == 8192);
  CHECK(ParseSize("0", &bytes));
  CHECK(bytes == 0);
  CHECK_FALSE(ParseSize("12", &bytes));
  CHECK_FALSE(ParseSize("1gb", &bytes));
  CHECK_FALSE(ParseSize("MB", &bytes));
  CHECK(SizeText(int64_t{1} << 30) == "1GB");
  CHECK(SizeText(1536 * 1024) == "1536kB");
  CHECK(SizeText(100) == "100 bytes");
  CheckDataMode mode = CheckDataMode::kNever;
  CHECK(ParseCheckDataMode("always", &mode));
  CHECK(mode == CheckDataMode::kAlways);
  CHECK_FALSE(ParseCheckDataMode("sometimes", &mode));
}

}  // namespace schemac::pg
