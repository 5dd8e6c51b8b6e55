#pragma once
// Why a schema could not be built on the dev database, at its place in the .schema files. The
// whole SQL runs in one go (the fast path); only when that fails is it run again statement by
// statement (CreateStatements, each in a savepoint), so that each failure is pinned to its
// statement and the build goes on past it. A failure is reported on the object that wrote the
// statement, at the place the database pointed at inside its expression as written; a statement
// that needs what failed is not run and is counted on the failure (compiler/build_failure.h).

#include <optional>
#include <pqxx/connection>
#include <string>
#include <vector>

#include "backends/postgres/create_sql.h"
#include "compiler/build_failure.h"
#include "compiler/ir.h"

namespace schemac::pg {

/// Runs `prefix` (roles, extern stand-ins) and then CreateSql(`schema`) on `connection` in one
/// transaction, committed; `sql` is the two joined. When it fails with an SQL error and the
/// statements of `schema` are to blame, throws BuildFailed with each independent failure (at
/// most kMaxBuildFailures, the rest counted), the transaction rolled back; else rethrows the
/// error (a failing `prefix` among them).
void RunCreate(pqxx::connection& connection, const std::string& sql, const std::string& prefix,
               const ir::Schema& schema);

/// The byte offset in `statement` of the position a server error points at, read from the
/// "LINE n: ..." display and caret libpq puts in its `message` (DISPLAY_SIZE-wide windows, cut
/// with "..." included); none when the message has none, or it points into another query
/// (QUERY:, a function's body).
/// With `internal_query`, the position in the internal query instead (`statement` being its
/// text, a function's body): none when the message shows no QUERY:.
std::optional<size_t> ErrorPosition(const std::string& message, const std::string& statement,
                                    bool internal_query = false);

/// Places `failure` in the body of the function `statement` checks (TaggedStatement::body): at
/// the position the server shows in it, else at the PL/pgSQL line its CONTEXT names. False
/// when the statement has no body with a source, or the message points nowhere in it
/// (build_errors_functions.cc).
bool PlaceInBody(const TaggedStatement& statement, const std::string& message,
                 BuildFailure* failure);

/// The failure of `statement` with libpq's error `message`: the object of the innermost part
/// around the position (else the statement's), the server's first line, and where in the source
/// it points (inside a verbatim expression: the very byte; else the object's declaration). The
/// DETAIL and HINT lines become notes.
BuildFailure DescribeFailure(const TaggedStatement& statement, const std::string& message);

}  // namespace schemac::pg
