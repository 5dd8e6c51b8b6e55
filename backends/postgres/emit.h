#pragma once
// Plan -> SQL migration file. Every statement is guarded so that running the file twice, or
// again after it failed halfway, ends in the target state without error. The file is split in
// segments; a line `-- schemac:segment transaction` or `-- schemac:segment no-transaction` opens
// each (the runner runs the first kind in one transaction, the second statement by statement).
// Enum values are added (and renamed) in a no-transaction segment before the main one: a value
// cannot be used in the transaction that adds it. With concurrent indexes, CREATE INDEX
// CONCURRENTLY runs in a no-transaction segment after it.

#include <string>
#include <vector>

#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac::pg {

struct EmitOptions {
  std::string title = "up";           ///< Named in the header comment.
  std::string lock_timeout = "5s";    ///< SET lock_timeout at the top; empty: not set.
  std::string statement_timeout = "15min";
  /// CREATE INDEX CONCURRENTLY, in a segment after the transaction. The plan must have been
  /// made with the same (DiffOptions::concurrent_indexes): its steps' hazards say where they run.
  bool concurrent_indexes = false;
  /// Why this file cannot restore what was there (data of a dropped column, ...): when not
  /// empty, the main segment starts with a block that raises an exception saying so.
  std::vector<std::string> irreversible;
};

/// The migration file for `plan`; `target` is the schema it leads to (for the search_path of
/// unqualified names). An empty plan gives a file that does nothing.
std::string EmitSql(const plan::Plan& plan, const ir::Schema& target, const EmitOptions& options);

/// The guarded statements of one step, each ending with ";\n".
std::string StepSql(const plan::Step& step, bool concurrent_indexes = false);

}  // namespace schemac::pg
