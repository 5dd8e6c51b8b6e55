#pragma once
// The owners of the managed objects (ir::Schema::owners): one catalog query, run by the
// introspection (introspect.cc) with the others on its snapshot.

#include <pqxx/pqxx>
#include <string>

#include "compiler/ir.h"

namespace schemac::pg {

/// The query: $1 is the array of the selected schemas' oids. One row per schema (but public),
/// table, view, function and enum of those schemas (extension members left out): kind,
/// schema, name, member (ir::ObjectRef's fields) and the owner's name.
std::string OwnersSql();

/// Fills `schema.owners` from the query's rows, sorted by object.
void ReadOwners(const pqxx::result& rows, ir::Schema& schema);

}  // namespace schemac::pg
