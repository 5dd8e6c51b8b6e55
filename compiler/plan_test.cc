// Unit tests of the diff and its plan on fake catalogs: pairs of ir::Schema built in memory, no
// server. Each step kind (one case per kind, and a check that no kind is left without one), the
// order of steps across kinds, hazards, refusals and the reverse plan. Only the public surface of
// compiler/diff.h and compiler/plan.h is used: a step is read through its kind, table, name,
// hazards and Describe(). NOT_TRANSACTIONAL is not asserted: which steps carry it is decided by
// the backend that writes them.

#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "compiler/diff.h"
#include "compiler/plan.h"

namespace schemac {
namespace {

using plan::StepKind;

// ---- A fake catalog: small builders for the IR ----------------------------------------------

ir::ColumnType Type(std::string name, std::vector<int64_t> modifiers = {}) {
  ir::ColumnType type;
  type.name = std::move(name);
  type.modifiers = std::move(modifiers);
  return type;
}

ir::ColumnType EnumType(std::string name) {
  ir::ColumnType type;
  type.kind = ir::TypeKind::kEnum;
  type.schema = "public";
  type.name = std::move(name);
  return type;
}

ir::Column Col(std::string name, ir::ColumnType type = Type("text"), bool nullable = false) {
  ir::Column column;
  column.name = std::move(name);
  column.type = std::move(type);
  column.nullable = nullable;
  return column;
}

// public.NAME with an `id bigint` primary key (NAME_pkey) and the given columns.
ir::Table Tbl(const std::string& name, std::vector<ir::Column> columns = {}) {
  ir::Table table;
  table.name = {"public", name};
  table.columns.push_back(Col("id", Type("bigint")));
  for (ir::Column& column : columns) table.columns.push_back(std::move(column));
  table.primary_key = ir::PrimaryKey{name + "_pkey", {"id"}, {}};
  return table;
}

ir::Enum Enum(const std::string& name, const std::vector<std::string>& labels) {
  ir::Enum out;
  out.name = {"public", name};
  for (const std::string& label : labels) out.values.push_back({label, std::nullopt});
  return out;
}

ir::Index Idx(const std::string& name, const std::string& column) {
  ir::Index index;
  index.name = name;
  ir::IndexKey key;
  key.column = column;
  index.keys.push_back(key);
  return index;
}

ir::Policy Pol(const std::string& name, const std::string& using_expr,
               std::vector<std::string> roles = {"authenticated"}) {
  ir::Policy policy;
  policy.name = name;
  policy.command = ir::PolicyCommand::kSelect;
  policy.roles = std::move(roles);
  policy.using_expr = using_expr;
  return policy;
}

ir::ForeignKey Fk(const std::string& name, const std::string& column, const std::string& table,
                  const std::string& ref_column) {
  ir::ForeignKey fk;
  fk.name = name;
  fk.columns = {column};
  fk.ref_table = {"public", table};
  fk.ref_columns = {ref_column};
  return fk;
}

ir::Schema Db(std::vector<ir::Table> tables, std::vector<ir::Enum> enums = {}) {
  ir::Schema schema;
  schema.tables = std::move(tables);
  schema.enums = std::move(enums);
  schema.Reindex();
  return schema;
}

// The table NAME of `schema` (which must have it), to change in place.
ir::Table& At(ir::Schema& schema, const std::string& name) {
  for (ir::Table& table : schema.tables) {
    if (table.name.name == name) return table;
  }
  FAIL("no table " << name);
  throw;
}

ir::Column& ColumnOf(ir::Schema& schema, const std::string& table, const std::string& column) {
  for (ir::Column& c : At(schema, table).columns) {
    if (c.name == column) return c;
  }
  FAIL("no column " << table << "." << column);
  throw;
}

// ---- Reading a plan -------------------------------------------------------------------------

const char* KindName(StepKind kind) {
  switch (kind) {
    case StepKind::kCreateSchema: return "CreateSchema";
    case StepKind::kCreateExtension: return "CreateExtension";
    case StepKind::kUpdateExtension: return "UpdateExtension";
    case StepKind::kSetExtensionSchema: return "SetExtensionSchema";
    case StepKind::kCreateEnum: return "CreateEnum";
    case StepKind::kAddEnumValue: return "AddEnumValue";
    case StepKind::kRenameEnumValue: return "RenameEnumValue";
    case StepKind::kRecreateEnum: return "RecreateEnum";
    case StepKind::kRenameTable: return "RenameTable";
    case StepKind::kCreateTable: return "CreateTable";
    case StepKind::kRenameColumn: return "RenameColumn";
    case StepKind::kRenameConstraint: return "RenameConstraint";
    case StepKind::kRenameIndex: return "RenameIndex";
    case StepKind::kAddColumn: return "AddColumn";
    case StepKind::kDropIdentity: return "DropIdentity";
    case StepKind::kDropDefault: return "DropDefault";
    case StepKind::kDropExpression: return "DropExpression";
    case StepKind::kAlterColumnType: return "AlterColumnType";
    case StepKind::kSetDefault: return "SetDefault";
    case StepKind::kDropNotNull: return "DropNotNull";
    case StepKind::kSetNotNull: return "SetNotNull";
    case StepKind::kAlterNotNull: return "AlterNotNull";
    case StepKind::kAddIdentity: return "AddIdentity";
    case StepKind::kSetIdentity: return "SetIdentity";
    case StepKind::kAddConstraint: return "AddConstraint";
    case StepKind::kValidateConstraint: return "ValidateConstraint";
    case StepKind::kAlterConstraint: return "AlterConstraint";
    case StepKind::kCreateIndex: return "CreateIndex";
    case StepKind::kSetRls: return "SetRls";
    case StepKind::kSetForceRls: return "SetForceRls";
    case StepKind::kCreatePolicy: return "CreatePolicy";
    case StepKind::kAlterPolicy: return "AlterPolicy";
    case StepKind::kGrant: return "Grant";
    case StepKind::kRevoke: return "Revoke";
    case StepKind::kAddToPublication: return "AddToPublication";
    case StepKind::kDropFromPublication: return "DropFromPublication";
    case StepKind::kSetReplicaIdentity: return "SetReplicaIdentity";
    case StepKind::kCommentEnum: return "CommentEnum";
    case StepKind::kCommentTable: return "CommentTable";
    case StepKind::kCommentColumn: return "CommentColumn";
    case StepKind::kCommentPolicy: return "CommentPolicy";
    case StepKind::kCommentConstraint: return "CommentConstraint";
    case StepKind::kCommentIndex: return "CommentIndex";
    case StepKind::kGrantOnSchema: return "GrantOnSchema";
    case StepKind::kRevokeOnSchema: return "RevokeOnSchema";
    case StepKind::kCreateFunction: return "CreateFunction";
    case StepKind::kReplaceFunction: return "ReplaceFunction";
    case StepKind::kAlterFunction: return "AlterFunction";
    case StepKind::kGrantOnFunction: return "GrantOnFunction";
    case StepKind::kRevokeOnFunction: return "RevokeOnFunction";
    case StepKind::kCommentFunction: return "CommentFunction";
    case StepKind::kCreateView: return "CreateView";
    case StepKind::kReplaceView: return "ReplaceView";
    case StepKind::kAlterView: return "AlterView";
    case StepKind::kGrantOnView: return "GrantOnView";
    case StepKind::kRevokeOnView: return "RevokeOnView";
    case StepKind::kCommentView: return "CommentView";
    case StepKind::kCommentViewColumn: return "CommentViewColumn";
    case StepKind::kCreateTrigger: return "CreateTrigger";
    case StepKind::kAlterTrigger: return "AlterTrigger";
    case StepKind::kCommentTrigger: return "CommentTrigger";
    case StepKind::kSetOwner: return "SetOwner";
    case StepKind::kCreateSequence: return "CreateSequence";
    case StepKind::kAlterSequence: return "AlterSequence";
    case StepKind::kRenameSequence: return "RenameSequence";
    case StepKind::kSetSequenceOwner: return "SetSequenceOwner";
    case StepKind::kDisownSequence: return "DisownSequence";
    case StepKind::kGrantOnSequence: return "GrantOnSequence";
    case StepKind::kRevokeOnSequence: return "RevokeOnSequence";
    case StepKind::kCommentSequence: return "CommentSequence";
    case StepKind::kDropSequence: return "DropSequence";
    case StepKind::kCreateDomain: return "CreateDomain";
    case StepKind::kAlterDomain: return "AlterDomain";
    case StepKind::kAddDomainCheck: return "AddDomainCheck";
    case StepKind::kCommentDomain: return "CommentDomain";
    case StepKind::kCreateCompositeType: return "CreateCompositeType";
    case StepKind::kAddAttribute: return "AddAttribute";
    case StepKind::kAlterAttributeType: return "AlterAttributeType";
    case StepKind::kCommentCompositeType: return "CommentCompositeType";
    case StepKind::kDropDomainCheck: return "DropDomainCheck";
    case StepKind::kDropAttribute: return "DropAttribute";
    case StepKind::kDropCompositeType: return "DropCompositeType";
    case StepKind::kDropDomain: return "DropDomain";
    case StepKind::kDropTrigger: return "DropTrigger";
    case StepKind::kDropView: return "DropView";
    case StepKind::kDropPolicy: return "DropPolicy";
    case StepKind::kDropIndex: return "DropIndex";
    case StepKind::kDropConstraint: return "DropConstraint";
    case StepKind::kDropColumn: return "DropColumn";
    case StepKind::kDropTable: return "DropTable";
    case StepKind::kDropFunction: return "DropFunction";
    case StepKind::kDropEnum: return "DropEnum";
    case StepKind::kDropExtension: return "DropExtension";
    case StepKind::kDropSchema: return "DropSchema";
  }
  return "?";
}

constexpr int kFirstKind = static_cast<int>(StepKind::kCreateSchema);
constexpr int kLastKind = static_cast<int>(StepKind::kDropSchema);

// The hazards a test asserts: all but NOT_TRANSACTIONAL (see the header comment).
uint32_t Asserted(uint32_t hazards) { return hazards & ~plan::kNotTransactional; }

// One line per step: "Kind: description [HAZARDS]".
std::vector<std::string> Lines(const plan::Plan& plan) {
  std::vector<std::string> out;
  for (const plan::Step& step : plan.steps) {
    out.push_back(std::string(KindName(step.kind)) + ": " + step.Describe() + " [" +
                  plan::HazardNames(Asserted(step.hazards)) + "]");
  }
  return out;
}

std::vector<StepKind> Kinds(const plan::Plan& plan) {
  std::vector<StepKind> out;
  for (const plan::Step& step : plan.steps) out.push_back(step.kind);
  return out;
}

// The index of the first step of `kind` named `name` (any name when empty); fails when none.
size_t IndexOf(const plan::Plan& plan, StepKind kind, const std::string& name = "") {
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    if (plan.steps[i].kind == kind && (name.empty() || plan.steps[i].name == name)) return i;
  }
  FAIL("no " << KindName(kind) << " step " << name);
  return 0;
}

const DiffOptions kAllowAll{/*allow_destructive=*/true, /*allow_enum_recreate=*/true};

// ---- One case per step kind -----------------------------------------------------------------

// From Base() changed by `from` to Base() changed by `to`.
struct KindCase {
  const char* name;
  std::function<void(ir::Schema&)> from;
  std::function<void(ir::Schema&)> to;
  std::vector<std::string> steps;  ///< Lines() of the plan.
  Renames renames = {};
};

// public.t (id bigint primary key, a text, n integer null) and an enum public.mood ('a', 'b').
ir::Schema Base() {
  return Db({Tbl("t", {Col("a"), Col("n", Type("integer"), true)})}, {Enum("mood", {"a", "b"})});
}

void Nothing(ir::Schema&) {}

// Schemas, extensions, enums and whole tables.
std::vector<KindCase> ObjectCases() {
  Renames rename_table;
  rename_table.tables[{"public", "old"}] = {"public", "t"};
  Renames rename_label;
  rename_label.enum_values[{{"public", "mood"}, "a"}] = "z";
  return {
      {"create schema", Nothing, [](ir::Schema& s) { s.schemas = {"app"}; },
       {"CreateSchema: create schema app []"}},
      {"grant on schema",
       [](ir::Schema& s) {
         s.schemas = {"app"};
         s.schema_grants = {{"app", "anon", {"usage"}, {}}};
       },
       [](ir::Schema& s) {
         s.schemas = {"app"};
         s.schema_grants = {{"app", "anon", {"usage", "create"}, {}},
                            {"app", "authenticated", {"usage"}, {}}};
       },
       {"GrantOnSchema: grant on schema app to anon [AUTHZ_CHANGE]",
        "GrantOnSchema: grant on schema app to authenticated [AUTHZ_CHANGE]"}},
      {"revoke on schema",
       [](ir::Schema& s) {
         s.schemas = {"app"};
         s.schema_grants = {{"app", "anon", {"usage", "create"}, {}}};
       },
       [](ir::Schema& s) {
         s.schemas = {"app"};
         s.schema_grants = {{"app", "anon", {"usage"}, {}}};
       },
       {"RevokeOnSchema: revoke on schema app from anon [AUTHZ_CHANGE]"}},
      {"grants of a new schema", Nothing,
       [](ir::Schema& s) {
         s.schemas = {"app"};
         s.schema_grants = {{"app", "anon", {"usage"}, {}}};
       },
       {"CreateSchema: create schema app []",
        "GrantOnSchema: grant on schema app to anon [AUTHZ_CHANGE]"}},
      {"grants go with a dropped schema",
       [](ir::Schema& s) {
         s.schemas = {"app"};
         s.schema_grants = {{"app", "anon", {"usage"}, {}}};
       },
       Nothing, {"DropSchema: drop schema app []"}},
      {"drop schema", [](ir::Schema& s) { s.schemas = {"app"}; }, Nothing,
       {"DropSchema: drop schema app []"}},
      {"create extension", Nothing,
       [](ir::Schema& s) { s.extensions = {{"pgcrypto", "", "", false, {}}}; },
       {"CreateExtension: create extension pgcrypto []"}},
      {"update extension", [](ir::Schema& s) { s.extensions = {{"vector", "", "0.7.0", false, {}}}; },
       [](ir::Schema& s) { s.extensions = {{"vector", "", "0.8.0", false, {}}}; },
       {"UpdateExtension: update extension vector to 0.8.0 []"}},
      {"move extension", [](ir::Schema& s) { s.extensions = {{"vector", "public", "", false, {}}}; },
       [](ir::Schema& s) { s.extensions = {{"vector", "extensions", "", false, {}}}; },
       {"SetExtensionSchema: move extension vector to schema extensions []"}},
      {"drop extension", [](ir::Schema& s) { s.extensions = {{"pgcrypto", "", "", false, {}}}; },
       Nothing, {"DropExtension: drop extension pgcrypto [DATA_LOSS]"}},
      {"create enum", Nothing, [](ir::Schema& s) { s.enums.push_back(Enum("size", {"s", "m"})); },
       {"CreateEnum: create enum public.size []"}},
      {"drop enum", [](ir::Schema& s) { s.enums.push_back(Enum("size", {"s", "m"})); }, Nothing,
       {"DropEnum: drop enum public.size [DATA_LOSS]"}},
      {"add enum value", Nothing,
       [](ir::Schema& s) { s.enums[0] = Enum("mood", {"a", "ab", "b"}); },
       {"AddEnumValue: add value 'ab' to enum public.mood []"}},
      {"rename enum value", Nothing, [](ir::Schema& s) { s.enums[0] = Enum("mood", {"z", "b"}); },
       {"RenameEnumValue: rename value 'a' of enum public.mood to 'z' []"}, rename_label},
      {"recreate enum (allow_enum_recreate)", Nothing,
       [](ir::Schema& s) { s.enums[0] = Enum("mood", {"b", "a"}); },
       {"RecreateEnum: recreate enum public.mood with new values "
        "[TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]"}},
      {"comment on enum", Nothing, [](ir::Schema& s) { s.enums[0].comment = "How one feels."; },
       {"CommentEnum: comment on enum public.mood []"}},
      {"rename table", [](ir::Schema& s) { At(s, "t").name.name = "old"; }, Nothing,
       {"RenameTable: rename table public.old to t [ACCESS_EXCLUSIVE_LOCK]"}, rename_table},
      {"create table", Nothing, [](ir::Schema& s) { s.tables.push_back(Tbl("u")); },
       {"CreateTable: create table public.u []"}},
      {"drop table", [](ir::Schema& s) { s.tables.push_back(Tbl("u")); }, Nothing,
       {"DropTable: drop table public.u [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]"}},
  };
}

// Columns, and renames of columns, constraints and indexes.
std::vector<KindCase> ColumnCases() {
  Renames rename_column;
  rename_column.columns[{{"public", "t"}, "a"}] = "b";
  return {
      {"rename column", Nothing, [](ir::Schema& s) { ColumnOf(s, "t", "a").name = "b"; },
       {"RenameColumn: rename column public.t.a to b []"}, rename_column},
      {"rename constraint",
       [](ir::Schema& s) { At(s, "t").uniques = {{"t_a_key", {"a"}, false, {}}}; },
       [](ir::Schema& s) { At(s, "t").uniques = {{"t_a_unique", {"a"}, false, {}}}; },
       {"RenameConstraint: rename unique constraint t_a_key on public.t to t_a_unique []"}},
      {"rename index", [](ir::Schema& s) { At(s, "t").indexes = {Idx("t_a_idx", "a")}; },
       [](ir::Schema& s) { At(s, "t").indexes = {Idx("t_a_index", "a")}; },
       {"RenameIndex: rename index t_a_idx on public.t to t_a_index []"}},
      {"add column", Nothing, [](ir::Schema& s) { At(s, "t").columns.push_back(Col("b")); },
       {"AddColumn: add column public.t.b (text) []"}},
      {"drop column", Nothing, [](ir::Schema& s) { At(s, "t").columns.pop_back(); },
       {"DropColumn: drop column public.t.n [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]"}},
      {"drop identity",
       [](ir::Schema& s) { ColumnOf(s, "t", "id").identity = ir::Identity::kAlways; }, Nothing,
       {"DropIdentity: drop identity of public.t.id []"}},
      {"drop default", [](ir::Schema& s) { ColumnOf(s, "t", "n").default_sql = "0"; }, Nothing,
       {"DropDefault: drop default of public.t.n []"}},
      {"drop expression",
       [](ir::Schema& s) {
         ColumnOf(s, "t", "n").generated = ir::Generated::kStored;
         ColumnOf(s, "t", "n").generated_sql = "length(a)";
       },
       Nothing, {"DropExpression: make public.t.n a plain column []"}},
      {"alter column type (widening)", Nothing,
       [](ir::Schema& s) { ColumnOf(s, "t", "n").type = Type("bigint"); },
       {"AlterColumnType: change type of public.t.n from integer to bigint "
        "[TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]"}},
      {"set default", Nothing, [](ir::Schema& s) { ColumnOf(s, "t", "n").default_sql = "0"; },
       {"SetDefault: set default of public.t.n []"}},
      {"drop not null", Nothing, [](ir::Schema& s) { ColumnOf(s, "t", "a").nullable = true; },
       {"DropNotNull: allow null in public.t.a []"}},
      {"set not null", Nothing, [](ir::Schema& s) { ColumnOf(s, "t", "n").nullable = false; },
       {"SetNotNull: set not null on public.t.n [ACCESS_EXCLUSIVE_LOCK]"}},
      {"alter not null (PostgreSQL 18 constraint name)", Nothing,
       [](ir::Schema& s) { ColumnOf(s, "t", "a").not_null_name = "a_required"; },
       {"AlterNotNull: alter the not null constraint of public.t.a [ACCESS_EXCLUSIVE_LOCK]"}},
      {"add identity", Nothing,
       [](ir::Schema& s) { ColumnOf(s, "t", "id").identity = ir::Identity::kByDefault; },
       {"AddIdentity: make public.t.id an identity column [ACCESS_EXCLUSIVE_LOCK]"}},
      {"set identity", [](ir::Schema& s) { ColumnOf(s, "t", "id").identity = ir::Identity::kAlways; },
       [](ir::Schema& s) { ColumnOf(s, "t", "id").identity = ir::Identity::kByDefault; },
       {"SetIdentity: change identity of public.t.id []"}},
  };
}

// Constraints, indexes, RLS, policies, grants, publications and comments.
std::vector<KindCase> MemberCases() {
  return {
      // On an existing table a check is added NOT VALID, then validated without blocking writes.
      {"add constraint", Nothing,
       [](ir::Schema& s) { At(s, "t").checks = {{"t_n_check", "n > 0", false, false, {}, {}}}; },
       {"AddConstraint: add check t_n_check on public.t [ACCESS_EXCLUSIVE_LOCK]",
        "ValidateConstraint: validate check t_n_check on public.t []"}},
      {"validate constraint",
       [](ir::Schema& s) { At(s, "t").checks = {{"t_n_check", "n > 0", false, true, {}, {}}}; },
       [](ir::Schema& s) { At(s, "t").checks = {{"t_n_check", "n > 0", false, false, {}, {}}}; },
       {"ValidateConstraint: validate check t_n_check on public.t []"}},
      {"create index", Nothing, [](ir::Schema& s) { At(s, "t").indexes = {Idx("t_a_idx", "a")}; },
       {"CreateIndex: create index t_a_idx on public.t [BLOCKS_WRITES]"}},
      {"set rls", Nothing, [](ir::Schema& s) { At(s, "t").rls_enabled = true; },
       {"SetRls: enable row level security on public.t [AUTHZ_CHANGE]"}},
      {"set force rls", Nothing, [](ir::Schema& s) { At(s, "t").rls_forced = true; },
       {"SetForceRls: force row level security on public.t [AUTHZ_CHANGE]"}},
      {"create policy", Nothing, [](ir::Schema& s) { At(s, "t").policies = {Pol("p", "true")}; },
       {"CreatePolicy: create policy \"p\" on public.t [AUTHZ_CHANGE]"}},
      {"alter policy", [](ir::Schema& s) { At(s, "t").policies = {Pol("p", "true")}; },
       [](ir::Schema& s) { At(s, "t").policies = {Pol("p", "true", {"anon", "authenticated"})}; },
       {"AlterPolicy: alter policy \"p\" on public.t [AUTHZ_CHANGE]"}},
      {"grant", Nothing, [](ir::Schema& s) { At(s, "t").grants = {{"anon", {"select"}, {}}}; },
       {"Grant: grant on public.t to anon [AUTHZ_CHANGE]"}},
      {"revoke", [](ir::Schema& s) { At(s, "t").grants = {{"anon", {"select"}, {}}}; }, Nothing,
       {"Revoke: revoke on public.t from anon [AUTHZ_CHANGE]"}},
      {"add to publication", Nothing,
       [](ir::Schema& s) { At(s, "t").publications = {{"supabase_realtime", {}, {}}}; },
       {"AddToPublication: add public.t to publication supabase_realtime []"}},
      {"drop from publication",
       [](ir::Schema& s) { At(s, "t").publications = {{"supabase_realtime", {}, {}}}; }, Nothing,
       {"DropFromPublication: remove public.t from publication supabase_realtime []"}},
      {"set replica identity", Nothing,
       [](ir::Schema& s) { At(s, "t").replica_identity = ir::ReplicaIdentity::kFull; },
       {"SetReplicaIdentity: set replica identity of public.t []"}},
      {"comment on table", Nothing, [](ir::Schema& s) { At(s, "t").comment = "Things."; },
       {"CommentTable: comment on table public.t []"}},
      {"comment on column", Nothing, [](ir::Schema& s) { ColumnOf(s, "t", "a").comment = "A."; },
       {"CommentColumn: comment on column public.t.a []"}},
      {"comment on policy", [](ir::Schema& s) { At(s, "t").policies = {Pol("p", "true")}; },
       [](ir::Schema& s) {
         At(s, "t").policies = {Pol("p", "true")};
         At(s, "t").policies[0].comment = "Everyone.";
       },
       {"CommentPolicy: comment on policy \"p\" on public.t []"}},
      {"alter constraint (a foreign key made deferrable in place)",
       [](ir::Schema& s) { At(s, "t").foreign_keys = {Fk("t_n_fkey", "n", "t", "id")}; },
       [](ir::Schema& s) {
         At(s, "t").foreign_keys = {Fk("t_n_fkey", "n", "t", "id")};
         At(s, "t").foreign_keys[0].deferrable = true;
       },
       {"AlterConstraint: make foreign key t_n_fkey on public.t deferrable initially immediate []"}},
      {"comment on constraint", Nothing,
       [](ir::Schema& s) { At(s, "t").primary_key->comment = "The key."; },
       {"CommentConstraint: comment on constraint t_pkey on public.t []"}},
      {"comment on index", [](ir::Schema& s) { At(s, "t").indexes = {Idx("t_a_idx", "a")}; },
       [](ir::Schema& s) {
         At(s, "t").indexes = {Idx("t_a_idx", "a")};
         At(s, "t").indexes[0].comment = "By a.";
       },
       {"CommentIndex: comment on index t_a_idx on public.t []"}},
      {"drop policy", [](ir::Schema& s) { At(s, "t").policies = {Pol("p", "true")}; }, Nothing,
       {"DropPolicy: drop policy \"p\" on public.t [AUTHZ_CHANGE]"}},
      {"drop index", [](ir::Schema& s) { At(s, "t").indexes = {Idx("t_a_idx", "a")}; }, Nothing,
       {"DropIndex: drop index t_a_idx on public.t [ACCESS_EXCLUSIVE_LOCK]"}},
      {"drop constraint",
       [](ir::Schema& s) { At(s, "t").uniques = {{"t_a_key", {"a"}, false, {}}}; }, Nothing,
       {"DropConstraint: drop unique constraint t_a_key on public.t [ACCESS_EXCLUSIVE_LOCK]"}},
  };
}

// public.f(integer) returning integer, in SQL, EXECUTE granted to PUBLIC (PostgreSQL's default).
ir::Function Fn(const std::string& body = "select $1") {
  ir::Function f;
  f.name = {"public", "f"};
  ir::FunctionArg arg;
  arg.name = "x";
  arg.type = Type("integer");
  f.args = {arg};
  f.returns = Type("integer");
  f.body = body;
  f.grants = {{"public", {"execute"}, {}}};
  return f;
}

// Functions: created, replaced, altered, granted, revoked, commented, dropped.
std::vector<KindCase> FunctionCases() {
  return {
      {"create function", Nothing, [](ir::Schema& s) { s.functions = {Fn()}; },
       {"CreateFunction: create function public.f(integer) []",
        "GrantOnFunction: grant execute on function public.f(integer) to public [AUTHZ_CHANGE]"}},
      {"replace function", [](ir::Schema& s) { s.functions = {Fn()}; },
       [](ir::Schema& s) { s.functions = {Fn("select $1 + 1")}; },
       {"ReplaceFunction: replace function public.f(integer) (body) []"}},
      {"alter function", [](ir::Schema& s) { s.functions = {Fn()}; },
       [](ir::Schema& s) {
         s.functions = {Fn()};
         s.functions[0].security_definer = true;
       },
       {"AlterFunction: alter function public.f(integer) (security definer) [AUTHZ_CHANGE]"}},
      {"grant on function", [](ir::Schema& s) { s.functions = {Fn()}; },
       [](ir::Schema& s) {
         s.functions = {Fn()};
         s.functions[0].grants.insert(s.functions[0].grants.begin(), {"anon", {"execute"}, {}});
       },
       {"GrantOnFunction: grant execute on function public.f(integer) to anon [AUTHZ_CHANGE]"}},
      {"revoke on function", [](ir::Schema& s) { s.functions = {Fn()}; },
       [](ir::Schema& s) {
         s.functions = {Fn()};
         s.functions[0].grants.clear();
       },
       {"RevokeOnFunction: revoke execute on function public.f(integer) from public "
        "[AUTHZ_CHANGE]"}},
      {"comment on function", [](ir::Schema& s) { s.functions = {Fn()}; },
       [](ir::Schema& s) {
         s.functions = {Fn()};
         s.functions[0].comment = "Adds nothing.";
       },
       {"CommentFunction: comment on function public.f(integer) []"}},
      {"drop function", [](ir::Schema& s) { s.functions = {Fn()}; }, Nothing,
       {"DropFunction: drop function public.f(integer) []"}},
  };
}

// Triggers: public.t's `tg`, after insert for each row, calling public.f().
ir::Trigger Trg(const std::string& name = "tg") {
  ir::Trigger t;
  t.name = name;
  t.table = {"public", "t"};
  t.timing = ir::TriggerTiming::kAfter;
  t.on_insert = true;
  t.level = ir::TriggerLevel::kRow;
  t.function = {"public", "f"};
  return t;
}

std::vector<KindCase> TriggerCases() {
  return {
      {"create trigger", Nothing, [](ir::Schema& s) { s.triggers = {Trg()}; },
       {"CreateTrigger: create trigger tg on public.t []"}},
      {"replace a changed trigger", [](ir::Schema& s) { s.triggers = {Trg()}; },
       [](ir::Schema& s) {
         s.triggers = {Trg()};
         s.triggers[0].when = "new.a <> ''";
       },
       {"CreateTrigger: create trigger tg on public.t []"}},
      {"disable trigger", [](ir::Schema& s) { s.triggers = {Trg()}; },
       [](ir::Schema& s) {
         s.triggers = {Trg()};
         s.triggers[0].enabled = ir::TriggerEnabled::kDisabled;
       },
       {"AlterTrigger: disable trigger tg on public.t []"}},
      {"comment on trigger", [](ir::Schema& s) { s.triggers = {Trg()}; },
       [](ir::Schema& s) {
         s.triggers = {Trg()};
         s.triggers[0].comment = "Audits.";
       },
       {"CommentTrigger: comment on trigger tg on public.t []"}},
      {"drop trigger", [](ir::Schema& s) { s.triggers = {Trg()}; }, Nothing,
       {"DropTrigger: drop trigger tg on public.t []"}},
  };
}

// A view public.NAME selecting `query`, with its columns as introspection reads them.
ir::View View(const std::string& name, const std::string& query,
              std::vector<std::string> columns = {"id"}) {
  ir::View view;
  view.name = {"public", name};
  view.query = query;
  for (const std::string& column : columns) view.columns.push_back({column, Type("bigint"), true, ""});
  return view;
}

// Views: created, replaced in place, altered, granted, commented, dropped.
std::vector<KindCase> ViewCases() {
  auto with_v = [](ir::Schema& s) { s.views = {View("v", "SELECT t.id FROM t")}; };
  return {
      {"create view", Nothing, with_v, {"CreateView: create view public.v []"}},
      {"replace view", with_v,
       [](ir::Schema& s) { s.views = {View("v", "SELECT t.id, t.n FROM t", {"id", "n"})}; },
       {"ReplaceView: replace view public.v []"}},
      {"alter view", with_v,
       [](ir::Schema& s) {
         s.views = {View("v", "SELECT t.id FROM t")};
         s.views[0].security_invoker = true;
       },
       {"AlterView: alter view public.v []"}},
      {"grant on view", with_v,
       [](ir::Schema& s) {
         s.views = {View("v", "SELECT t.id FROM t")};
         s.views[0].grants = {{"anon", {"select"}, {}}};
       },
       {"GrantOnView: grant on view public.v to anon [AUTHZ_CHANGE]"}},
      {"revoke on view",
       [](ir::Schema& s) {
         s.views = {View("v", "SELECT t.id FROM t")};
         s.views[0].grants = {{"anon", {"select"}, {}}};
       },
       with_v, {"RevokeOnView: revoke on view public.v from anon [AUTHZ_CHANGE]"}},
      {"comment on view", with_v,
       [](ir::Schema& s) {
         s.views = {View("v", "SELECT t.id FROM t")};
         s.views[0].comment = "Ids.";
       },
       {"CommentView: comment on view public.v []"}},
      {"comment on view column", with_v,
       [](ir::Schema& s) {
         s.views = {View("v", "SELECT t.id FROM t")};
         s.views[0].columns[0].comment = "The id.";
       },
       {"CommentViewColumn: comment on column public.v.id []"}},
      {"drop view", with_v, Nothing, {"DropView: drop view public.v []"}},
      {"owner declared", Nothing,
       [](ir::Schema& s) {
         s.owners = {{{ir::ObjectKind::kTable, {"public", "t"}, ""}, "app", {"t.schema", 1, 1}}};
       },
       {"SetOwner: set owner of table public.t to app [AUTHZ_CHANGE]"}},
  };
}

// Sequences, and identity options (kSetIdentity).
std::vector<KindCase> SequenceCases() {
  auto seq = [](ir::Schema& s) {
    ir::Sequence q;
    q.name = {"public", "s"};
    q.options = {1, 1, 1, 9223372036854775807, 1, false};
    s.sequences = {q};
  };
  Renames rename;
  rename.sequences[{"public", "old"}] = {"public", "s"};
  return {
      {"create sequence", Nothing, seq, {"CreateSequence: create sequence public.s []"}},
      {"alter sequence", seq,
       [seq](ir::Schema& s) {
         seq(s);
         s.sequences[0].options.increment = -1;
       },
       {"AlterSequence: alter sequence public.s []"}},
      {"rename sequence",
       [seq](ir::Schema& s) {
         seq(s);
         s.sequences[0].name.name = "old";
       },
       seq, {"RenameSequence: rename sequence public.old to s []"}, rename},
      {"owned by, then by another column",
       [seq](ir::Schema& s) {
         seq(s);
         s.sequences[0].owned_table = "t";
         s.sequences[0].owned_column = "n";
       },
       [seq](ir::Schema& s) {
         seq(s);
         s.sequences[0].owned_table = "t";
         s.sequences[0].owned_column = "id";
       },
       {"DisownSequence: make sequence public.s owned by no column []",
        "SetSequenceOwner: make sequence public.s owned by public.t.id []"}},
      {"grant on sequence", seq,
       [seq](ir::Schema& s) {
         seq(s);
         s.sequences[0].grants = {{"anon", {"usage"}, {}}};
       },
       {"GrantOnSequence: grant on sequence public.s to anon [AUTHZ_CHANGE]"}},
      {"revoke on sequence",
       [seq](ir::Schema& s) {
         seq(s);
         s.sequences[0].grants = {{"anon", {"usage"}, {}}};
       },
       seq, {"RevokeOnSequence: revoke on sequence public.s from anon [AUTHZ_CHANGE]"}},
      {"comment on sequence", seq,
       [seq](ir::Schema& s) {
         seq(s);
         s.sequences[0].comment = "Numbers.";
       },
       {"CommentSequence: comment on sequence public.s []"}},
      {"drop sequence", seq, Nothing, {"DropSequence: drop sequence public.s [DATA_LOSS]"}},
      {"identity options",
       [](ir::Schema& s) {
         ColumnOf(s, "t", "id").identity = ir::Identity::kAlways;
         ColumnOf(s, "t", "id").identity_options = {1, 1, 1, 9223372036854775807, 1, false};
       },
       [](ir::Schema& s) {
         ColumnOf(s, "t", "id").identity = ir::Identity::kAlways;
         ColumnOf(s, "t", "id").identity_options = {1, 2, 1, 9223372036854775807, 1, false};
       },
       {"SetIdentity: change identity of public.t.id []"}},
  };
}

// Domains and composite types (compiler/diff_types.cc).
ir::Domain Dom(std::string name, ir::ColumnType type = Type("text")) {
  ir::Domain d;
  d.name = {"public", std::move(name)};
  d.type = std::move(type);
  return d;
}

ir::CompositeType Composite(std::string name, std::vector<std::string> attributes) {
  ir::CompositeType c;
  c.name = {"public", std::move(name)};
  for (std::string& a : attributes) c.attributes.push_back({std::move(a), Type("integer"), "", {}});
  return c;
}

std::vector<KindCase> TypeCases() {
  auto with_d = [](ir::Schema& s) { s.domains = {Dom("d")}; };
  auto with_check = [](ir::Schema& s) {
    s.domains = {Dom("d")};
    s.domains[0].checks = {{"d_check", "VALUE <> ''::text", {}, {}}};
  };
  auto with_c = [](ir::Schema& s) { s.composite_types = {Composite("c", {"a", "b"})}; };
  return {
      {"create domain", Nothing, with_d, {"CreateDomain: create domain public.d []"}},
      {"set a domain's default", with_d,
       [](ir::Schema& s) {
         s.domains = {Dom("d")};
         s.domains[0].default_sql = "'x'::text";
       },
       {"AlterDomain: alter domain public.d: set default []"}},
      {"add a domain check", with_d, with_check,
       {"AddDomainCheck: add check d_check to domain public.d []"}},
      {"drop a domain check", with_check, with_d,
       {"DropDomainCheck: drop check d_check of domain public.d []"}},
      {"comment on domain", with_d,
       [](ir::Schema& s) {
         s.domains = {Dom("d")};
         s.domains[0].comment = "A d.";
       },
       {"CommentDomain: comment on domain public.d []"}},
      {"drop domain", with_d, Nothing, {"DropDomain: drop domain public.d [DATA_LOSS]"}},
      {"create composite type", Nothing, with_c,
       {"CreateCompositeType: create type public.c []"}},
      {"add attribute", with_c,
       [](ir::Schema& s) { s.composite_types = {Composite("c", {"a", "b", "z"})}; },
       {"AddAttribute: add attribute z to type public.c []"}},
      {"alter attribute type", with_c,
       [](ir::Schema& s) {
         s.composite_types = {Composite("c", {"a", "b"})};
         s.composite_types[0].attributes[0].type = Type("bigint");
       },
       {"AlterAttributeType: alter type of attribute public.c.a (bigint) []"}},
      {"drop attribute", with_c, [](ir::Schema& s) { s.composite_types = {Composite("c", {"a"})}; },
       {"DropAttribute: drop attribute public.c.b [DATA_LOSS]"}},
      {"comment on composite type", with_c,
       [](ir::Schema& s) {
         s.composite_types = {Composite("c", {"a", "b"})};
         s.composite_types[0].comment = "A c.";
       },
       {"CommentCompositeType: comment on type public.c []"}},
      {"drop composite type", with_c, Nothing,
       {"DropCompositeType: drop type public.c [DATA_LOSS]"}},
  };
}

}  // namespace
}  // namespace schemac

