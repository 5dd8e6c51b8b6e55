#pragma once
// The policies of the platform tables whose policies are the project's (storage.objects,
// storage.buckets, realtime.messages: compiler/platform.h, kPolicyPlatformTables), read with the
// rest of an introspection (introspect.cc) although their schemas are the platform's.

#include <pqxx/pqxx>
#include <set>
#include <string>

#include "compiler/ir.h"

namespace schemac::pg {

/// The catalog query, $1 the array of the selected schemas' oids: one row per platform table
/// that exists outside them (schema, name, its policies as JSON).
std::string PlatformPoliciesSql();

/// Adds each table of PlatformPoliciesSql's rows to `schema.tables` as an extern table with only
/// its policies (no columns: the table is the platform's); the roles the policies name go into
/// `roles`.
void ReadPlatformPolicies(const pqxx::result& rows, ir::Schema& schema,
                          std::set<std::string>& roles);

}  // namespace schemac::pg
