#pragma once
// Reading views and materialized views (introspect.cc's Reader calls it last, in its snapshot).

#include <map>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "compiler/ir.h"

namespace schemac::pg {

/// The columns and indexes the table queries read for relations that are not tables (views
/// and materialized views), by relation oid.
struct RelationParts {
  std::map<uint32_t, std::vector<ir::Column>> columns;
  std::map<uint32_t, std::vector<ir::Index>> indexes;
};

/// Reads the views of the schemas `schema_oids` (`{oid,...}`), not those of extensions, into
/// `schema.views`, sorted by name: pg_get_viewdef's text as the query, options, columns (from
/// `parts`), comments, exact grants, indexes of materialized views, and whether each accepts
/// INSERT and UPDATE.
void ReadViews(pqxx::transaction_base& tx, const std::string& schema_oids,
               RelationParts& parts, ir::Schema& schema);

}  // namespace schemac::pg
