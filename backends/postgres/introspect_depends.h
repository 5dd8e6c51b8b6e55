#pragma once
// The dependency graph of a database (ir::Schema::dependencies) from pg_depend: one catalog
// query, run by the introspection (introspect.cc) with the others on its snapshot.

#include <pqxx/pqxx>
#include <string>

#include "compiler/ir.h"

namespace schemac::pg {

/// The query: $1 is the array of the selected schemas' oids. Each row is one edge, dependent
/// then referenced, each as kind, schema, name, member (ir::ObjectRef's fields; kind by
/// ir::ToString(ObjectKind)).
std::string DependenciesSql();

/// Fills `schema.dependencies` from the query's rows, sorted and without duplicates.
void ReadDependencies(const pqxx::result& rows, ir::Schema& schema);

}  // namespace schemac::pg