namespace Catch {
template <>
struct StringMaker<schemac::plan::StepKind> {
  static std::string convert(schemac::plan::StepKind kind) { return schemac::KindName(kind); }
};
}  // namespace Catch

namespace schemac {
namespace {

TEST_CASE("each step kind is planned from a pair of schemas, with its description and hazards",
          "[plan]") {
  std::set<StepKind> covered;
  std::vector<KindCase> cases = ObjectCases();
  for (auto more : {ColumnCases, MemberCases, FunctionCases, TriggerCases, ViewCases,
                    SequenceCases, TypeCases}) {
    for (KindCase& c : more()) cases.push_back(std::move(c));
  }
  for (const KindCase& c : cases) {
    INFO("case: " << c.name);
    ir::Schema from = Base();
    ir::Schema to = Base();
    c.from(from);
    c.to(to);
    from.Reindex();
    to.Reindex();
    plan::Plan plan = Diff(from, to, c.renames, kAllowAll);
    CHECK(plan.errors.empty());
    CHECK(Lines(plan) == c.steps);
    for (const plan::Step& step : plan.steps) covered.insert(step.kind);
  }
  // A new kind needs a case here.
  for (int kind = kFirstKind; kind <= kLastKind; ++kind) {
    INFO("step kind without a case: " << KindName(static_cast<StepKind>(kind)));
    CHECK(covered.count(static_cast<StepKind>(kind)) == 1);
  }
}

// A domain used by a column cannot change its base type in place: refused, naming the column;
// a new domain is created before the table that uses it, and dropped after the column.
TEST_CASE("plan: domains change in place, or are refused while used", "[plan]") {
  ir::Schema from = Base();
  from.domains = {Dom("d")};
  At(from, "t").columns.push_back(Col("c", {ir::TypeKind::kOther, "public", "d", {}, 0}));
  ir::Schema to = from;
  to.domains[0].type = Type("integer");
  from.Reindex();
  to.Reindex();
  plan::Plan refused = Diff(from, to, {}, kAllowAll);
  REQUIRE(refused.errors.size() == 1);
  CHECK(refused.errors[0].find("domain public.d changes its base type from text to integer") !=
        std::string::npos);
  CHECK(refused.errors[0].find("column public.t.c") != std::string::npos);

  ir::Schema empty = Base();
  empty.Reindex();
  plan::Plan up = Diff(empty, from, {}, kAllowAll);
  CHECK(IndexOf(up, StepKind::kCreateDomain) < IndexOf(up, StepKind::kAddColumn, "c"));
  plan::Plan down = Diff(from, empty, {}, kAllowAll);
  CHECK(IndexOf(down, StepKind::kDropColumn, "c") < IndexOf(down, StepKind::kDropDomain));
}

TEST_CASE("the same schema plans nothing", "[plan]") {
  ir::Schema schema = Base();
  ir::Table& t = At(schema, "t");
  t.indexes = {Idx("t_a_idx", "a")};
  t.checks = {{"t_n_check", "n > 0", false, false, {}, {}}};
  t.rls_enabled = true;
  t.policies = {Pol("p", "a = 'x'")};
  t.grants = {{"anon", {"select"}, {}}};
  t.publications = {{"supabase_realtime", {}, {}}};
  t.comment = "Things.";
  schema.tables.push_back(Tbl("u", {Col("t_id", Type("bigint"))}));
  schema.tables.back().foreign_keys = {Fk("u_t_id_fkey", "t_id", "t", "id")};
  schema.schemas = {"app"};
  schema.extensions = {{"pgcrypto", "", "1.3", false, {}}};
  schema.Reindex();
  plan::Plan plan = Diff(schema, schema, {});
  CHECK(plan.steps.empty());
  CHECK(plan.errors.empty());
}

TEST_CASE("a new table is created before its foreign keys, indexes, policies and comments",
          "[plan]") {
  ir::Schema from = Db({Tbl("t")});
  ir::Schema to = from;
  ir::Table u = Tbl("u", {Col("t_id", Type("bigint")), Col("mood", EnumType("mood"))});
  u.foreign_keys = {Fk("u_t_id_fkey", "t_id", "t", "id")};
  u.checks = {{"u_t_id_check", "t_id > 0", false, false, {}, {}}};
  u.indexes = {Idx("u_t_id_idx", "t_id")};
  u.rls_enabled = true;
  u.policies = {Pol("p", "true")};
  u.policies[0].comment = "Everyone.";
  u.grants = {{"anon", {"select"}, {}}};
  u.comment = "Us.";
  u.columns[1].comment = "The t.";
  to.tables.push_back(u);
  to.enums = {Enum("mood", {"a", "b"})};
  to.Reindex();
  plan::Plan plan = Diff(from, to, {});
  CHECK(plan.errors.empty());
  // The check is created with the table (valid, no separate step); the foreign key of a new
  // table is added valid (no VALIDATE step).
  CHECK(Lines(plan) == std::vector<std::string>{
                           "CreateEnum: create enum public.mood []",
                           "CreateTable: create table public.u []",
                           // It blocks writes to t (which exists) until the commit.
                           "AddConstraint: add foreign key u_t_id_fkey on public.u "
                           "[BLOCKS_WRITES]",
                           "CreateIndex: create index u_t_id_idx on public.u []",
                           "SetRls: enable row level security on public.u [AUTHZ_CHANGE]",
                           "CreatePolicy: create policy \"p\" on public.u [AUTHZ_CHANGE]",
                           "Grant: grant on public.u to anon [AUTHZ_CHANGE]",
                           "CommentTable: comment on table public.u []",
                           "CommentColumn: comment on column public.u.t_id []",
                           "CommentPolicy: comment on policy \"p\" on public.u []",
                       });
}

TEST_CASE("drops come before creations, in reverse dependency order", "[plan]") {
  SECTION("a dropped column goes before an added one, and before the enum it used") {
    ir::Schema from = Db({Tbl("t", {Col("mood", EnumType("mood"))})}, {Enum("mood", {"a"})});
    ir::Schema to = Db({Tbl("t", {Col("b")})});
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    CHECK(Kinds(plan) ==
          std::vector<StepKind>{StepKind::kDropColumn, StepKind::kAddColumn, StepKind::kDropEnum});
  }
  SECTION("an enum is created before the column that uses it") {
    ir::Schema from = Db({Tbl("t")});
    ir::Schema to = Db({Tbl("t", {Col("mood", EnumType("mood"))})}, {Enum("mood", {"a"})});
    plan::Plan plan = Diff(from, to, {});
    CHECK(Kinds(plan) == std::vector<StepKind>{StepKind::kCreateEnum, StepKind::kAddColumn});
  }
  SECTION("a policy is dropped before the column it reads") {
    ir::Schema from = Db({Tbl("t", {Col("owner")})});
    At(from, "t").policies = {Pol("own", "owner = current_user")};
    ir::Schema to = Db({Tbl("t")});
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    CHECK(Kinds(plan) == std::vector<StepKind>{StepKind::kDropPolicy, StepKind::kDropColumn});
  }
  SECTION("a policy reading a column whose type changes is dropped before and made again after") {
    ir::Schema from = Db({Tbl("t", {Col("owner")})});
    At(from, "t").policies = {Pol("own", "owner = current_user")};
    ir::Schema to = from;
    ColumnOf(to, "t", "owner").type = Type("name");
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    CHECK(Kinds(plan) == std::vector<StepKind>{StepKind::kDropPolicy, StepKind::kAlterColumnType,
                                               StepKind::kCreatePolicy});
  }
  SECTION("an index is dropped before the column it reads") {
    ir::Schema from = Db({Tbl("t", {Col("a")})});
    At(from, "t").indexes = {Idx("t_a_idx", "a")};
    ir::Schema to = Db({Tbl("t")});
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    CHECK(Kinds(plan) == std::vector<StepKind>{StepKind::kDropIndex, StepKind::kDropColumn});
  }
  SECTION("a foreign key is dropped before the key it references") {
    ir::Schema from = Db({Tbl("t", {Col("code")}), Tbl("u", {Col("t_code")})});
    At(from, "t").uniques = {{"t_code_key", {"code"}, false, {}}};
    At(from, "u").foreign_keys = {Fk("u_t_code_fkey", "t_code", "t", "code")};
    ir::Schema to = Db({Tbl("t", {Col("code")}), Tbl("u", {Col("t_code")})});
    plan::Plan plan = Diff(from, to, {});
    CHECK(Lines(plan) == std::vector<std::string>{
                             "DropConstraint: drop foreign key u_t_code_fkey on public.u "
                             "[ACCESS_EXCLUSIVE_LOCK]",
                             "DropConstraint: drop unique constraint t_code_key on public.t "
                             "[ACCESS_EXCLUSIVE_LOCK]",
                         });
  }
  SECTION("an exclusion constraint or a key's deferrability changed is dropped and added again") {
    ir::Schema from = Db({Tbl("t", {Col("r", Type("int4range"))})});
    ir::ExclusionConstraint exclusion;
    exclusion.name = "t_r_excl";
    exclusion.elements = {{"r", "", "", "&&"}};
    At(from, "t").exclusions = {exclusion};
    ir::Schema to = from;
    At(to, "t").exclusions[0].where = "r <> 'empty'";
    At(to, "t").primary_key->deferrable = true;
    plan::Plan plan = Diff(from, to, {});
    CHECK(Lines(plan) == std::vector<std::string>{
                             "DropConstraint: drop primary key t_pkey on public.t [ACCESS_EXCLUSIVE_LOCK]",
                             "DropConstraint: drop exclusion constraint t_r_excl on public.t "
                             "[ACCESS_EXCLUSIVE_LOCK]",
                             "AddConstraint: add primary key t_pkey on public.t [ACCESS_EXCLUSIVE_LOCK]",
                             "AddConstraint: add exclusion constraint t_r_excl on public.t "
                             "[ACCESS_EXCLUSIVE_LOCK]",
                         });
    At(to, "t").exclusions[0].comment = "No overlap.";
    At(to, "t").exclusions[0].where.clear();
    At(to, "t").primary_key->deferrable = false;
    CHECK(Lines(Diff(from, to, {})) ==
          std::vector<std::string>{"CommentConstraint: comment on constraint t_r_excl on public.t []"});
  }
  SECTION("a foreign key is added after the unique index it references") {
    ir::Schema from = Db({Tbl("t", {Col("code")}), Tbl("a", {Col("t_code")})});
    ir::Schema to = from;
    ir::Index index = Idx("t_code_idx", "code");
    index.unique = true;
    At(to, "t").indexes = {index};
    At(to, "a").foreign_keys = {Fk("a_t_code_fkey", "t_code", "t", "code")};
    plan::Plan plan = Diff(from, to, {});
    CHECK(IndexOf(plan, StepKind::kCreateIndex) < IndexOf(plan, StepKind::kAddConstraint));
    CHECK(IndexOf(plan, StepKind::kAddConstraint) < IndexOf(plan, StepKind::kValidateConstraint));
  }
  SECTION("a foreign key on a key replaced by a primary key is dropped first, added again after") {
    ir::Schema from = Db({Tbl("t", {Col("code")}), Tbl("u", {Col("t_id", Type("bigint"))})});
    At(from, "t").primary_key.reset();
    At(from, "t").uniques = {{"t_id_key", {"id"}, false, {}}};
    At(from, "u").foreign_keys = {Fk("u_t_id_fkey", "t_id", "t", "id")};
    ir::Schema to = Db({Tbl("t", {Col("code")}), Tbl("u", {Col("t_id", Type("bigint"))})});
    At(to, "u").foreign_keys = {Fk("u_t_id_fkey", "t_id", "t", "id")};
    plan::Plan plan = Diff(from, to, {});
    CHECK(Lines(plan) == std::vector<std::string>{
                             "DropConstraint: drop foreign key u_t_id_fkey on public.u "
                             "[ACCESS_EXCLUSIVE_LOCK]",
                             "DropConstraint: drop unique constraint t_id_key on public.t "
                             "[ACCESS_EXCLUSIVE_LOCK]",
                             "AddConstraint: add primary key t_pkey on public.t [ACCESS_EXCLUSIVE_LOCK]",
                             "AddConstraint: add foreign key u_t_id_fkey on public.u [BLOCKS_WRITES]",
                             "ValidateConstraint: validate foreign key u_t_id_fkey on public.u []",
                         });
    plan::Plan down = Diff(to, from, {});
    CHECK(IndexOf(down, StepKind::kDropConstraint, "u_t_id_fkey") <
          IndexOf(down, StepKind::kDropConstraint, "t_pkey"));
    CHECK(IndexOf(down, StepKind::kAddConstraint, "t_id_key") <
          IndexOf(down, StepKind::kAddConstraint, "u_t_id_fkey"));
  }
  SECTION("dropped tables lose their policies and foreign keys first, whatever their order") {
    ir::Schema from = Db({Tbl("t"), Tbl("u", {Col("t_id", Type("bigint"))})});
    At(from, "t").policies = {Pol("p", "true")};
    At(from, "u").foreign_keys = {Fk("u_t_id_fkey", "t_id", "t", "id")};
    ir::Schema to = Db({});
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    CHECK(Kinds(plan) == std::vector<StepKind>{StepKind::kDropPolicy, StepKind::kDropConstraint,
                                               StepKind::kDropTable, StepKind::kDropTable});
    CHECK(plan.steps[1].name == "u_t_id_fkey");
  }
  SECTION("a foreign key to a new table is added after the table is created") {
    ir::Schema from = Db({Tbl("u", {Col("t_id", Type("bigint"))})});
    ir::Schema to = from;
    to.tables.push_back(Tbl("t"));
    At(to, "u").foreign_keys = {Fk("u_t_id_fkey", "t_id", "t", "id")};
    to.Reindex();
    plan::Plan plan = Diff(from, to, {});
    CHECK(IndexOf(plan, StepKind::kCreateTable) < IndexOf(plan, StepKind::kAddConstraint));
    CHECK(IndexOf(plan, StepKind::kAddConstraint) < IndexOf(plan, StepKind::kValidateConstraint));
  }
  SECTION("renames come first: later steps name objects by their new names") {
    ir::Schema from = Db({Tbl("old", {Col("a")})});
    ir::Schema to = Db({Tbl("t", {Col("b"), Col("c")})});
    At(to, "t").primary_key->name = "old_pkey";  // Kept by PostgreSQL on a rename.
    Renames renames;
    renames.tables[{"public", "old"}] = {"public", "t"};
    renames.columns[{{"public", "t"}, "a"}] = "b";
    plan::Plan plan = Diff(from, to, renames);
    CHECK(Lines(plan) == std::vector<std::string>{
                             "RenameTable: rename table public.old to t [ACCESS_EXCLUSIVE_LOCK]",
                             "RenameColumn: rename column public.t.a to b []",
                             "AddColumn: add column public.t.c (text) []",
                         });
  }
  SECTION("schemas, extensions and enums are made before tables and dropped after them") {
    ir::Schema from = Db({Tbl("t")});
    from.schemas = {"old"};
    from.extensions = {{"citext", "", "", false, {}}};
    ir::Schema to = Db({Tbl("u")}, {Enum("mood", {"a"})});
    to.schemas = {"app"};
    to.extensions = {{"pgcrypto", "", "", false, {}}};
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    CHECK(Kinds(plan) == std::vector<StepKind>{StepKind::kDropTable, StepKind::kCreateSchema,
                                               StepKind::kCreateExtension, StepKind::kCreateEnum,
                                               StepKind::kCreateTable, StepKind::kDropExtension,
                                               StepKind::kDropSchema});
  }
}

TEST_CASE("hazards: data loss, table rewrite and authorization changes", "[plan]") {
  auto type_change = [](ir::ColumnType before, ir::ColumnType after) {
    ir::Schema from = Db({Tbl("t", {Col("c", before)})});
    ir::Schema to = Db({Tbl("t", {Col("c", after)})});
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    REQUIRE(plan.steps.size() == 1);
    return plan::HazardNames(Asserted(plan.steps[0].hazards));
  };
  // Narrowing: values can be cut without an error.
  CHECK(type_change(Type("text"), Type("character varying", {3})) ==
        "DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK");
  CHECK(type_change(Type("numeric", {10, 2}), Type("numeric", {10, 1})) ==
        "DATA_LOSS, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK");
  // Widening in the catalog only: no rewrite, no loss.
  CHECK(type_change(Type("character varying", {3}), Type("text")) == "ACCESS_EXCLUSIVE_LOCK");
  CHECK(type_change(Type("character varying", {3}), Type("character varying", {10})) ==
        "ACCESS_EXCLUSIVE_LOCK");
  // Exact or an error, but a rewrite.
  CHECK(type_change(Type("bigint"), Type("integer")) == "TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK");

  SECTION("a stored generated column added rewrites the table; a virtual one does not") {
    ir::Schema from = Db({Tbl("t", {Col("a")})});
    ir::Schema to = from;
    ir::Column g = Col("g", Type("integer"));
    g.generated = ir::Generated::kStored;
    g.generated_sql = "length(a)";
    At(to, "t").columns.push_back(g);
    CHECK(Lines(Diff(from, to, {})) ==
          std::vector<std::string>{
              "AddColumn: add column public.t.g (integer) [TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]"});
  }
  SECTION("stored to virtual is a drop and an add of the column") {
    ir::Schema from = Db({Tbl("t", {Col("a"), Col("g", Type("integer"))})});
    ColumnOf(from, "t", "g").generated = ir::Generated::kStored;
    ColumnOf(from, "t", "g").generated_sql = "length(a)";
    ir::Schema to = from;
    ColumnOf(to, "t", "g").generated = ir::Generated::kVirtual;
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    CHECK(Lines(plan) ==
          std::vector<std::string>{
              "DropColumn: drop column public.t.g [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]",
              "AddColumn: add column public.t.g (integer) [ACCESS_EXCLUSIVE_LOCK]",
          });
  }
  SECTION("every RLS, policy and grant change is an authorization change") {
    ir::Schema from = Db({Tbl("t")});
    At(from, "t").rls_enabled = true;
    At(from, "t").rls_forced = true;
    At(from, "t").policies = {Pol("p", "true")};
    At(from, "t").grants = {{"anon", {"select", "insert"}, {}}};
    ir::Schema to = Db({Tbl("t")});
    At(to, "t").policies = {Pol("q", "true")};
    At(to, "t").grants = {{"anon", {"select"}, {}}, {"authenticated", {"select"}, {}}};
    plan::Plan plan = Diff(from, to, {});
    REQUIRE(plan.steps.size() == 6);
    for (const plan::Step& step : plan.steps) {
      INFO(step.Describe());
      CHECK(Asserted(step.hazards) == plan::kAuthzChange);
    }
    CHECK(plan.Hazards() & plan::kAuthzChange);
  }
  SECTION("a drop of a table, column or enum is data loss; of an index or policy it is not") {
    ir::Schema from = Base();
    At(from, "t").indexes = {Idx("t_a_idx", "a")};
    ir::Schema to = Db({});
    plan::Plan plan = Diff(from, to, {}, kAllowAll);
    for (const plan::Step& step : plan.steps) {
      INFO(step.Describe());
      bool loses_data = step.kind == StepKind::kDropTable || step.kind == StepKind::kDropEnum;
      CHECK(((step.hazards & plan::kDataLoss) != 0) == loses_data);
    }
  }
}

TEST_CASE("lock hazards: what runs on a table the plan creates blocks nobody", "[plan]") {
  ir::Schema from = Db({Tbl("t", {Col("a")})});
  ir::Schema to = from;
  // On the existing table t: an index, a check, a unique constraint, a foreign key to t itself
  // and one to the new table n.
  At(to, "t").columns.push_back(Col("n_id", Type("bigint"), true));
  At(to, "t").columns.push_back(Col("parent", Type("bigint"), true));
  At(to, "t").indexes = {Idx("t_a_idx", "a")};
  At(to, "t").checks = {{"t_a_check", "a <> ''", false, false, {}, {}}};
  At(to, "t").uniques = {{"t_a_key", {"a"}, false, {}}};
  At(to, "t").foreign_keys = {Fk("t_parent_fkey", "parent", "t", "id"),
                              Fk("t_n_id_fkey", "n_id", "n", "id")};
  // The new table n: an index, a NOT VALID check, a foreign key to itself, one to the new
  // table m and one to the existing table t.
  ir::Table n = Tbl("n", {Col("a"), Col("m_id", Type("bigint")), Col("t_id", Type("bigint")),
                          Col("parent", Type("bigint"))});
  n.indexes = {Idx("n_a_idx", "a")};
  n.checks = {{"n_a_check", "a <> ''", false, true, {}, {}}};
  n.foreign_keys = {Fk("n_parent_fkey", "parent", "n", "id"), Fk("n_m_id_fkey", "m_id", "m", "id"),
                    Fk("n_t_id_fkey", "t_id", "t", "id")};
  to.tables.push_back(n);
  to.tables.push_back(Tbl("m"));
  to.Reindex();
  std::map<std::string, std::string> hazards;
  for (const plan::Step& step : Diff(from, to, {}).steps) {
    if (step.kind == StepKind::kAddConstraint || step.kind == StepKind::kCreateIndex ||
        step.kind == StepKind::kValidateConstraint) {
      hazards[std::string(KindName(step.kind)) + " " + step.name] = plan::HazardNames(step.hazards);
    }
  }
  CHECK(hazards == std::map<std::string, std::string>{
                       // An index build blocks writes to an existing table until it finishes.
                       {"CreateIndex t_a_idx", "BLOCKS_WRITES"},
                       {"AddConstraint t_a_check", "ACCESS_EXCLUSIVE_LOCK"},
                       {"ValidateConstraint t_a_check", ""},
                       {"AddConstraint t_a_key", "ACCESS_EXCLUSIVE_LOCK"},
                       // A foreign key blocks writes to both of its tables until the commit.
                       {"AddConstraint t_parent_fkey", "BLOCKS_WRITES"},
                       {"ValidateConstraint t_parent_fkey", ""},
                       {"AddConstraint t_n_id_fkey", "BLOCKS_WRITES"},
                       {"ValidateConstraint t_n_id_fkey", ""},
                       // Nothing on the new tables blocks anyone, but the reference to t.
                       {"CreateIndex n_a_idx", ""},
                       {"AddConstraint n_a_check", ""},
                       {"AddConstraint n_parent_fkey", ""},
                       {"AddConstraint n_m_id_fkey", ""},
                       {"AddConstraint n_t_id_fkey", "BLOCKS_WRITES"},
                   });

  SECTION("with concurrent indexes, every index build is outside the transaction instead") {
    for (const plan::Step& step : Diff(from, to, {}, {.concurrent_indexes = true}).steps) {
      if (step.kind != StepKind::kCreateIndex) continue;
      INFO(step.Describe());
      CHECK(step.hazards == plan::kNotTransactional);
    }
  }
  SECTION("a dropped index takes its table's ACCESS EXCLUSIVE lock") {
    plan::Plan dropped = Diff(to, Db({Tbl("t", {Col("a")})}), {}, kAllowAll);
    bool seen = false;
    for (const plan::Step& step : dropped.steps) {
      if (step.kind != StepKind::kDropIndex) continue;
      seen = true;
      CHECK(step.Describe() == "drop index t_a_idx on public.t");
      CHECK(plan::HazardNames(step.hazards) == "ACCESS_EXCLUSIVE_LOCK");
    }
    CHECK(seen);
  }
}

TEST_CASE("refusals: destructive steps, removed enum values, both names of a rename", "[plan]") {
  SECTION("each destructive step is refused without allow_destructive, and listed") {
    ir::Schema from = Db({Tbl("t", {Col("a")}), Tbl("u")});
    ir::Schema to = Db({Tbl("t", {Col("a", Type("character varying", {3}))})});
    plan::Plan plan = Diff(from, to, {});
    CHECK(plan.errors ==
          std::vector<std::string>{
              "refused (DATA_LOSS, pass --allow-destructive): drop table public.u",
              "refused (DATA_LOSS, pass --allow-destructive): change type of public.t.a from "
              "text to character varying(3)",
          });
    // The steps are still planned (to be listed); with the option there is no error.
    CHECK(plan.steps.size() == 2);
    CHECK(Diff(from, to, {}, {/*allow_destructive=*/true, false}).errors.empty());
  }
  SECTION("an enum value removed or reordered is refused without allow_enum_recreate") {
    ir::Schema from = Db({}, {Enum("mood", {"a", "b", "c"})});
    ir::Schema removed = Db({}, {Enum("mood", {"a"})});
    plan::Plan plan = Diff(from, removed, {});
    CHECK(plan.errors == std::vector<std::string>{
                             "enum public.mood loses values 'b', 'c': PostgreSQL cannot remove an "
                             "enum value (keep the old values in their order, rename with a hint, "
                             "or pass --allow-enum-recreate to recreate the type and convert its "
                             "columns)"});
    CHECK(plan.steps.empty());
    ir::Schema reordered = Db({}, {Enum("mood", {"c", "a", "b"})});
    CHECK(Diff(from, reordered, {}).errors ==
          std::vector<std::string>{
              "enum public.mood reorders its values: PostgreSQL cannot reorder enum values in "
              "place (keep the old values in their order, rename with a hint, or pass "
              "--allow-enum-recreate to recreate the type and convert its columns)"});
    plan::Plan recreated = Diff(from, removed, {}, {false, /*allow_enum_recreate=*/true});
    CHECK(recreated.errors.empty());
    CHECK(Kinds(recreated) == std::vector<StepKind>{StepKind::kRecreateEnum});
  }
  SECTION("a renamed label is not a removed one") {
    ir::Schema from = Db({}, {Enum("mood", {"a", "b"})});
    ir::Schema to = Db({}, {Enum("mood", {"a", "bee"})});
    Renames renames;
    renames.enum_values[{{"public", "mood"}, "b"}] = "bee";
    plan::Plan plan = Diff(from, to, renames);
    CHECK(plan.errors.empty());
    CHECK(Kinds(plan) == std::vector<StepKind>{StepKind::kRenameEnumValue});
  }
  SECTION("a table renamed while both names exist is refused") {
    ir::Schema from = Db({Tbl("old"), Tbl("t")});
    ir::Schema to = Db({Tbl("t")});
    to.tables[0].renamed_from = "old";
    plan::Plan plan = Diff(from, to, RenamesFromHints(to), kAllowAll);
    CHECK(plan.errors == std::vector<std::string>{
                             "table public.t is renamed from public.old, but both exist in the "
                             "database: drop one, or remove the rename hint"});
  }
  SECTION("a column renamed while both names exist is refused") {
    ir::Schema from = Db({Tbl("t", {Col("a"), Col("b")})});
    ir::Schema to = Db({Tbl("t", {Col("b")})});
    ColumnOf(to, "t", "b").renamed_from = "a";
    plan::Plan plan = Diff(from, to, RenamesFromHints(to), kAllowAll);
    // Once, although Diff looks the old column up twice (for the column's own steps and again
    // to rename the table's members).
    CHECK(plan.errors == std::vector<std::string>{
                             "column public.t.b is renamed from a, but both exist in the "
                             "database: drop one, or remove the rename hint"});
  }
  SECTION("a hint whose new name is already there is nothing to do") {
    ir::Schema from = Db({Tbl("t", {Col("b")})});
    ir::Schema to = from;
    At(to, "t").renamed_from = "old";
    ColumnOf(to, "t", "b").renamed_from = "a";
    plan::Plan plan = Diff(from, to, RenamesFromHints(to));
    CHECK(plan.errors.empty());
    CHECK(plan.steps.empty());
  }
}

TEST_CASE("RenamesFromHints reads tables, columns and enum labels", "[plan]") {
  ir::Schema hinted = Db({Tbl("t", {Col("b")})}, {Enum("mood", {"z"})});
  hinted.tables[0].renamed_from = "old";
  ColumnOf(hinted, "t", "b").renamed_from = "a";
  hinted.enums[0].values[0].renamed_from = "a";
  Renames renames = RenamesFromHints(hinted);
  CHECK(renames.tables == std::map<ir::QualifiedName, ir::QualifiedName>{
                              {{"public", "old"}, {"public", "t"}}});
  CHECK(renames.columns.at({{"public", "t"}, "a"}) == "b");
  CHECK(renames.enum_values.at({{"public", "mood"}, "a"}) == "z");
  Renames inverted = renames.Inverted();
  CHECK(inverted.tables.at({"public", "t"}) == ir::QualifiedName{"public", "old"});
  // Keyed by the table as the reverse plan's target names it: its old name.
  CHECK(inverted.columns.at({{"public", "old"}, "b"}) == "a");
  CHECK(inverted.enum_values.at({{"public", "mood"}, "z"}) == "a");
}

TEST_CASE("the reverse plan: Diff(to, from, renames.Inverted()) undoes the up plan", "[plan]") {
  SECTION("renames are reversed") {
    ir::Schema from = Db({Tbl("old", {Col("a")})}, {Enum("mood", {"a", "b"})});
    ir::Schema to = Db({Tbl("t", {Col("b")})}, {Enum("mood", {"z", "b"})});
    At(to, "t").primary_key->name = "old_pkey";
    Renames renames;
    renames.tables[{"public", "old"}] = {"public", "t"};
    renames.columns[{{"public", "t"}, "a"}] = "b";
    renames.enum_values[{{"public", "mood"}, "a"}] = "z";
    plan::Plan up = Diff(from, to, renames);
    CHECK(up.errors.empty());
    CHECK(Lines(up) == std::vector<std::string>{
                           "RenameTable: rename table public.old to t [ACCESS_EXCLUSIVE_LOCK]",
                           "RenameColumn: rename column public.t.a to b []",
                           "RenameEnumValue: rename value 'a' of enum public.mood to 'z' []",
                       });
    plan::Plan down = Diff(to, from, renames.Inverted());
    CHECK(down.errors.empty());
    CHECK(Lines(down) == std::vector<std::string>{
                             "RenameTable: rename table public.t to old [ACCESS_EXCLUSIVE_LOCK]",
                             "RenameColumn: rename column public.old.b to a []",
                             "RenameEnumValue: rename value 'z' of enum public.mood to 'a' []",
                         });
  }
  SECTION("what the up plan adds the down plan drops, as data loss; and the other way") {
    ir::Schema from = Base();
    ir::Schema to = Base();
    At(to, "t").columns.push_back(Col("b"));
    At(to, "t").indexes = {Idx("t_b_idx", "b")};
    At(to, "t").grants = {{"anon", {"select"}, {}}};
    to.tables.push_back(Tbl("u"));
    to.Reindex();
    plan::Plan up = Diff(from, to, {});
    CHECK(up.errors.empty());
    plan::Plan down = Diff(to, from, Renames{}.Inverted());
    CHECK(Lines(down) ==
          std::vector<std::string>{
              "DropIndex: drop index t_b_idx on public.t [ACCESS_EXCLUSIVE_LOCK]",
              "DropColumn: drop column public.t.b [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]",
              "DropTable: drop table public.u [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]",
              "Revoke: revoke on public.t from anon [AUTHZ_CHANGE]",
          });
    CHECK(down.errors.size() == 2);  // The two DATA_LOSS steps, refused by default.
  }
  SECTION("an added enum value cannot be taken back without recreating the enum") {
    ir::Schema from = Db({}, {Enum("mood", {"a"})});
    ir::Schema to = Db({}, {Enum("mood", {"a", "b"})});
    CHECK(Kinds(Diff(from, to, {})) == std::vector<StepKind>{StepKind::kAddEnumValue});
    plan::Plan down = Diff(to, from, {});
    CHECK(down.steps.empty());
    CHECK(down.errors.size() == 1);
    CHECK(Kinds(Diff(to, from, {}, {false, true})) ==
          std::vector<StepKind>{StepKind::kRecreateEnum});
  }
  SECTION("up then down: diffing the up result with the start plans the down steps, and the "
          "start with itself plans nothing") {
    ir::Schema from = Base();
    ir::Schema to = Base();
    ColumnOf(to, "t", "n").type = Type("bigint");
    ColumnOf(to, "t", "n").default_sql = "0";
    At(to, "t").rls_enabled = true;
    At(to, "t").policies = {Pol("p", "n > 0")};
    plan::Plan up = Diff(from, to, {});
    plan::Plan down = Diff(to, from, {});
    CHECK(Lines(up) == std::vector<std::string>{
                           "AlterColumnType: change type of public.t.n from integer to bigint "
                           "[TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
                           "SetDefault: set default of public.t.n []",
                           "SetRls: enable row level security on public.t [AUTHZ_CHANGE]",
                           "CreatePolicy: create policy \"p\" on public.t [AUTHZ_CHANGE]",
                       });
    CHECK(Lines(down) == std::vector<std::string>{
                             "DropPolicy: drop policy \"p\" on public.t [AUTHZ_CHANGE]",
                             "DropDefault: drop default of public.t.n []",
                             "AlterColumnType: change type of public.t.n from bigint to integer "
                             "[TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK]",
                             "SetRls: disable row level security on public.t [AUTHZ_CHANGE]",
                         });
    CHECK(Diff(to, to, {}).steps.empty());
    CHECK(Diff(from, from, {}).steps.empty());
  }
}

}  // namespace
}  // namespace schemac
