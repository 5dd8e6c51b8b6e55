#pragma once
// Domains and composite types as the catalog has them, read with the rest of an introspection
// (introspect.cc runs the query in its snapshot): ir::Schema::domains and composite_types.

#include <pqxx/pqxx>
#include <string>

#include "compiler/ir.h"

namespace schemac::pg {

/// The catalog query, $1 the array of the selected schemas' oids: one row per domain ('d') or
/// standalone composite type ('c'), sorted by schema and name; extension members left out.
std::string TypesSql();

/// Adds the rows of TypesSql to `schema.domains` and `schema.composite_types`.
void ReadTypes(const pqxx::result& rows, ir::Schema& schema);

}  // namespace schemac::pg
