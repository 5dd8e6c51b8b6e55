#pragma once
// SQL that creates a schema from nothing: every object of the IR that is not extern, in an
// order where each statement finds what it depends on (schemas, extensions, enums, tables,
// then foreign keys, NOT VALID checks, indexes, comments, row level security, policies, grants,
// publication membership). Used to build a database from .schema files (the dev database, pull's
// round trip). The pieces below are shared with the migration writer (emit.h), which adds its
// own guards around them.

#include <string>
#include <vector>

#include "compiler/ir.h"

namespace schemac::pg {

/// A byte range of a statement's text that one object of the schema wrote, so that a position
/// a database reports in the statement leads back to the .schema source.
struct SqlPart {
  size_t begin = 0;
  size_t end = 0;
  /// What wrote it ("column public.t.c", "default of column public.t.c"); empty: the object
  /// of the part (or statement) around it.
  std::string object;
  /// Where that object is declared; for a `verbatim` part, where its text starts.
  ir::Origin origin;
  /// The range is an expression as the source has it, byte for byte (a check, a default, a
  /// policy's using), so a position in it is a position in the source.
  bool verbatim = false;
};
using SqlParts = std::vector<SqlPart>;

/// One statement of CreateSql (or a few that serve one object: an object and its comment),
/// with what it comes from.
struct TaggedStatement {
  std::string sql;
  std::string object;  ///< "table public.t", "policy "p" on public.t", ...
  ir::Origin origin;   ///< Where `object` is declared (empty: nowhere, e.g. the search_path).
  SqlParts parts;      ///< Ranges of `sql`, an enclosing one before those inside it.
  /// What it creates and what it needs that others create, as `schema.name`: when one fails,
  /// those that need it cannot be built either.
  std::string provides;
  std::vector<std::string> needs;
  /// Text the server runs apart from `sql` (a function's body, checked by its language's
  /// validator), declared at `body_origin`: an error the server places in it (a position in
  /// its QUERY:, a PL/pgSQL line in its CONTEXT:) is placed there in the source.
  std::string body;
  ir::Origin body_origin;
};

/// The statements, one per line group, for one transaction.
std::string CreateSql(const ir::Schema& schema);
/// The same statements, tagged: their texts joined are CreateSql's.
std::vector<TaggedStatement> CreateStatements(const ir::Schema& schema);

/// The roles the schema references, created NOLOGIN where missing (roles are the cluster's: for
/// a dev database, where grants and policies must find them). Safe to run concurrently.
std::string CreateRolesSql(const ir::Schema& schema);

/// Stand-ins for the schema's extern tables (their schema, columns and keys, where missing), so
/// that foreign keys to them can be built on a dev database. Not for a real database: extern
/// tables belong to someone else.
std::string CreateExternStubsSql(const ir::Schema& schema);

/// A DO block revoking every privilege on `tables` held by a role other than the table's owner,
/// PUBLIC included: what default privileges (`ALTER DEFAULT PRIVILEGES`) gave when the tables
/// were created. The GRANTs the schema declares follow it, so that a new table's grants are
/// exactly the declared ones whatever the database's defaults. Needs only ownership, and is
/// safe to run again (nothing to revoke, or a revoke the following GRANTs undo).
std::string RevokeNonOwnerPrivilegesSql(const std::vector<ir::QualifiedName>& tables);

/// The same for a schema: revokes what any role but its owner holds on it (what ALTER DEFAULT
/// PRIVILEGES ... ON SCHEMAS gave), so that its grants are exactly the declared ones.
std::string RevokeNonOwnerSchemaPrivilegesSql(const std::string& schema);

/// `GRANT USAGE, CREATE ON SCHEMA s TO r;`
std::string GrantOnSchemaSql(const ir::SchemaGrant& grant);

/// `DO <tag> body <tag>;` with a dollar-quote tag that does not occur in `body`.
std::string DoBlock(const std::string& body);

/// `"schema"."name"` with quotes only where needed.
std::string Qualified(const ir::QualifiedName& name);
/// `a, "B", c`.
std::string IdList(const std::vector<std::string>& names);
/// A column definition as in CREATE TABLE or ADD COLUMN: `name type [COLLATE] [NOT NULL]
/// [DEFAULT] [GENERATED ...]`; a serial column as serial (`table` tells which are). With
/// `parts`, the ranges of its default and generation expressions are added to it.
std::string ColumnSql(const ir::Table& table, const ir::Column& column, SqlParts* parts = nullptr);
/// `[CONSTRAINT name] NOT NULL column [NO INHERIT]`, the column's NOT NULL constraint as a table
/// constraint (PostgreSQL 18), without NOT VALID. ColumnSql leaves out a NOT VALID one: it
/// cannot be declared with its column, and is added with this afterwards.
std::string NotNullSql(const ir::Column& column);

/// The newest server the schema's SQL needs, when it is newer than 15 (the oldest schemac
/// supports): PostgreSQL 18 for a virtual generated column, or a NOT NULL constraint with a
/// name, NO INHERIT or NOT VALID. `what` names the first such object; version 0: none.
struct ServerNeed {
  int version = 0;  ///< server_version_num, e.g. 180000.
  std::string what;
  ir::Origin origin;
};
ServerNeed NeededServer(const ir::Schema& schema);

/// "PostgreSQL 18.4" for server_version_num 180004.
std::string ServerVersionText(int version);
/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON table USING ...` (no `;`).
/// With `parts`, the ranges of its key expressions and predicate are added to it (as with each
/// function below that takes them).
std::string IndexSql(const ir::QualifiedName& table, const ir::Index& index, bool concurrently,
                     bool if_not_exists, SqlParts* parts = nullptr);
/// `CONSTRAINT name PRIMARY KEY (...)`, and the same for the other kinds (no NOT VALID).
/// ` DEFERRABLE [INITIALLY DEFERRED]` when `deferrable`, else empty.
std::string DeferrableSql(bool deferrable, bool initially_deferred);
std::string PrimaryKeySql(const ir::PrimaryKey& key);
std::string UniqueSql(const ir::UniqueConstraint& unique);
std::string CheckSql(const ir::CheckConstraint& check, SqlParts* parts = nullptr);
std::string ForeignKeySql(const ir::ForeignKey& fk);
/// `CREATE POLICY "name" ON table AS ... FOR ... TO ... [USING (...)] [WITH CHECK (...)]`.
std::string PolicySql(const ir::QualifiedName& table, const ir::Policy& policy,
                      SqlParts* parts = nullptr);
/// What follows `ADD TABLE name` for a membership: ` (columns)`, ` WHERE (filter)`.
std::string PublicationMemberSql(const ir::PublicationMember& member);
/// The search_path every catalog read runs under (SET LOCAL in its transaction: Introspect and
/// IntrospectDomains, introspect.h), whatever the session's own is (the URL's options, ALTER
/// DATABASE / ROLE SET, a migration's SET): pg_get_expr, pg_get_indexdef, format_type and
/// regclass print a name bare when the search_path finds it and qualified otherwise, so
/// canonical forms would depend on the session. PostgreSQL's own objects and public's print
/// bare, every other schema's qualified (docs/architecture.md). Migrations that compare a
/// canonical form with the catalog read it under the same path.
inline constexpr const char* kCanonicalSearchPath = "pg_catalog, public, pg_temp";
/// The search_path under which the schema's unqualified names resolve: "$user", public,
/// `extensions` for `target supabase` (Supabase's default) and the schemas of its extensions
/// (`vector_cosine_ops` in `extensions` on Supabase).
std::string SearchPathSql(const ir::Schema& schema);

}  // namespace schemac::pg
