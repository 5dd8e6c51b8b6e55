#pragma once
// Foreign keys and the keys they reference within one plan: a foreign key kept while the key it
// depends on is dropped (replaced by a primary key, or made again with other columns or
// deferrability) is dropped before it and added again after; and every foreign key is added
// after the key it references and dropped before it. Called by Diff (compiler/diff.cc) and
// Finalize (compiler/plan.cc).

#include <vector>

#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac {

/// Appends a drop and an add (NOT VALID, then validated) for each foreign key of `to` that
/// `steps` keep while dropping a primary key, unique constraint or unique index of the same
/// columns on the table it references (PostgreSQL refuses to drop a key a foreign key depends on).
void RebuildForeignKeysOnDroppedKeys(const ir::Schema& from, const ir::Schema& to,
                                     std::vector<plan::Step>& steps);

/// Moves each foreign key added before a primary key, unique constraint or unique index it
/// references (same table, same set of columns) to right after it (its validation too), and
/// each foreign key dropped after such a key is dropped to right before it. Nothing else moves.
void OrderForeignKeysAroundKeys(std::vector<plan::Step>& steps);

}  // namespace schemac
