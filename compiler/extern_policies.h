#pragma once
// Policies on extern tables (`extern table storage.objects { policy ... }`): the project's,
// compared and planned, on a table that is the platform's. A database read holds every known
// platform table (compiler/platform.h, kPolicyPlatformTables) with its policies; a schema holds
// the extern tables it declares. Only the declared ones are compared: what a schema does not
// declare is left alone, never dropped.

#include "compiler/ir.h"

namespace schemac {

/// Removes from `read` (a database or a dev database's read) each extern table that `declared`
/// (a compiled or canonical schema) does not declare as an extern table.
void ScopeExternTables(ir::Schema& read, const ir::Schema& declared);

/// `canonical` (a dev database's read of `compiled`) with each extern table of `compiled` as
/// declared but with the policies the dev database read on it (PostgreSQL's text, as every
/// other side of a diff has them), added when the read has no such table, and the read's
/// extern tables that `compiled` does not declare removed.
void PutBackExternTables(ir::Schema& canonical, const ir::Schema& compiled);

}  // namespace schemac
