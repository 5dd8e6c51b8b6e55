#pragma once
// `schemac types`: the IR as the TypeScript `Database` types supabase-js expects, in the shape
// and layout `supabase gen types typescript` writes (so a generated file can replace Supabase's
// and its diff stays small). The output depends only on the IR, so a schema read from .schema
// files and the same schema read from a live database give the same bytes.

#include <map>
#include <string>
#include <vector>

#include "compiler/ir.h"

namespace schemac::typescript {

struct Options {
  /// The schemas written under `Database`, each with every section even when empty.
  std::vector<std::string> schemas = {"public"};
  /// When set, `__InternalSupabase: { PostgrestVersion: "V" }` lets createClient pick the
  /// PostgREST version by itself.
  std::string postgrest_version;
  /// The helper types (Tables<>, TablesInsert<>, TablesUpdate<>, Enums<>, CompositeTypes<>) and
  /// the `Constants` object.
  bool helpers = true;
  /// Base types of domains ("schema.name" -> base type), known only from a live database; a
  /// column of a domain not listed here is `unknown`.
  std::map<std::string, ir::ColumnType> domains;
  /// A schema with at least this many tables has them written in two halves at once (the same
  /// bytes; tests set it past their table count to compare).
  size_t split_tables = 200;
};

/// The schemas of `schema` that `Options::schemas` may name: public, the declared schemas and
/// every schema holding a table, a view, a function or an enum.
std::vector<std::string> AvailableSchemas(const ir::Schema& schema);

/// The whole .ts file. Schemas, tables, columns and enums are sorted by name the way Supabase's
/// generator sorts them (English collation: punctuation, then digits, then letters, lowercase
/// first); enum values keep their order; foreign keys to other schemas are left out.
std::string DatabaseTypes(const ir::Schema& schema, const Options& options);

/// Supabase's name order (ICU's English collation for ASCII names; other characters after the
/// letters, by code point). Exposed for tests.
bool CollationLess(const std::string& a, const std::string& b);

}  // namespace schemac::typescript
