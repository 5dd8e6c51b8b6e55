// The SQL writer puts each step in the segment the plan's hazards say: a step is outside the
// migration's transaction exactly when the plan marked it NOT_TRANSACTIONAL (compiler/plan.cc,
// Finalize). The plan decides; emit.cc's SegmentOf must agree with it, with and without
// concurrent indexes.

#include "backends/postgres/emit.h"

#include <catch2/catch.hpp>
#include <string>

#include "compiler/diff.h"
#include "tests/unit/test_util.h"

namespace schemac::pg {
namespace {

// The segment kind ("transaction" or "no-transaction") holding the line `line`, or "" when no
// segment holds it.
std::string SegmentHolding(const std::string& sql, const std::string& line) {
  size_t at = sql.find("\n" + line + "\n");
  if (at == std::string::npos) return "";
  const std::string marker = "-- schemac:segment ";
  size_t open = sql.rfind(marker, at);
  if (open == std::string::npos) return "";
  size_t end = sql.find('\n', open);
  return sql.substr(open + marker.size(), end - open - marker.size());
}

}  // namespace

TEST_CASE("emit: a step runs outside the transaction exactly when the plan says so", "[emit]") {
  testing::Compiled from = testing::CompileTexts({{"from.schema", R"(
enum mood ('sad', 'ok')
table notes {
  id bigint primary key
  body text
}
)"}});
  testing::Compiled to = testing::CompileTexts({{"to.schema", R"(
enum mood ('sad', 'ok', 'happy')
table notes {
  id bigint primary key
  body text
  mood mood?
  index (body)
}
table tags {
  id bigint primary key
  index (id, note)
  note bigint
}
)"}});
  REQUIRE(from.resolved);
  REQUIRE(to.resolved);
  for (bool concurrent : {false, true}) {
    DiffOptions options;
    options.allow_destructive = true;
    options.concurrent_indexes = concurrent;
    plan::Plan plan = Diff(from.schema, to.schema, {}, options);
    REQUIRE(plan.errors.empty());
    EmitOptions emit;
    emit.concurrent_indexes = concurrent;
    std::string sql = EmitSql(plan, to.schema, emit);
    int outside = 0;
    for (const plan::Step& step : plan.steps) {
      std::string comment = "-- " + step.Describe();
      std::string hazards = plan::HazardNames(step.hazards);
      if (!hazards.empty()) comment += " [" + hazards + "]";
      INFO("concurrent indexes: " << concurrent << "; step: " << comment);
      bool not_transactional = (step.hazards & plan::kNotTransactional) != 0;
      outside += not_transactional;
      CHECK(SegmentHolding(sql, comment) ==
            (not_transactional ? "no-transaction" : "transaction"));
    }
    // The enum value always; the two new indexes only when created concurrently.
    CHECK(outside == (concurrent ? 3 : 1));
  }
}

TEST_CASE("emit: an index built concurrently first drops an invalid one of its name", "[emit]") {
  plan::Step step;
  step.kind = plan::StepKind::kCreateIndex;
  step.table = {"app", "notes"};
  step.name = "notes_body";
  step.index.name = "notes_body";
  step.index.keys.push_back({});
  step.index.keys[0].column = "body";
  // What a failed CREATE INDEX CONCURRENTLY leaves is dropped first, each statement on one line
  // (the runner runs a no-transaction segment line by line).
  CHECK(StepSql(step, true) ==
        "DO $schemac$ BEGIN IF EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = "
        "to_regclass('app.notes_body') AND NOT indisvalid) THEN DROP INDEX app.notes_body; END "
        "IF; END $schemac$;\n"
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS notes_body ON app.notes USING btree (body);\n");
  CHECK(StepSql(step, false) ==
        "CREATE INDEX IF NOT EXISTS notes_body ON app.notes USING btree (body);\n");
}

}  // namespace schemac::pg
