// The table of step kinds: per kind its id, mark, hazards, phase and description. Entries are in
// StepKind's order (checked at compile time), so a kind's definition is found by its value.
//
// Phases: renames first (every later step names objects by their new names), then drops: what
// depends on an object is dropped before it (policies and indexes before the columns they read,
// foreign keys before the keys they reference, columns before the enums they use), and created
// after it. Enums, extensions and schemas are dropped last, once nothing uses them. Functions
// are created after enums and before tables (defaults and checks may call them), dropped after
// tables; one whose signature names a row type, or whose SQL-standard body names tables, waits
// for its tables and views (PhaseOf).

#include "compiler/step_kinds.h"

#include <fmt/format.h>

#include <iterator>

#include "compiler/diff_functions.h"

namespace schemac::plan {

namespace {

constexpr uint32_t kNone = 0;
// Phases of the function steps that need relations (NeedsRelations, PhaseOf): created after
// kCreateView and kAlterView (44, 45), before the policies (52) and triggers (58) that may call
// them; dropped before tables and views are (phase 0 on), after tables are renamed (-2).
constexpr int kCreateRowTypeFunctionPhase = 46;
constexpr int kDropRowTypeFunctionPhase = -1;
constexpr uint32_t kLock = kAccessExclusiveLock;

const char* ConstraintKind(const Constraint& c) {
  switch (c.kind) {
    case Constraint::Kind::kPrimaryKey: return "primary key";
    case Constraint::Kind::kUnique: return "unique constraint";
    case Constraint::Kind::kCheck: return "check";
    case Constraint::Kind::kForeignKey: return "foreign key";
    case Constraint::Kind::kExclusion: return "exclusion constraint";
  }
  return "constraint";
}

// What kSetOwner's object is, as ALTER names its kind.
const char* OwnedKind(const Step& s) {
  switch (s.owner.object.kind) {
    case ir::ObjectKind::kSchema: return "schema";
    case ir::ObjectKind::kView: return s.on ? "materialized view" : "view";
    case ir::ObjectKind::kFunction: return "function";
    case ir::ObjectKind::kEnum: return "enum";
    default: return "table";
  }
}

// "billing", "public.posts", "public.f(integer)".
std::string OwnedName(const ir::ObjectRef& ref) {
  if (ref.kind == ir::ObjectKind::kSchema) return ref.name.schema;
  return ref.name.ToString() + ref.member;
}

// "public.users.email": the step's table and its column `name`.
std::string ColumnOf(const Step& s) { return s.table.ToString() + "." + s.name; }

// A column added anew rewrites the table when it is stored generated; one made again (its
// generation changed) takes the table's lock, and rewrites it unless it is virtual (computed
// when read).
uint32_t AddColumnHazards(const Step& s, const HazardContext&) {
  bool made_again = !s.old_column.name.empty();
  if (made_again) return kLock | (s.column.generated == ir::Generated::kVirtual ? kNone : kTableRewrite);
  return s.column.generated == ir::Generated::kStored ? kTableRewrite | kLock : kNone;
}

// The USING cast may truncate or round without an error (text to varchar(3)): data loss.
uint32_t AlterColumnTypeHazards(const Step& s, const HazardContext&) {
  return (RewritesTable(s.old_column, s.column) ? kTableRewrite : kNone) |
         (CastMayChangeValues(s.old_column.type, s.column.type) ? kDataLoss : kNone);
}

// An existing column made NOT NULL is scanned under the table's lock; the NOT VALID NOT NULL of
// a column added in the same plan is not flagged.
uint32_t SetNotNullHazards(const Step& s, const HazardContext&) {
  return s.old_column.name.empty() ? kNone : kLock;
}

// CREATE INDEX CONCURRENTLY cannot run in a transaction (emit.cc puts it in a segment after it).
// A plain CREATE INDEX holds a SHARE lock on an existing table while it builds: reads go on,
// writes wait for the whole build. On a table the plan creates, nobody waits.
uint32_t CreateIndexHazards(const Step& s, const HazardContext& context) {
  if (context.options.concurrent_indexes) return kNotTransactional;
  return context.Created(s.table) ? kNone : kBlocksWrites;
}

// A foreign key takes SHARE ROW EXCLUSIVE on its table and on the table it references until the
// migration commits (writes to either wait; reads go on); with both tables created by the plan,
// nobody waits. Other constraints take their table's ACCESS EXCLUSIVE lock (a unique or primary
// key for the build of its index, a check for the NOT VALID add); on a new table, nobody waits.
uint32_t AddConstraintHazards(const Step& s, const HazardContext& context) {
  if (s.constraint.kind == Constraint::Kind::kForeignKey) {
    bool both_new = context.Created(s.table) && context.Created(s.constraint.foreign_key.ref_table);
    return both_new ? kNone : kBlocksWrites;
  }
  return context.Created(s.table) ? kNone : kLock;
}

// " (body, security definer)": what a function step changes, when the diff said.
std::string FunctionChanges(const Step& s) { return s.value.empty() ? "" : " (" + s.value + ")"; }

// A function made SECURITY DEFINER runs with its owner's rights (or no longer does): who may do
// what through it changes.
uint32_t SecurityChangeHazards(const Step& s, const HazardContext&) {
  return s.on ? kAuthzChange : kNone;
}

constexpr StepKindInfo kStepKinds[] = {
    {StepKind::kCreateSchema, "create_schema", Mark::kAdd, kNone, 10,
     [](const Step& s) -> std::string { return "create schema " + s.name; }},
    {StepKind::kCreateExtension, "create_extension", Mark::kAdd, kNone, 11,
     [](const Step& s) -> std::string { return "create extension " + s.name; }},
    {StepKind::kUpdateExtension, "update_extension", Mark::kChange, kNone, 12,
     [](const Step& s) -> std::string {
       return "update extension " + s.name + " to " + s.extension.version;
     }},
    // Moves its objects; what PostgreSQL stores by oid (columns, defaults, views) follows them.
    {StepKind::kSetExtensionSchema, "set_extension_schema", Mark::kChange, kNone, 12,
     [](const Step& s) -> std::string {
       return "move extension " + s.name + " to schema " + s.extension.schema;
     }},
    {StepKind::kCreateEnum, "create_enum", Mark::kAdd, kNone, 13,
     [](const Step& s) -> std::string { return "create enum " + s.table.ToString(); }},
    // Enum values are added and renamed outside the transaction: a value cannot be used in the
    // transaction that adds it. Renames come first, for values placed next to the new names.
    {StepKind::kAddEnumValue, "add_enum_value", Mark::kAdd, kNotTransactional, 15,
     [](const Step& s) -> std::string {
       return fmt::format("add value '{}' to enum {}", s.value, s.table.ToString());
     }},
    {StepKind::kRenameEnumValue, "rename_enum_value", Mark::kChange, kNotTransactional, 14,
     [](const Step& s) -> std::string {
       return fmt::format("rename value '{}' of enum {} to '{}'", s.name, s.table.ToString(),
                          s.value);
     }},
    // Not DATA_LOSS: a row holding a removed value makes the migration fail, it is not lost.
    {StepKind::kRecreateEnum, "recreate_enum", Mark::kChange, kTableRewrite | kLock, 16,
     [](const Step& s) -> std::string {
       return "recreate enum " + s.table.ToString() + " with new values";
     }},
    {StepKind::kRenameTable, "rename_table", Mark::kChange, kLock, -2,
     [](const Step& s) -> std::string {
       return "rename table " + s.table.schema + "." + s.name + " to " + s.table.name;
     }},
    {StepKind::kCreateTable, "create_table", Mark::kAdd, kNone, 21,
     [](const Step& s) -> std::string { return "create table " + s.table.ToString(); }},
    {StepKind::kRenameColumn, "rename_column", Mark::kChange, kNone, -1,
     [](const Step& s) -> std::string {
       return "rename column " + ColumnOf(s) + " to " + s.column.name;
     }},
    {StepKind::kRenameConstraint, "rename_constraint", Mark::kChange, kNone, -1,
     [](const Step& s) -> std::string {
       return fmt::format("rename {} {} on {} to {}", ConstraintKind(s.constraint), s.name,
                          s.table.ToString(), s.value);
     }},
    {StepKind::kRenameIndex, "rename_index", Mark::kChange, kNone, -1,
     [](const Step& s) -> std::string {
       return "rename index " + s.name + " on " + s.table.ToString() + " to " + s.value;
     }},
    {StepKind::kAddColumn, "add_column", Mark::kAdd, kNone, 27,
     [](const Step& s) -> std::string {
       return fmt::format("add column {} ({})", ColumnOf(s), s.column.type.ToSql());
     },
     AddColumnHazards},
    {StepKind::kDropIdentity, "drop_identity", Mark::kDrop, kNone, 23,
     [](const Step& s) -> std::string { return "drop identity of " + ColumnOf(s); }},
    {StepKind::kDropDefault, "drop_default", Mark::kDrop, kNone, 24,
     [](const Step& s) -> std::string { return "drop default of " + ColumnOf(s); }},
    {StepKind::kDropExpression, "drop_expression", Mark::kChange, kNone, 25,
     [](const Step& s) -> std::string { return "make " + ColumnOf(s) + " a plain column"; }},
    {StepKind::kAlterColumnType, "alter_column_type", Mark::kChange, kLock, 26,
     [](const Step& s) -> std::string {
       if (s.old_column.type == s.column.type) {
         return fmt::format("change collation of {} to {}", ColumnOf(s),
                            s.column.collation.empty() ? "the type's default" : s.column.collation);
       }
       return fmt::format("change type of {} from {} to {}", ColumnOf(s),
                          s.old_column.type.ToSql(), s.column.type.ToSql());
     },
     AlterColumnTypeHazards},
    {StepKind::kSetDefault, "set_default", Mark::kChange, kNone, 28,
     [](const Step& s) -> std::string { return "set default of " + ColumnOf(s); }},
    {StepKind::kDropNotNull, "drop_not_null", Mark::kChange, kNone, 29,
     [](const Step& s) -> std::string { return "allow null in " + ColumnOf(s); }},
    {StepKind::kSetNotNull, "set_not_null", Mark::kChange, kNone, 30,
     [](const Step& s) -> std::string { return "set not null on " + ColumnOf(s); },
     SetNotNullHazards},
    {StepKind::kAlterNotNull, "alter_not_null", Mark::kChange, kLock, 30,
     [](const Step& s) -> std::string {
       return "alter the not null constraint of " + ColumnOf(s);
     }},
    {StepKind::kAddIdentity, "add_identity", Mark::kChange, kLock, 31,
     [](const Step& s) -> std::string { return "make " + ColumnOf(s) + " an identity column"; }},
    {StepKind::kSetIdentity, "set_identity", Mark::kChange, kNone, 32,
     [](const Step& s) -> std::string { return "change identity of " + ColumnOf(s); }},
    {StepKind::kAddConstraint, "add_constraint", Mark::kAdd, kNone, 40,
     [](const Step& s) -> std::string {
       return fmt::format("add {} {} on {}", ConstraintKind(s.constraint), s.name,
                          s.table.ToString());
     },
     AddConstraintHazards, 41},
    {StepKind::kValidateConstraint, "validate_constraint", Mark::kChange, kNone, 42,
     [](const Step& s) -> std::string {
       return fmt::format("validate {} {} on {}", ConstraintKind(s.constraint), s.name,
                          s.table.ToString());
     }},
    {StepKind::kAlterConstraint, "alter_constraint", Mark::kChange, kNone, 42,
     [](const Step& s) -> std::string {
       return fmt::format("make {} {} on {} {}", ConstraintKind(s.constraint), s.name,
                          s.table.ToString(),
                          !s.constraint.foreign_key.deferrable ? "not deferrable"
                          : s.constraint.foreign_key.initially_deferred
                              ? "deferrable initially deferred"
                              : "deferrable initially immediate");
     }},
    {StepKind::kCreateIndex, "create_index", Mark::kAdd, kNone, 43,
     [](const Step& s) -> std::string {
       return "create index " + s.name + " on " + s.table.ToString();
     },
     CreateIndexHazards},
    {StepKind::kSetRls, "set_rls", Mark::kChange, kAuthzChange, 50,
     [](const Step& s) -> std::string {
       return std::string(s.on ? "enable" : "disable") + " row level security on " +
              s.table.ToString();
     }},
    {StepKind::kSetForceRls, "set_force_rls", Mark::kChange, kAuthzChange, 51,
     [](const Step& s) -> std::string {
       return std::string(s.on ? "force" : "no longer force") + " row level security on " +
              s.table.ToString();
     }},
    {StepKind::kCreatePolicy, "create_policy", Mark::kAdd, kAuthzChange, 52,
     [](const Step& s) -> std::string {
       return "create policy \"" + s.name + "\" on " + s.table.ToString();
     }},
    {StepKind::kAlterPolicy, "alter_policy", Mark::kChange, kAuthzChange, 53,
     [](const Step& s) -> std::string {
       return "alter policy \"" + s.name + "\" on " + s.table.ToString();
     }},
    {StepKind::kGrant, "grant", Mark::kChange, kAuthzChange, 55,
     [](const Step& s) -> std::string { return "grant on " + s.table.ToString() + " to " + s.name; }},
    {StepKind::kRevoke, "revoke", Mark::kChange, kAuthzChange, 54,
     [](const Step& s) -> std::string {
       return "revoke on " + s.table.ToString() + " from " + s.name;
     }},
    {StepKind::kAddToPublication, "add_to_publication", Mark::kAdd, kNone, 56,
     [](const Step& s) -> std::string {
       return "add " + s.table.ToString() + " to publication " + s.name;
     }},
    {StepKind::kDropFromPublication, "drop_from_publication", Mark::kDrop, kNone, 1,
     [](const Step& s) -> std::string {
       return "remove " + s.table.ToString() + " from publication " + s.name;
     }},
    {StepKind::kSetReplicaIdentity, "set_replica_identity", Mark::kChange, kNone, 57,
     [](const Step& s) -> std::string { return "set replica identity of " + s.table.ToString(); }},
    {StepKind::kCommentEnum, "comment_enum", Mark::kChange, kNone, 60,
     [](const Step& s) -> std::string { return "comment on enum " + s.table.ToString(); }},
    {StepKind::kCommentTable, "comment_table", Mark::kChange, kNone, 61,
     [](const Step& s) -> std::string { return "comment on table " + s.table.ToString(); }},
    {StepKind::kCommentColumn, "comment_column", Mark::kChange, kNone, 62,
     [](const Step& s) -> std::string { return "comment on column " + ColumnOf(s); }},
    {StepKind::kCommentPolicy, "comment_policy", Mark::kChange, kNone, 63,
     [](const Step& s) -> std::string {
       return "comment on policy \"" + s.name + "\" on " + s.table.ToString();
     }},
    {StepKind::kCommentConstraint, "comment_constraint", Mark::kChange, kNone, 63,
     [](const Step& s) -> std::string {
       return "comment on constraint " + s.name + " on " + s.table.ToString();
     }},
    {StepKind::kCommentIndex, "comment_index", Mark::kChange, kNone, 63,
     [](const Step& s) -> std::string {
       return "comment on index " + s.name + " on " + s.table.ToString();
     },
     // With the index it comments, outside the transaction (emit.cc, SegmentOf).
     [](const Step&, const HazardContext& context) -> uint32_t {
       return context.options.concurrent_indexes ? kNotTransactional : kNone;
     }},
    {StepKind::kGrantOnSchema, "grant_on_schema", Mark::kChange, kAuthzChange, 12,
     [](const Step& s) -> std::string {
       return "grant on schema " + s.table.schema + " to " + s.name;
     }},
    {StepKind::kRevokeOnSchema, "revoke_on_schema", Mark::kChange, kAuthzChange, 12,
     [](const Step& s) -> std::string {
       return "revoke on schema " + s.table.schema + " from " + s.name;
     }},
    {StepKind::kCreateFunction, "create_function", Mark::kAdd, kNone, 18,
     [](const Step& s) -> std::string { return "create function " + s.function.Signature(); }},
    {StepKind::kReplaceFunction, "replace_function", Mark::kChange, kNone, 18,
     [](const Step& s) -> std::string {
       return "replace function " + s.function.Signature() + FunctionChanges(s);
     },
     SecurityChangeHazards},
    {StepKind::kAlterFunction, "alter_function", Mark::kChange, kNone, 19,
     [](const Step& s) -> std::string {
       return "alter function " + s.function.Signature() + FunctionChanges(s);
     },
     SecurityChangeHazards},
    {StepKind::kGrantOnFunction, "grant_on_function", Mark::kChange, kAuthzChange, 55,
     [](const Step& s) -> std::string {
       return "grant execute on function " + s.function.Signature() + " to " + s.name;
     }},
    {StepKind::kRevokeOnFunction, "revoke_on_function", Mark::kChange, kAuthzChange, 54,
     [](const Step& s) -> std::string {
       return "revoke execute on function " + s.function.Signature() + " from " + s.name;
     }},
    {StepKind::kCommentFunction, "comment_function", Mark::kChange, kNone, 64,
     [](const Step& s) -> std::string { return "comment on function " + s.function.Signature(); }},
    {StepKind::kCreateView, "create_view", Mark::kAdd, kNone, 41,
     [](const Step& s) -> std::string {
       return std::string(s.view.materialized ? "create materialized view " : "create view ") +
              s.view.name.ToString();
     }},
    {StepKind::kReplaceView, "replace_view", Mark::kChange, kNone, 41,
     [](const Step& s) -> std::string { return "replace view " + s.view.name.ToString(); }},
    {StepKind::kAlterView, "alter_view", Mark::kChange, kNone, 41,
     [](const Step& s) -> std::string { return "alter view " + s.view.name.ToString(); }},
    {StepKind::kGrantOnView, "grant_on_view", Mark::kChange, kAuthzChange, 55,
     [](const Step& s) -> std::string {
       return "grant on view " + s.view.name.ToString() + " to " + s.name;
     }},
    {StepKind::kRevokeOnView, "revoke_on_view", Mark::kChange, kAuthzChange, 54,
     [](const Step& s) -> std::string {
       return "revoke on view " + s.view.name.ToString() + " from " + s.name;
     }},
    {StepKind::kCommentView, "comment_view", Mark::kChange, kNone, 65,
     [](const Step& s) -> std::string { return "comment on view " + s.view.name.ToString(); }},
    {StepKind::kCommentViewColumn, "comment_view_column", Mark::kChange, kNone, 66,
     [](const Step& s) -> std::string {
       return "comment on column " + s.view.name.ToString() + "." + s.name;
     }},
    {StepKind::kCreateTrigger, "create_trigger", Mark::kAdd, kNone, 58,
     [](const Step& s) -> std::string {
       return "create trigger " + s.trigger.name + " on " + s.trigger.table.ToString();
     }},
    {StepKind::kAlterTrigger, "alter_trigger", Mark::kChange, kNone, 58,
     [](const Step& s) -> std::string {
       return std::string(s.trigger.enabled == ir::TriggerEnabled::kDisabled ? "disable"
                                                                             : "enable") +
              " trigger " + s.trigger.name + " on " + s.trigger.table.ToString();
     }},
    {StepKind::kCommentTrigger, "comment_trigger", Mark::kChange, kNone, 67,
     [](const Step& s) -> std::string {
       return "comment on trigger " + s.trigger.name + " on " + s.trigger.table.ToString();
     }},
    // Last of the changes: the role running the migration creates and changes objects as their
    // owner first. A new owner bypasses the table's row level security unless it is forced.
    {StepKind::kSetOwner, "set_owner", Mark::kChange, kAuthzChange, 68,
     [](const Step& s) -> std::string {
       return fmt::format("set owner of {} {} to {}", OwnedKind(s), OwnedName(s.owner.object),
                          s.owner.role);
     }},
    // Sequences: created before the tables and columns whose defaults call nextval on them,
    // owned once their column is there, disowned before a column or table that owns them may be
    // dropped (which would drop them too), dropped once no default calls them.
    {StepKind::kCreateSequence, "create_sequence", Mark::kAdd, kNone, 17,
     [](const Step& s) -> std::string { return "create sequence " + s.sequence.name.ToString(); }},
    {StepKind::kAlterSequence, "alter_sequence", Mark::kChange, kNone, 17,
     [](const Step& s) -> std::string { return "alter sequence " + s.sequence.name.ToString(); }},
    {StepKind::kRenameSequence, "rename_sequence", Mark::kChange, kNone, -2,
     [](const Step& s) -> std::string {
       return "rename sequence " + s.sequence.name.schema + "." + s.name + " to " +
              s.sequence.name.name;
     }},
    {StepKind::kSetSequenceOwner, "set_sequence_owner", Mark::kChange, kNone, 33,
     [](const Step& s) -> std::string {
       return "make sequence " + s.sequence.name.ToString() + " owned by " +
              s.sequence.name.schema + "." + s.sequence.owned_table + "." + s.sequence.owned_column;
     }},
    {StepKind::kDisownSequence, "disown_sequence", Mark::kChange, kNone, 1,
     [](const Step& s) -> std::string {
       return "make sequence " + s.sequence.name.ToString() + " owned by no column";
     }},
    {StepKind::kGrantOnSequence, "grant_on_sequence", Mark::kChange, kAuthzChange, 55,
     [](const Step& s) -> std::string {
       return "grant on sequence " + s.sequence.name.ToString() + " to " + s.name;
     }},
    {StepKind::kRevokeOnSequence, "revoke_on_sequence", Mark::kChange, kAuthzChange, 54,
     [](const Step& s) -> std::string {
       return "revoke on sequence " + s.sequence.name.ToString() + " from " + s.name;
     }},
    {StepKind::kCommentSequence, "comment_sequence", Mark::kChange, kNone, 68,
     [](const Step& s) -> std::string { return "comment on sequence " + s.sequence.name.ToString(); }},
    {StepKind::kDropSequence, "drop_sequence", Mark::kDrop, kDataLoss, 69,
     [](const Step& s) -> std::string { return "drop sequence " + s.sequence.name.ToString(); }},
    {StepKind::kCreateDomain, "create_domain", Mark::kAdd, kNone, 17,
     [](const Step& s) -> std::string { return "create domain " + s.table.ToString(); }},
    // A domain made NOT NULL is checked against every column using it, under their locks.
    {StepKind::kAlterDomain, "alter_domain", Mark::kChange, kNone, 20,
     [](const Step& s) -> std::string {
       return fmt::format("alter domain {}: {} {}", s.table.ToString(), s.on ? "set" : "drop", s.name);
     }},
    {StepKind::kAddDomainCheck, "add_domain_check", Mark::kAdd, kNone, 50,
     [](const Step& s) -> std::string {
       return "add check " + s.name + " to domain " + s.table.ToString();
     }},
    {StepKind::kCommentDomain, "comment_domain", Mark::kChange, kNone, 60,
     [](const Step& s) -> std::string { return "comment on domain " + s.table.ToString(); }},
    {StepKind::kCreateCompositeType, "create_composite_type", Mark::kAdd, kNone, 17,
     [](const Step& s) -> std::string { return "create type " + s.table.ToString(); }},
    {StepKind::kAddAttribute, "add_attribute", Mark::kAdd, kNone, 20,
     [](const Step& s) -> std::string {
       return "add attribute " + s.column.name + " to type " + s.table.ToString();
     }},
    {StepKind::kAlterAttributeType, "alter_attribute_type", Mark::kChange, kNone, 20,
     [](const Step& s) -> std::string {
       return "alter type of attribute " + s.table.ToString() + "." + s.column.name + " (" +
              s.column.type.ToSql() + ")";
     }},
    {StepKind::kCommentCompositeType, "comment_composite_type", Mark::kChange, kNone, 60,
     [](const Step& s) -> std::string { return "comment on type " + s.table.ToString(); }},
    {StepKind::kDropTrigger, "drop_trigger", Mark::kDrop, kNone, 0,
     [](const Step& s) -> std::string {
       return "drop trigger " + s.trigger.name + " on " + s.trigger.table.ToString();
     }},
    {StepKind::kDropView, "drop_view", Mark::kDrop, kNone, 0,
     [](const Step& s) -> std::string {
       return std::string(s.view.materialized ? "drop materialized view " : "drop view ") +
              s.view.name.ToString();
     }},
    {StepKind::kDropPolicy, "drop_policy", Mark::kDrop, kAuthzChange, 0,
     [](const Step& s) -> std::string {
       return "drop policy \"" + s.name + "\" on " + s.table.ToString();
     }},
    // DROP INDEX (not CONCURRENTLY) takes the table's ACCESS EXCLUSIVE lock.
    {StepKind::kDropIndex, "drop_index", Mark::kDrop, kLock, 2,
     [](const Step& s) -> std::string {
       return "drop index " + s.name + " on " + s.table.ToString() +
              (s.index.invalid ? " (invalid: left by a failed concurrent build)" : "");
     }},
    {StepKind::kDropConstraint, "drop_constraint", Mark::kDrop, kLock, 4,
     [](const Step& s) -> std::string {
       return fmt::format("drop {} {} on {}", ConstraintKind(s.constraint), s.name,
                          s.table.ToString());
     },
     nullptr, 3},
    {StepKind::kDropColumn, "drop_column", Mark::kDrop, kDataLoss | kLock, 5,
     [](const Step& s) -> std::string { return "drop column " + ColumnOf(s); }},
    {StepKind::kDropTable, "drop_table", Mark::kDrop, kDataLoss | kLock, 6,
     [](const Step& s) -> std::string { return "drop table " + s.table.ToString(); }},
    {StepKind::kDropFunction, "drop_function", Mark::kDrop, kNone, 7,
     [](const Step& s) -> std::string { return "drop function " + s.function.Signature(); }},
    {StepKind::kDropDomainCheck, "drop_domain_check", Mark::kDrop, kNone, 0,
     [](const Step& s) -> std::string {
       return "drop check " + s.name + " of domain " + s.table.ToString();
     }},
    // The attribute's values in every column of the type are lost.
    {StepKind::kDropAttribute, "drop_attribute", Mark::kDrop, kDataLoss, 4,
     [](const Step& s) -> std::string {
       return "drop attribute " + s.table.ToString() + "." + s.name;
     }},
    {StepKind::kDropCompositeType, "drop_composite_type", Mark::kDrop, kDataLoss, 68,
     [](const Step& s) -> std::string { return "drop type " + s.table.ToString(); }},
    {StepKind::kDropDomain, "drop_domain", Mark::kDrop, kDataLoss, 69,
     [](const Step& s) -> std::string { return "drop domain " + s.table.ToString(); }},
    {StepKind::kDropEnum, "drop_enum", Mark::kDrop, kDataLoss, 70,
     [](const Step& s) -> std::string { return "drop enum " + s.table.ToString(); }},
    {StepKind::kDropExtension, "drop_extension", Mark::kDrop, kDataLoss, 71,
     [](const Step& s) -> std::string { return "drop extension " + s.name; }},
    {StepKind::kDropSchema, "drop_schema", Mark::kDrop, kNone, 72,
     [](const Step& s) -> std::string { return "drop schema " + s.name; }},
};

// Every kind has its entry, at its own index.
constexpr bool InStepKindOrder() {
  if (std::size(kStepKinds) != static_cast<size_t>(kStepKindCount)) return false;
  for (size_t i = 0; i < std::size(kStepKinds); ++i) {
    if (static_cast<size_t>(kStepKinds[i].kind) != i) return false;
  }
  return true;
}
static_assert(InStepKindOrder(), "kStepKinds must have one entry per StepKind, in its order");

}  // namespace

const StepKindInfo& InfoOf(StepKind kind) { return kStepKinds[static_cast<size_t>(kind)]; }

int PhaseOf(const Step& step) {
  const StepKindInfo& info = InfoOf(step.kind);
  // A function whose signature names a table's or view's row type, or whose SQL-standard body
  // is parsed at creation, needs the relations: created after tables and views (before the
  // policies and triggers that may call it), dropped before them (with the renames, before any
  // drop).
  bool function_step = step.kind == StepKind::kCreateFunction ||
                       step.kind == StepKind::kReplaceFunction ||
                       step.kind == StepKind::kDropFunction;
  if (function_step && NeedsRelations(step.function)) {
    return step.kind == StepKind::kDropFunction ? kDropRowTypeFunctionPhase
                                                : kCreateRowTypeFunctionPhase;
  }
  bool fk = step.constraint.kind == Constraint::Kind::kForeignKey;
  return fk && info.foreign_key_phase != StepKindInfo::kSamePhase ? info.foreign_key_phase
                                                                 : info.phase;
}

Mark MarkOf(StepKind kind) { return InfoOf(kind).mark; }

char MarkSymbol(Mark mark) {
  switch (mark) {
    case Mark::kAdd: return '+';
    case Mark::kChange: return '~';
    case Mark::kDrop: return '-';
  }
  return '~';
}

const char* StepKindId(StepKind kind) { return InfoOf(kind).id; }

std::string Step::Describe() const { return InfoOf(kind).describe(*this); }

}  // namespace schemac::plan
