// The SQL of the trigger steps (emit_triggers.cc) and of the dev-database build
// (create_sql_triggers.cc): statements, quoting, and the range of a WHEN condition that leads
// an error back to its line in the .schema file.

#include <catch2/catch.hpp>

#include <string>

#include "backends/postgres/create_sql.h"
#include "backends/postgres/create_sql_triggers.h"
#include "backends/postgres/emit.h"
#include "backends/postgres/introspect_triggers.h"

namespace schemac::pg {
namespace {

ir::Trigger Audit() {
  ir::Trigger t;
  t.name = "Audit";
  t.table = {"app", "orders"};
  t.timing = ir::TriggerTiming::kAfter;
  t.on_insert = true;
  t.on_update = true;
  t.update_columns = {"status", "Total"};
  t.level = ir::TriggerLevel::kRow;
  t.when = "new.status <> 'x'";
  t.function = {"audit", "log"};
  t.arguments = {"orders", "it's"};
  return t;
}

plan::Step StepOf(plan::StepKind kind, const ir::Trigger& t) {
  plan::Step step;
  step.kind = kind;
  step.table = t.table;
  step.name = t.name;
  step.trigger = t;
  return step;
}

}  // namespace

TEST_CASE("emit: trigger steps", "[emit][triggers]") {
  ir::Trigger t = Audit();
  CHECK(StepSql(StepOf(plan::StepKind::kCreateTrigger, t)) ==
        "CREATE OR REPLACE TRIGGER \"Audit\" AFTER INSERT OR UPDATE OF status, \"Total\" ON "
        "app.orders FOR EACH ROW WHEN (new.status <> 'x') EXECUTE FUNCTION audit.log('orders', "
        "'it''s');\n");
  t.enabled = ir::TriggerEnabled::kDisabled;
  CHECK(StepSql(StepOf(plan::StepKind::kCreateTrigger, t)).find(
            ";\nALTER TABLE app.orders DISABLE TRIGGER \"Audit\";\n") != std::string::npos);
  CHECK(StepSql(StepOf(plan::StepKind::kAlterTrigger, t)) ==
        "ALTER TABLE app.orders DISABLE TRIGGER \"Audit\";\n");
  t.enabled = ir::TriggerEnabled::kAlways;
  CHECK(StepSql(StepOf(plan::StepKind::kAlterTrigger, t)) ==
        "ALTER TABLE app.orders ENABLE ALWAYS TRIGGER \"Audit\";\n");
  CHECK(StepSql(StepOf(plan::StepKind::kCommentTrigger, t)) ==
        "COMMENT ON TRIGGER \"Audit\" ON app.orders IS NULL;\n");
  t.comment = "Logs\\changes";
  CHECK(StepSql(StepOf(plan::StepKind::kCommentTrigger, t)) ==
        "COMMENT ON TRIGGER \"Audit\" ON app.orders IS E'Logs\\\\changes';\n");
  CHECK(StepSql(StepOf(plan::StepKind::kDropTrigger, t)) ==
        "DROP TRIGGER IF EXISTS \"Audit\" ON app.orders;\n");
  ir::Trigger statement;
  statement.name = "s";
  statement.table = {"public", "t"};
  statement.timing = ir::TriggerTiming::kAfter;
  statement.on_delete = true;
  statement.on_truncate = true;
  statement.old_table = "gone";
  statement.function = {"public", "f"};
  CHECK(CreateTriggerSql(statement, false) ==
        "CREATE TRIGGER s AFTER DELETE OR TRUNCATE ON public.t REFERENCING OLD TABLE AS gone "
        "FOR EACH STATEMENT EXECUTE FUNCTION public.f()");
}

TEST_CASE("create sql: triggers come last, tagged with their origin and their WHEN's",
          "[emit][triggers]") {
  ir::Schema schema;
  ir::Trigger t = Audit();
  t.origin = {"app.schema", 7, 1};
  t.when_origin = {"app.schema", 8, 9};
  t.comment = "Audits.";
  schema.triggers = {t};
  std::vector<TaggedStatement> statements = CreateStatements(schema);
  REQUIRE_FALSE(statements.empty());
  const TaggedStatement& s = statements.back();
  CHECK(s.object == "trigger Audit on app.orders");
  CHECK(s.origin.line == 7);
  CHECK(s.sql.find("CREATE TRIGGER \"Audit\"") == 0);
  CHECK(s.sql.find("COMMENT ON TRIGGER \"Audit\" ON app.orders IS 'Audits.';\n") !=
        std::string::npos);
  bool when_found = false;
  for (const SqlPart& part : s.parts) {
    if (!part.verbatim) continue;
    when_found = true;
    CHECK(s.sql.substr(part.begin, part.end - part.begin) == "new.status <> 'x'");
    CHECK(part.origin.line == 8);
    CHECK(part.origin.col == 9);
  }
  CHECK(when_found);
  CHECK(CreateSql(schema).find("CREATE TRIGGER \"Audit\"") != std::string::npos);
}

TEST_CASE("introspection: a trigger's WHEN and arguments from the catalog's forms",
          "[introspect][triggers]") {
  CHECK(TriggerWhen("CREATE TRIGGER \"a WHEN (\" BEFORE UPDATE ON public.t FOR EACH ROW WHEN "
                    "((old.* IS DISTINCT FROM new.*)) EXECUTE FUNCTION f(')')") ==
        "old.* IS DISTINCT FROM new.*");
  CHECK(TriggerWhen("CREATE TRIGGER a BEFORE UPDATE ON public.t FOR EACH ROW WHEN ((new.a = "
                    "')(')) EXECUTE FUNCTION f()") == "new.a = ')('");
  CHECK(TriggerWhen("CREATE TRIGGER a AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION "
                    "f()") == "");
  CHECK(TriggerArguments("") == std::vector<std::string>{});
  CHECK(TriggerArguments("6f7264657273006974277300") ==
        std::vector<std::string>{"orders", "it's"});
  CHECK(TriggerArguments("00") == std::vector<std::string>{""});
}

}  // namespace schemac::pg
