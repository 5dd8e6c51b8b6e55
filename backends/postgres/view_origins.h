#pragma once
// Where a view's columns come from: the target list of the query PostgreSQL stores for a view
// (pg_rewrite.ev_action, a pg_node_tree) names, for each output column that is a plain column
// reference, the relation and column it selects (resorigtbl, resorigcol). PostgREST and
// Supabase's type generator derive the foreign keys they see through views from it.

#include <cstdint>
#include <string_view>
#include <vector>

namespace schemac::pg {

/// One output column of a view's query that selects a column as it is.
struct ViewColumnOrigin {
  int resno = 0;          ///< The view's column number (pg_attribute.attnum), from 1.
  uint32_t relation = 0;  ///< resorigtbl: the table's or view's oid.
  int column = 0;         ///< resorigcol: the column's attnum in it.
};

/// The origins of the top-level query's target list in `node_tree` (the text of
/// pg_rewrite.ev_action: `({QUERY ... :targetList ({TARGETENTRY ...} ...) ...})`), in target
/// list order; entries without an origin (expressions, resorigtbl 0) and resjunk entries are
/// left out. Tokens are read as PostgreSQL's own reader (pg_strtok) reads them: delimited by
/// blanks and `(){}`, a backslash escaping the next character. Text it cannot follow gives
/// what was read up to there (never throws).
std::vector<ViewColumnOrigin> ViewColumnOrigins(std::string_view node_tree);

}  // namespace schemac::pg
