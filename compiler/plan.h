#pragma once
// A plan: the ordered steps that take a database from one schema to another, each with its
// hazards. Produced by Diff (compiler/diff.h), written as SQL by backends/postgres/emit. Steps
// carry IR values, never SQL: the backend decides how each is spelled.

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir.h"

namespace schemac::plan {

/// What can go wrong when a step runs, as flags.
enum Hazard : uint32_t {
  kDataLoss = 1u << 0,             ///< Drops or alters data (a table, a column, a narrowing type).
  kTableRewrite = 1u << 1,         ///< Rewrites the table (type change, stored column added).
  kAccessExclusiveLock = 1u << 2,  ///< Blocks reads and writes of the table while it runs.
  kAuthzChange = 1u << 3,          ///< Changes who may see or change rows (RLS, policy, grant).
  kNotTransactional = 1u << 4,     ///< Runs outside the migration's transaction.
};

/// "DATA_LOSS, TABLE_REWRITE", in flag order; empty for none.
std::string HazardNames(uint32_t hazards);

/// Whether converting a column of type `from` to `to` with the explicit cast a type change uses
/// (`USING col::to`) can change a stored value without an error: truncated text, a rounded
/// number, a lost time of day or fraction of a second, a value read in the session's time
/// zone. A conversion PostgreSQL either makes exactly or refuses with an error (bigint to
/// integer, text to integer or to an enum) is not such a change; neither is a widening one.
/// Conservative: a pair of types it does not know is taken as changing values. The rules are
/// listed in docs/cli.md ("Hazards").
bool CastMayChangeValues(const ir::ColumnType& from, const ir::ColumnType& to);

enum class StepKind {
  kCreateSchema,
  kCreateExtension,
  kUpdateExtension,
  kCreateEnum,
  kAddEnumValue,     ///< `value`, placed `before` or `after` an existing label.
  kRenameEnumValue,  ///< `name` -> `value`.
  kRecreateEnum,     ///< enum_def (renamed_from marks renamed labels), converting enum_columns.
  kRenameTable,      ///< `name` (old table name, same schema) -> table.
  kCreateTable,      ///< Columns, primary key, uniques and valid checks of `table_def`.
  kRenameColumn,     ///< `name` -> column.name.
  kRenameConstraint,  ///< `name` -> `value` (constraint: the new definition).
  kRenameIndex,       ///< `name` -> `value`.
  kAddColumn,
  kDropIdentity,
  kDropDefault,
  kDropExpression,   ///< A stored generated column becomes a plain one.
  kAlterColumnType,  ///< To column.type / column.collation, USING a cast from old_column.
  kSetDefault,
  kDropNotNull,
  kSetNotNull,       ///< SET NOT NULL, or ADD a NOT NULL constraint named, NO INHERIT or NOT VALID.
  kAlterNotNull,     ///< Of a NOT NULL constraint (PostgreSQL 18): rename, [NO] INHERIT, VALIDATE.
  kAddIdentity,
  kSetIdentity,      ///< ALWAYS <-> BY DEFAULT.
  kAddConstraint,    ///< `constraint`; foreign keys and checks of existing tables NOT VALID.
  kValidateConstraint,
  kCreateIndex,
  kSetRls,           ///< table_def.rls_enabled.
  kSetForceRls,      ///< table_def.rls_forced.
  kCreatePolicy,
  kAlterPolicy,      ///< Roles, USING and WITH CHECK of `policy`.
  kGrant,            ///< grant.privileges to grant.role.
  kRevoke,
  kAddToPublication,
  kDropFromPublication,
  kSetReplicaIdentity,
  kCommentEnum,
  kCommentTable,
  kCommentColumn,
  kCommentPolicy,
  // Drops, run before the creations above in reverse dependency order.
  kDropPolicy,
  kDropIndex,
  kDropConstraint,
  kDropColumn,
  kDropTable,
  kDropEnum,
  kDropExtension,
  kDropSchema,
};

/// A constraint of any kind, as one value.
struct Constraint {
  enum class Kind { kPrimaryKey, kUnique, kCheck, kForeignKey } kind = Kind::kCheck;
  ir::PrimaryKey primary_key;
  ir::UniqueConstraint unique;
  ir::CheckConstraint check;
  ir::ForeignKey foreign_key;
  const std::string& name() const;
};

struct Step {
  StepKind kind = StepKind::kCreateSchema;
  uint32_t hazards = 0;
  /// The table (or enum, for enum steps) the step is about; for schema and extension steps
  /// the schema is `table.schema` / the extension is `name`.
  ir::QualifiedName table;
  std::string name;   ///< Object name: column, constraint, index, policy, role, publication,
                      ///< old name of a rename, extension, schema.
  std::string value;  ///< Enum label, comment text.
  std::string before;  ///< kAddEnumValue: BEFORE this label (else `after`).
  std::string after;
  ir::Table table_def;  ///< kCreateTable (without foreign keys and indexes), kSetRls.
  ir::Column column;
  ir::Column old_column;
  Constraint constraint;
  bool not_valid = false;  ///< kAddConstraint: add NOT VALID (a kValidateConstraint follows).
  ir::Index index;
  ir::Policy policy;
  ir::Grant grant;
  ir::PublicationMember member;
  ir::Extension extension;
  ir::Enum enum_def;
  ir::ReplicaIdentity replica_identity = ir::ReplicaIdentity::kDefault;
  /// kRecreateEnum: the columns that may hold the enum (as the target names them, with the
  /// target's default), each converted when it still has the old type.
  std::vector<std::pair<ir::QualifiedName, ir::Column>> enum_columns;

  /// One line for humans: "add column public.users.email (text)".
  std::string Describe() const;
};

struct Plan {
  std::vector<Step> steps;
  /// Changes the plan cannot make, each a full sentence (an enum value removed, both names of
  /// a rename live). A plan with errors must not be applied.
  std::vector<std::string> errors;

  uint32_t Hazards() const;
};

}  // namespace schemac::plan
