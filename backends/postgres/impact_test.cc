// The SQL that counts the rows a DATA_LOSS type change would change: names quoted, the names
// the table and column have before the plan's renames, the value read back into the old type
// (or compared as text into a string type), bounded by LIMIT. Against a real database:
// tests/integration/hazards_test.cc.

#include "backends/postgres/impact.h"

#include <catch2/catch.hpp>

namespace schemac::pg {

namespace {

plan::Step TypeChange(const std::string& old_column, const std::string& column,
                      const std::string& old_type, const std::string& type,
                      std::vector<int64_t> modifiers) {
  plan::Step step;
  step.kind = plan::StepKind::kAlterColumnType;
  step.hazards = plan::kDataLoss | plan::kTableRewrite | plan::kAccessExclusiveLock;
  step.table = {"public", "New Notes"};
  step.name = column;
  step.column.name = column;
  step.column.type.name = type;
  step.column.type.modifiers = std::move(modifiers);
  step.old_column.name = old_column;
  step.old_column.type.name = old_type;
  return step;
}

}  // namespace

TEST_CASE("the count of changed rows quotes names and counts on the names before renames",
          "[hazards][impact]") {
  plan::Plan plan;
  plan::Step rename;
  rename.kind = plan::StepKind::kRenameTable;
  rename.table = {"public", "New Notes"};
  rename.name = "old\"notes";
  plan.steps.push_back(rename);
  plan.steps.push_back(TypeChange("Body; drop table x", "body", "text", "character varying", {3}));
  plan.steps.push_back(TypeChange("price", "price", "numeric", "numeric", {10, 2}));
  CHECK(CountChangedRowsSql(plan, plan.steps[1], 10000) ==
        "SELECT count(*) FROM (SELECT 1 FROM public.\"old\"\"notes\" WHERE ((\"Body; drop table "
        "x\")::text COLLATE pg_catalog.\"C\") IS DISTINCT FROM ((\"Body; drop table "
        "x\")::character varying(3))::text LIMIT 10001) s");
  CHECK(CountChangedRowsSql(plan, plan.steps[2], 5) ==
        "SELECT count(*) FROM (SELECT 1 FROM public.\"old\"\"notes\" WHERE ((price)::text COLLATE "
        "pg_catalog.\"C\") IS DISTINCT FROM (((price)::numeric(10,2))::numeric)::text LIMIT 6) s");

  RowImpact impact;
  CHECK(impact.Text() == "no row would change");
  impact.rows = 1;
  CHECK(impact.Text() == "1 row would change");
  impact.rows = 2;
  CHECK(impact.Text() == "2 rows would change");
  impact.result = RowImpact::Result::kCapped;
  impact.rows = 10000;
  CHECK(impact.Text() == "more than 10000 rows would change");
  impact.result = RowImpact::Result::kTimedOut;
  CHECK(impact.Text() == "unknown (count timed out)");
  impact.result = RowImpact::Result::kFailed;
  impact.error = "integer out of range";
  CHECK(impact.Text() == "unknown: some rows cannot be converted (integer out of range)");
}

}  // namespace schemac::pg
