#pragma once
// SQL of views and materialized views, shared by the dev-database build (CreateStatements,
// create_sql.h) and the migration writer (emit_views.cc).

#include <string>
#include <utility>
#include <vector>

#include "backends/postgres/create_sql.h"
#include "compiler/ir.h"

namespace schemac::pg {

/// `CREATE [OR REPLACE] [MATERIALIZED] VIEW name [WITH (...)] AS query [WITH NO DATA]
/// [WITH ... CHECK OPTION]` (no `;`). A materialized view is never OR REPLACE; `if_not_exists`
/// applies to it only. With `parts`, the range of the query (verbatim from the source) is added.
std::string ViewSql(const ir::View& view, bool or_replace, bool if_not_exists, bool with_data,
                    SqlParts* parts = nullptr);

/// `VIEW` or `MATERIALIZED VIEW`, as in COMMENT ON and DROP.
const char* ViewKeyword(const ir::View& view);

/// The view's boolean options (name, whether set), in the one order CREATE VIEW and ALTER VIEW
/// SET write them: PostgreSQL keeps reloptions in the order given, and pg_dump prints them so.
std::vector<std::pair<const char*, bool>> ViewFlags(const ir::View& view);

/// The statements that build the schema's views (in dependency order), then what belongs to
/// them: the revoke of default privileges, indexes of materialized views, grants, comments.
/// Tagged like CreateStatements' (each with its object and origin; the query's text mapped to
/// the view's source, so that an error in it is shown at its .schema line).
std::vector<TaggedStatement> CreateViewStatements(const ir::Schema& schema);

}  // namespace schemac::pg
