#pragma once
// The SQL of the function steps of a migration (kCreateFunction ... kDropFunction, compiler/
// plan.h), called from emit.cc's StepSql. Each statement is safe to run again, as every step's.

#include <string>

#include "backends/postgres/create_sql.h"
#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac::pg {

/// The guarded statements of a function step, each ending with ";\n"; empty for another kind.
std::string FunctionStepSql(const plan::Step& step);

/// `CREATE OR REPLACE FUNCTION schema.name(args) RETURNS ... LANGUAGE ... <attributes> AS
/// $tag$body$tag$` (no `;`): the whole definition, every attribute spelled out, the body
/// dollar-quoted with a tag that does not occur in it (a SQL-standard `BEGIN ATOMIC` or
/// `RETURN` body as it is). The one writer of a function's definition, for migrations and for
/// the dev-database build; with `parts`, the ranges of the argument defaults and of the body
/// are added to it (where the build places an error, create_sql.h).
std::string CreateFunctionSql(const ir::Function& function, SqlParts* parts = nullptr);
/// `schema.name(type, ...)`: the function as DROP, ALTER, GRANT and COMMENT name it (its input
/// argument types), quoted where needed.
std::string FunctionIdentitySql(const ir::Function& function);

/// A setting's value as SQL after `SET name TO`, from its proconfig text: a list setting
/// (search_path, temp_tablespaces) as one literal per element (`""` is the empty name: `''`),
/// any other as one literal.
std::string SettingValueSql(const std::string& name, const std::string& value);
/// `SET name TO value` of a function's setting (SettingValueSql), as CREATE FUNCTION, ALTER
/// FUNCTION and SET LOCAL take it.
std::string SettingSql(const std::string& name, const std::string& value);

}  // namespace schemac::pg
