#pragma once
// The diff of functions (ir::Function), called once from Diff (compiler/diff.cc): the steps that
// take the functions of one schema to those of another. Part of the diff engine; the plan stage
// (plan::Finalize) orders the steps afterwards.

#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac {

/// Appends to `plan` the steps for the functions of `from` and `to`, matched by Signature()
/// (overloads are distinct): a new one is created with its comment and EXECUTE grants; a gone
/// one dropped (never CASCADE); a changed one altered in place where PostgreSQL can (ALTER
/// FUNCTION for attributes only, CREATE OR REPLACE for a body, language, a default or a new
/// argument name), else dropped and created again with its comment and every grant. Grants
/// and comments of a kept one are changed per role.
void DiffFunctions(const ir::Schema& from, const ir::Schema& to, plan::Plan& plan);

/// Whether the function's signature (arguments or result) names a type that is neither
/// built-in nor an enum nor an extension's (ir::TypeKind::kOther): a table's or view's row type
/// (or a domain, which the IR does not tell apart).
bool NamesRowType(const ir::Function& function);

/// Whether the body is SQL-standard (`BEGIN ATOMIC ... END` or `RETURN expr` in a `sql`
/// function): PostgreSQL parses it at creation whatever check_function_bodies says, and records
/// the tables and columns it names as dependencies.
bool HasStandardBody(const ir::Function& function);

/// Whether the function needs the schema's tables and views to exist when it is created
/// (NamesRowType or HasStandardBody), and must go before they are dropped: such a function is
/// created after tables and views and dropped before them (PhaseOf, compiler/step_kinds.cc).
bool NeedsRelations(const ir::Function& function);

}  // namespace schemac
