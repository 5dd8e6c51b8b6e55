#pragma once
// Reading a live PostgreSQL (15 to 18) into the same ir::Schema the DSL compiles to. One
// read-only snapshot and a fixed number of catalog queries, one per kind of object, whatever the
// number of tables.

#include <map>
#include <pqxx/connection>
#include <string>
#include <vector>

#include "compiler/ir.h"

namespace schemac::pg {

struct IntrospectOptions {
  /// Only these schemas (empty: every schema but PostgreSQL's and Supabase's platform schemas,
  /// IsSupabasePlatformSchema).
  std::vector<std::string> schemas;
  /// Schemas to leave out besides the platform ones.
  std::vector<std::string> exclude_schemas;
  /// The URL the connection was opened with. When given, introspections of large schemas open a
  /// second connection that reads the same snapshot and runs half of the queries in parallel.
  std::string url;
};

/// Introspects the database, under kCanonicalSearchPath (create_sql.h). `queries`, when given, receives the number of queries issued.
/// Throws UserError on a failed query (one line, no password).
ir::Schema Introspect(pqxx::connection_base& connection, const IntrospectOptions& options,
                      int* queries = nullptr);

/// The base type of every domain outside PostgreSQL's own schemas, by "schema.name" (the IR
/// has no domains; `schemac types` writes a domain's column as its base type). Read under
/// kCanonicalSearchPath (create_sql.h).
std::map<std::string, ir::ColumnType> IntrospectDomains(pqxx::connection_base& connection);

/// `(a + b)` -> `a + b`: removes parentheses that only group the whole expression, and keeps
/// a scalar subquery's or a row's (StripGroupingParens, compiler/expression_text.h).
std::string StripOuterParens(std::string expression);

/// A type as format_type() prints it, split into the IR's base name and typmod numbers:
/// `timestamp(3) with time zone` -> {"timestamp with time zone", {3}}, `numeric(10,2)` ->
/// {"numeric", {10, 2}}, `character(2)` -> {"character", {2}}.
void SplitFormattedType(const std::string& formatted, std::string* name,
                        std::vector<int64_t>* modifiers);

}  // namespace schemac::pg
