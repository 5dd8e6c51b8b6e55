#pragma once
// The functions of a schema in the dev-database build (CreateStatements, create_sql.h): CREATE
// FUNCTION with its comment and exact EXECUTE grants, in the phase of the build order its
// signature allows, and a last pass that has each function's language check its body.

#include <string>
#include <vector>

#include "backends/postgres/create_sql.h"
#include "compiler/ir.h"

namespace schemac::pg {

/// Where a function is created in the build: before the tables when its signature names no
/// table or view of the schema (bodies are not checked then: they may name tables created
/// later); after the tables when it names a table's row type; after the views when it names a
/// view's, or when its body is SQL-standard (`BEGIN ATOMIC ... END`, `RETURN ...`), which
/// PostgreSQL resolves when the function is created. kValidate is the check of every body,
/// last.
enum class FunctionPhase { kBeforeTables, kAfterTables, kAfterViews, kValidate };

/// The phase `function` of `schema` is created in (never kValidate).
FunctionPhase PhaseOf(const ir::Schema& schema, const ir::Function& function);

/// A DO block revoking every privilege on `functions` held by a role other than the function's
/// owner, PUBLIC's built-in EXECUTE included (as RevokeNonOwnerPrivilegesSql does for tables):
/// followed by the declared GRANTs, a function's grants are exactly the declared ones.
std::string RevokeFunctionPrivilegesSql(const std::vector<const ir::Function*>& functions);

/// `GRANT EXECUTE ON FUNCTION sig TO role;` for each grant of `function`.
std::string GrantFunctionSql(const ir::Function& function);

/// The tagged statements of the functions of `schema` (not extern) in `phase`: for a creating
/// phase, each one's CREATE FUNCTION and COMMENT, the revoke of default privileges, then each
/// one's GRANTs; for kValidate, `check_function_bodies` on and a call of each function's
/// language validator, whose errors are placed in the body (TaggedStatement::body). Empty when
/// there is nothing to do.
std::vector<TaggedStatement> FunctionStatements(const ir::Schema& schema, FunctionPhase phase);

}  // namespace schemac::pg
