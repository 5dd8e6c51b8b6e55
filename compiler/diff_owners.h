#pragma once
// Owners in plans: the kSetOwner steps that give each object the owner the target declares.
// Called by Diff (compiler/diff.h) once every other step is planned, as an object created (or
// made again) by the plan is owned by the role that runs it.

#include "compiler/diff.h"
#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac {

/// Adds to `plan` a kSetOwner step for each owner of `to` whose object the plan creates (or
/// drops and creates again), or whose owner in `from` is another role. An object `from` has
/// without an owner (a schema compiled from files that declare none) keeps its owner when
/// `to`'s owner is only read from a database (a reverse plan); a declared one is set.
void DiffOwners(const ir::Schema& from, const ir::Schema& to, const Renames& renames,
                plan::Plan& plan);

}  // namespace schemac
