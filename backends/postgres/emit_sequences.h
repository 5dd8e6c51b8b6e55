#pragma once
// Migration SQL of what sequences change: `sequence` objects, identity columns made, changed
// (ALWAYS <-> BY DEFAULT, their sequence's options) and the sequence that follows a serial column
// (made with its default, dropped with it, its type changed with the column's). Each statement
// is safe to run again.

#include <string>

#include "compiler/plan.h"

namespace schemac::pg {

/// The steps of `sequence` objects (kCreateSequence ... kDropSequence).
std::string SequenceStepSql(const plan::Step& step);

/// kAddIdentity and kSetIdentity.
std::string IdentityStepSql(const plan::Step& step);

/// What a serial column's sequence needs around a column step (kSetDefault: made before the
/// default that calls it; kDropDefault: dropped after it; kAlterColumnType: its type follows the
/// column's): `before` and `after` the step's own statement; both empty when nothing is needed.
/// kRenameTable and kRenameColumn: the sequences of the serial columns renamed with them
/// (`<table>_<column>_seq` to the new names), as a serial column made under the new names has
/// them; empty when there are none.
std::string SerialSequenceRenameSql(const plan::Step& step);

struct SerialSequenceSql {
  std::string before;
  std::string after;
};
SerialSequenceSql SerialSequenceStepSql(const plan::Step& step);

}  // namespace schemac::pg
