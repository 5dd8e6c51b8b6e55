#pragma once
// Reading functions (pg_proc, prokind 'f') into ir::Function: the catalog query and the reader
// of its rows, used by Introspect (introspect.cc) as one more query of its snapshot.

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "compiler/ir.h"

namespace schemac::pg {

/// The query of the functions in the schemas whose oids are the array $1, leaving out those an
/// extension made: one row per function, its arguments, grants and settings as JSON.
std::string FunctionsSql();

/// Appends the functions of `rows` (FunctionsSql's) to `functions`, then sorts them by
/// Signature().
void ReadFunctions(const pqxx::result& rows, std::vector<ir::Function>* functions);

}  // namespace schemac::pg
