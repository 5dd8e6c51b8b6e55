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

/// `"schema"."name"(integer, text)`: the function as GRANT, COMMENT and regprocedure name it.
std::string FunctionSignatureSql(const ir::Function& function);

/// `CREATE [OR REPLACE] FUNCTION ... AS $tag$body$tag$` (no `;`), every attribute said; the body
/// in a dollar quote whose tag it does not contain (a SQL-standard body as it is). With `parts`,
/// the ranges of the argument defaults and of the body are added to it.
std::string CreateFunctionSql(const ir::Function& function, bool or_replace,
                              SqlParts* parts = nullptr);

/// The SQL of a `set NAME = VALUE` clause, from the value as proconfig prints it: a list
/// setting's items each quoted (`search_path = ""` -> `SET search_path TO ''`), any other value
/// quoted whole.
std::string SettingSql(const std::string& name, const std::string& value);

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
