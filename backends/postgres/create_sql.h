#pragma once
// SQL that creates a schema from nothing: every object of the IR that is not extern, in an
// order where each statement finds what it depends on (schemas, extensions, enums, tables,
// then foreign keys, NOT VALID checks, indexes, comments, row level security, policies, grants,
// publication membership). Used to build a database from .schema files (pull's round trip, and
// the dev database); the migration diff writes its own, guarded statements.

#include <string>

#include "compiler/ir.h"

namespace schemac::pg {

/// The statements, one per line group, for one transaction.
std::string CreateSql(const ir::Schema& schema);

}  // namespace schemac::pg
