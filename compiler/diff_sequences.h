#pragma once
// Sequences in plans: the steps that take the `sequence` objects of one schema to another's
// (create, alter, rename, owner, grants, comment, drop). Called by Diff (compiler/diff.h).

#include <vector>

#include "compiler/diff.h"
#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac {

/// Appends to `steps` what takes the sequences of `from` to those of `to` (both canonical). A
/// rename in `renames` (from `renamed from` hints) renames when the old name is live in `from`
/// and the new one is not. Grants are exact: what `to` does not declare is revoked.
void DiffSequences(const ir::Schema& from, const ir::Schema& to, const Renames& renames,
                   std::vector<plan::Step>& steps);

}  // namespace schemac
