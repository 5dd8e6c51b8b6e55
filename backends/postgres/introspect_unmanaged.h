#pragma once
// The objects of a database that schemac does not model, read with the rest of an
// introspection (introspect.cc runs the query in its snapshot): ir::Schema::unmanaged.

#include <pqxx/pqxx>
#include <string>

#include "compiler/ir.h"

namespace schemac::pg {

/// The catalog query, $1 the array of the selected schemas' oids: one row per object not
/// modeled (kind, qualified name, the schema of the function behind a cast or event trigger,
/// whether the database is a Supabase project). Extension members are left out.
std::string UnmanagedSql();

/// Adds the rows of UnmanagedSql to `schema.unmanaged`, sorted, leaving out the event triggers
/// and casts of the Supabase platform (their function in a platform schema).
void ReadUnmanaged(const pqxx::result& rows, ir::Schema& schema);

}  // namespace schemac::pg
