#pragma once
// SQL of domains and composite types, shared by the dev-database build (CreateStatements,
// create_sql.h) and the migration writer (emit_types.cc).

#include <string>
#include <vector>

#include "backends/postgres/create_sql.h"
#include "compiler/ir.h"

namespace schemac::pg {

/// `CREATE DOMAIN name AS type [COLLATE c] [DEFAULT (e)] [NOT NULL] [CONSTRAINT n CHECK (e)]...`
/// (no `;`). With `parts`, the ranges of the default and checks (verbatim from the source).
std::string DomainSql(const ir::Domain& domain, SqlParts* parts = nullptr);

/// `CONSTRAINT n CHECK (e)` of a domain.
std::string DomainCheckSql(const ir::DomainCheck& check, SqlParts* parts = nullptr);

/// `CREATE TYPE name AS (a type [COLLATE c], ...)` (no `;`).
std::string CompositeTypeSql(const ir::CompositeType& type);

/// A domain's or composite type's attribute type with its collation: `text COLLATE "C"`.
std::string AttributeTypeSql(const ir::CompositeAttribute& attribute);

/// The statements that create the schema's domains and composite types, each followed by its
/// comment, in dependency order (one that names another declared one comes after it; a cycle
/// keeps declaration order and fails on the server, which says why). Tagged like
/// CreateStatements'.
std::vector<TaggedStatement> CreateTypeStatements(const ir::Schema& schema);

}  // namespace schemac::pg
