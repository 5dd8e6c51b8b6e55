#pragma once
// The diff of triggers (Schema::triggers), for the Planner of diff.cc: created, replaced in
// place (CREATE OR REPLACE TRIGGER), enabled or disabled, commented, dropped.

#include "compiler/diff.h"
#include "compiler/plan.h"

namespace schemac {

/// Appends to `plan` the steps that take the triggers of `from` to those of `to`. A trigger of
/// a table `renames` renames is matched on the table's new name.
void DiffTriggers(const ir::Schema& from, const ir::Schema& to, const Renames& renames,
                  plan::Plan& plan);

/// Whether two triggers do the same (everything but their state and comment), so that one need
/// not be replaced by the other.
bool SameTriggerDefinition(const ir::Trigger& a, const ir::Trigger& b);

}  // namespace schemac
