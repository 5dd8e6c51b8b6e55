#pragma once
// The dependency graph of a database (ir::Schema::dependencies) from pg_depend: one catalog
// query, run by the introspection (introspect.cc) with the others on its snapshot.

#include <pqxx/pqxx>
#include <string>

#include "compiler/ir.h"

/// The member of a function `p` (a pg_proc row) as an ir::ObjectRef has it: its input argument
/// types as ir::Function::Signature() spells them (ColumnType::ToSql), "(integer, text)":
/// builtins as format_type prints them, other types qualified and quoted. A string literal's
/// text, for the queries that name functions.
#define FUNCTION_MEMBER_SQL \
  "'(' || coalesce((select string_agg(" \
  "    case when bt.typnamespace = 'pg_catalog'::regnamespace then format_type(u.t, null)" \
  "         else quote_ident(bn.nspname) || '.' || quote_ident(bt.typname) ||" \
  "              case when bt.oid <> u.t then '[]' else '' end end," \
  "    ', ' order by u.ord)" \
  "  from unnest(p.proargtypes) with ordinality u(t, ord)" \
  "  join pg_type at on at.oid = u.t" \
  "  join pg_type bt on bt.oid = case when at.typcategory = 'A' and at.typelem <> 0" \
  "                                   then at.typelem else at.oid end" \
  "  join pg_namespace bn on bn.oid = bt.typnamespace), '') || ')'"

namespace schemac::pg {

/// The query: $1 is the array of the selected schemas' oids. Each row is one edge, dependent
/// then referenced, each as kind, schema, name, member (ir::ObjectRef's fields; kind by
/// ir::ToString(ObjectKind)).
std::string DependenciesSql();

/// Fills `schema.dependencies` from the query's rows, sorted and without duplicates.
void ReadDependencies(const pqxx::result& rows, ir::Schema& schema);

}  // namespace schemac::pg
