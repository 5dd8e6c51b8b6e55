#pragma once
// A plan: the ordered steps that take a database from one schema to another, each with its
// hazards. Diff (compiler/diff.h) says what changed; Finalize below, the plan stage, orders the
// steps, sets their final hazards and records refusals; backends/postgres/emit writes them as
// SQL. Steps carry IR values, never SQL: the backend decides how each is spelled. What each step
// kind is (its id, mark, hazards, phase and description) is defined once, in
// compiler/step_kinds.cc.

#include <cstdint>
#include <memory>
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
  kBlocksWrites = 1u << 5,         ///< Blocks writes (not reads) of a table while it runs (an
                                   ///< index build, a foreign key until the commit).
  kBreaksDependents = 1u << 6,     ///< Renames or drops a column a function body names
                                   ///< (PostgreSQL does not track bodies; plan notes name them).
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
  kSetExtensionSchema,  ///< ALTER EXTENSION `name` SET SCHEMA extension.schema.
  kCreateEnum,
  kAddEnumValue,     ///< `value`, placed before (`before`) or after the existing label `name`.
  kRenameEnumValue,  ///< `name` -> `value`.
  kRecreateEnum,     ///< enum_def (renamed_from marks renamed labels), converting enum_columns.
  kRenameTable,      ///< `name` (old table name, same schema) -> table.
  kCreateTable,      ///< Columns, primary key, uniques and valid checks of `*table_def`.
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
  kAlterConstraint,  ///< A foreign key's DEFERRABLE / INITIALLY DEFERRED, to `constraint`'s.
  kCreateIndex,
  kSetRls,           ///< Enabled when `on`, else disabled.
  kSetForceRls,      ///< Forced when `on`, else no longer forced.
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
  kCommentConstraint,  ///< `name`: the constraint; `value`: the comment (empty: none).
  kCommentIndex,       ///< `name`: the index; `value`: the comment (empty: none).
  kGrantOnSchema,       ///< grant.privileges on schema `table.schema` to grant.role.
  kRevokeOnSchema,
  kCreateFunction,      ///< `function`.
  kReplaceFunction,     ///< CREATE OR REPLACE of `function` (body or attributes it can change).
  kAlterFunction,       ///< ALTER FUNCTION: security, settings, volatility, strict, parallel, ...
  kGrantOnFunction,     ///< EXECUTE on `function` to grant.role.
  kRevokeOnFunction,
  kCommentFunction,
  kCreateView,          ///< `view` (materialized or not).
  kReplaceView,         ///< CREATE OR REPLACE VIEW: same columns, or columns only appended.
  kAlterView,           ///< ALTER VIEW ... SET/RESET options (security_invoker, ...).
  kGrantOnView,         ///< grant.privileges on `view` to grant.role.
  kRevokeOnView,
  kCommentView,
  kCommentViewColumn,   ///< `name`: the column; `value`: the comment.
  kCreateTrigger,       ///< `trigger`.
  kAlterTrigger,        ///< ENABLE / DISABLE of `trigger`.
  kCommentTrigger,
  kSetOwner,            ///< ALTER ... OWNER TO: `owner` (object and role); `on`: materialized view.
  kCreateSequence,      ///< `sequence`, without its owner.
  kAlterSequence,       ///< `sequence`'s type and options (every one written; never RESTART).
  kRenameSequence,      ///< `name` (old name, same schema) -> sequence.
  kSetSequenceOwner,    ///< OWNED BY sequence.owned_table.owned_column.
  kDisownSequence,      ///< OWNED BY NONE, before its old column or table may be dropped.
  kGrantOnSequence,     ///< grant.privileges on `sequence` to grant.role.
  kRevokeOnSequence,
  kCommentSequence,
  kDropSequence,        ///< After the defaults that call it are changed or dropped.
  kCreateDomain,          ///< `domain`.
  kAlterDomain,           ///< SET/DROP DEFAULT (`name` "default") or NOT NULL ("not null") of `domain`.
  kAddDomainCheck,        ///< The check `name` of `domain`.
  kCommentDomain,
  kCreateCompositeType,   ///< `composite_type`.
  kAddAttribute,          ///< column (name, type, collation) to the type `table`.
  kAlterAttributeType,    ///< column's type and collation, attribute `name` of type `table`.
  kCommentCompositeType,
  // Drops, run before the creations above in reverse dependency order.
  kDropTrigger,
  kDropView,
  kDropPolicy,
  kDropIndex,
  kDropConstraint,
  kDropColumn,
  kDropTable,
  kDropFunction,
  kDropDomainCheck,       ///< The check `name` of domain `table`.
  kDropAttribute,         ///< Attribute `name` of type `table`.
  kDropCompositeType,
  kDropDomain,
  kDropEnum,
  kDropExtension,
  kDropSchema,  // The last kind: kStepKindCount below counts up to it.
};

/// How many step kinds there are (each has one entry in compiler/step_kinds.cc).
inline constexpr int kStepKindCount = static_cast<int>(StepKind::kDropSchema) + 1;

/// What a step does, as a plan shows it: `+` adds or creates, `~` changes, `-` drops or removes.
enum class Mark { kAdd, kChange, kDrop };

/// The mark of every step of `kind`, from its definition (never from Describe's text).
Mark MarkOf(StepKind kind);

