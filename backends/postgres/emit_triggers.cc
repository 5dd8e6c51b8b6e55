// The migration SQL of the trigger steps (emit_triggers.h).
//
// A trigger is created with CREATE OR REPLACE TRIGGER (PostgreSQL 14 and later; schemac
// supports 15 and later): the same statement creates it, replaces a changed definition in
// place (no window without the trigger, as drop and create would leave), and does nothing new
// when run again. Replacing sets the trigger enabled again, so its state follows it.

#include "backends/postgres/emit_triggers.h"

#include "backends/postgres/create_sql_triggers.h"
#include "compiler/identifiers.h"

namespace schemac::pg {

std::string TriggerStepSql(const plan::Step& step) {
  const ir::Trigger& t = step.trigger;
  switch (step.kind) {
    case plan::StepKind::kCreateTrigger: {
      std::string out = CreateTriggerSql(t, /*or_replace=*/true) + ";\n";
      if (t.enabled != ir::TriggerEnabled::kOrigin) out += EnableTriggerSql(t) + ";\n";
      return out;
    }
    case plan::StepKind::kAlterTrigger:
      return EnableTriggerSql(t) + ";\n";
    case plan::StepKind::kCommentTrigger:
      return CommentTriggerSql(t) + ";\n";
    case plan::StepKind::kDropTrigger:
      return "DROP TRIGGER IF EXISTS " + QuoteSqlIdent(t.name) + " ON " + Qualified(t.table) +
             ";\n";
    default:
      return "";
  }
}

}  // namespace schemac::pg
