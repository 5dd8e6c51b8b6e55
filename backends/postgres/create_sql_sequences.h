#pragma once
// SQL of `sequence` objects, shared by the dev-database build (CreateStatements, create_sql.h)
// and the migration writer (emit_sequences.cc).

#include <string>
#include <vector>

#include "backends/postgres/create_sql.h"
#include "compiler/ir.h"

namespace schemac::pg {

/// `CREATE SEQUENCE IF NOT EXISTS name AS type START WITH ... [NO] CYCLE` with every option
/// written (no `;`, no OWNED BY: the owning table may come later).
std::string CreateSequenceSql(const ir::Sequence& sequence);

/// `ALTER SEQUENCE name OWNED BY table.column` (or `OWNED BY NONE`), no `;`.
std::string SequenceOwnedBySql(const ir::Sequence& sequence);

/// A DO block revoking every privilege on the sequence held by a role other than its owner
/// (what default privileges gave), PUBLIC included; its GRANTs follow.
std::string RevokeSequencePrivilegesSql(const ir::QualifiedName& sequence);

/// `GRANT select, usage ON SEQUENCE name TO role;`
std::string GrantOnSequenceSql(const ir::QualifiedName& sequence, const ir::Grant& grant);

/// `COMMENT ON SEQUENCE name IS ...;` (NULL for an empty comment).
std::string CommentOnSequenceSql(const ir::QualifiedName& sequence, const std::string& comment);

/// The statements that create the schema's sequences, before the tables (whose defaults may
/// call nextval on them): each with its revoke of default privileges, grants and comment.
std::vector<TaggedStatement> CreateSequenceStatements(const ir::Schema& schema);

/// OWNED BY of the sequences owned by a column, once the tables are there.
std::vector<TaggedStatement> SequenceOwnershipStatements(const ir::Schema& schema);

}  // namespace schemac::pg