/// '+', '~' or '-'.
char MarkSymbol(Mark mark);

/// The kind's stable id, for machines and tests: "add_enum_value".
const char* StepKindId(StepKind kind);

/// A constraint of any kind, as one value.
struct Constraint {
  enum class Kind { kPrimaryKey, kUnique, kCheck, kForeignKey, kExclusion } kind = Kind::kCheck;
  ir::PrimaryKey primary_key;
  ir::UniqueConstraint unique;
  ir::CheckConstraint check;
  ir::ForeignKey foreign_key;
  ir::ExclusionConstraint exclusion;
  const std::string& name() const;
};

struct Step {
  StepKind kind = StepKind::kCreateSchema;
  /// Final once the plan stage (Finalize) has run: the kind's hazards and those of this step's
  /// change, NOT_TRANSACTIONAL included where the SQL writer runs the step outside the
  /// migration's transaction.
  uint32_t hazards = 0;
  /// The table (or enum, for enum steps) the step is about; for schema and extension steps
  /// the schema is `table.schema` / the extension is `name`.
  ir::QualifiedName table;
  std::string name;   ///< Object name: column, constraint, index, policy, role, publication,
                      ///< old name of a rename, extension, schema; for kAddEnumValue the
                      ///< existing label the new one is placed next to.
  std::string value;  ///< Enum label, comment text; for kReplaceFunction and kAlterFunction,
                      ///< what changes ("body, security definer").
  /// kCreateTable: the table as created (without foreign keys, indexes and NOT VALID checks);
  /// kRenameTable: the table under its old name. Shared, so that a step stays small to copy;
  /// null for other kinds.
  std::shared_ptr<const ir::Table> table_def;
  ir::Column column;
  /// The column before the change, on the steps that change an existing column (kAddColumn
  /// and kDropColumn included when a column is made again, its generation changed). Empty (no
  /// name) otherwise: a column added, or dropped for good, or the NOT VALID NOT NULL of a new
  /// column (kSetNotNull).
  ir::Column old_column;
  Constraint constraint;
  bool not_valid = false;  ///< kAddConstraint: add NOT VALID (a kValidateConstraint follows).
  bool before = false;     ///< kAddEnumValue: BEFORE `name`, else AFTER it.
  bool on = false;         ///< kSetRls: enable; kSetForceRls: force; kReplaceFunction and
                           ///< kAlterFunction: SECURITY DEFINER / INVOKER changes;
                           ///< kDropDefault, kSetDefault, kAlterColumnType: the column was
                           ///< serial (under the table's old name).
  ir::Index index;
  ir::Policy policy;
  ir::Grant grant;
  ir::PublicationMember member;
  ir::Extension extension;
  ir::Enum enum_def;
  ir::Domain domain;                ///< Domain steps: the domain (its old definition on drops).
  ir::CompositeType composite_type;  ///< kCreateCompositeType, kDropCompositeType.
  ir::Function function;  ///< Function steps: the function (its old definition on drops).
  ir::View view;          ///< View steps.
  ir::Trigger trigger;    ///< Trigger steps.
  ir::Owner owner;        ///< kSetOwner.
  ir::Sequence sequence;  ///< Sequence steps (the old definition on drops).
  ir::ReplicaIdentity replica_identity = ir::ReplicaIdentity::kDefault;
  /// kRecreateEnum: the columns that may hold the enum (as the target names them, with the
  /// target's default), each converted when it still has the old type.
  std::vector<std::pair<ir::QualifiedName, ir::Column>> enum_columns;

  /// One line for humans: "add column public.users.email (text)" (each kind's wording is in
  /// compiler/step_kinds.cc).
  std::string Describe() const;
};

struct Plan {
  std::vector<Step> steps;
  /// Changes the plan cannot make, each a full sentence (an enum value removed, both names of
  /// a rename live). A plan with errors must not be applied.
  std::vector<std::string> errors;
  /// What a reader must know beyond the steps, each a full sentence (the functions whose
  /// bodies name a renamed or dropped column).
  std::vector<std::string> notes;

  uint32_t Hazards() const;
};

/// What the plan stage needs to know beyond the steps.
struct PlanOptions {
  /// Plan DATA_LOSS steps without a refusal.
  bool allow_destructive = false;
  /// Indexes are created CONCURRENTLY, outside the migration's transaction (NOT_TRANSACTIONAL).
  bool concurrent_indexes = false;
  /// The schemas planned from and to, for their dependencies (ordering, BREAKS_DEPENDENTS,
  /// schemas dropped with objects in them); null: phases only.
  const ir::Schema* from = nullptr;
  const ir::Schema* to = nullptr;
};

/// The plan stage, after Diff has listed what changed: orders the steps by dependency (the
/// phase of each kind, refined by the schemas' dependencies: compiler/dependents.h; steps of
/// one phase keep their order otherwise), sets every step's final hazards, and appends to
/// `plan.errors` a refusal for each DATA_LOSS step unless allowed.
void Finalize(Plan& plan, const PlanOptions& options);

/// Whether changing a column's type from `old` to `now` rewrites the table. Not for the changes
/// PostgreSQL makes in the catalog only: varchar(n) to text or to a longer varchar, numeric to a
/// wider precision with the same scale, a collation change of the same type.
bool RewritesTable(const ir::Column& old, const ir::Column& now);

}  // namespace schemac::plan
