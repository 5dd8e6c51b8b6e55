#pragma once
// SQL of exclusion constraints, and of what constraints and indexes carry besides their
// definition: comments (COMMENT ON CONSTRAINT / COMMENT ON INDEX) and a foreign key's
// deferrability changed in place (ALTER CONSTRAINT). Shared by the dev database's build (create_sql.cc) and migrations (emit.cc).

#include <string>

#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac::pg {

/// `CONSTRAINT name EXCLUDE USING method (element WITH op, ...) [INCLUDE (...)] [WHERE (...)]
/// [DEFERRABLE [INITIALLY DEFERRED]]`: the item of CREATE TABLE or ALTER TABLE ... ADD.
std::string ExclusionSql(const ir::ExclusionConstraint& exclusion);

/// `COMMENT ON CONSTRAINT name ON table IS ...;\n` (NULL for an empty comment).
std::string CommentOnConstraintSql(const ir::QualifiedName& table, const std::string& name,
                                   const std::string& comment);

/// `COMMENT ON INDEX schema.name IS ...;\n` (NULL for an empty comment).
std::string CommentOnIndexSql(const ir::QualifiedName& table, const std::string& index,
                              const std::string& comment);

/// The COMMENT ON statements of every commented constraint and index of `table`.
std::string ConstraintCommentsSql(const ir::Table& table);

/// The statements of kAlterConstraint, kCommentConstraint and kCommentIndex; empty for other
/// kinds. Each is safe to run again.
std::string ConstraintStepSql(const plan::Step& step);

}  // namespace schemac::pg
