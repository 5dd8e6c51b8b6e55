#pragma once
// The SQL of triggers, shared by the dev-database build (CreateStatements, create_sql.cc) and
// the migration writer (emit_triggers.cc): CREATE [OR REPLACE] TRIGGER, ENABLE / DISABLE and
// COMMENT ON TRIGGER.

#include <string>
#include <vector>

#include "backends/postgres/create_sql.h"
#include "compiler/ir.h"

namespace schemac::pg {

/// `CREATE [OR REPLACE] TRIGGER name BEFORE|AFTER|INSTEAD OF events ON table [REFERENCING ...]
/// FOR EACH ROW|STATEMENT [WHEN (...)] EXECUTE FUNCTION f('arg', ...)` (no `;`). With `parts`,
/// the range of its WHEN condition, at `when_origin`.
std::string CreateTriggerSql(const ir::Trigger& trigger, bool or_replace,
                             SqlParts* parts = nullptr);

/// `ALTER TABLE table ENABLE|DISABLE|ENABLE REPLICA|ENABLE ALWAYS TRIGGER name` (no `;`).
std::string EnableTriggerSql(const ir::Trigger& trigger);

/// `COMMENT ON TRIGGER name ON table IS '...'` (NULL for an empty comment; no `;`).
std::string CommentTriggerSql(const ir::Trigger& trigger);

/// The statements that create the schema's triggers (after its tables, views, functions and
/// policies), one per trigger with its state and comment, tagged with the trigger's origin;
/// each needs its table and its function.
std::vector<TaggedStatement> CreateTriggerStatements(const ir::Schema& schema);

}  // namespace schemac::pg
