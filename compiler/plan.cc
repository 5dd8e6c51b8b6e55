#include "compiler/plan.h"

#include <fmt/format.h>

namespace schemac::plan {

std::string HazardNames(uint32_t hazards) {
  static constexpr std::pair<Hazard, const char*> kNames[] = {
      {kDataLoss, "DATA_LOSS"},
      {kTableRewrite, "TABLE_REWRITE"},
      {kAccessExclusiveLock, "ACCESS_EXCLUSIVE_LOCK"},
      {kAuthzChange, "AUTHZ_CHANGE"},
      {kNotTransactional, "NOT_TRANSACTIONAL"},
  };
  std::string out;
  for (const auto& [flag, name] : kNames) {
    if (hazards & flag) out += (out.empty() ? "" : ", ") + std::string(name);
  }
  return out;
}

const std::string& Constraint::name() const {
  switch (kind) {
    case Kind::kPrimaryKey: return primary_key.name;
    case Kind::kUnique: return unique.name;
    case Kind::kCheck: return check.name;
    case Kind::kForeignKey: return foreign_key.name;
  }
  return check.name;
}

namespace {

const char* ConstraintKind(const Constraint& c) {
  switch (c.kind) {
    case Constraint::Kind::kPrimaryKey: return "primary key";
    case Constraint::Kind::kUnique: return "unique constraint";
    case Constraint::Kind::kCheck: return "check";
    case Constraint::Kind::kForeignKey: return "foreign key";
  }
  return "constraint";
}

}  // namespace

std::string Step::Describe() const {
  std::string t = table.ToString();
  switch (kind) {
    case StepKind::kCreateSchema: return "create schema " + name;
    case StepKind::kDropSchema: return "drop schema " + name;
    case StepKind::kCreateExtension: return "create extension " + name;
    case StepKind::kUpdateExtension: return "update extension " + name + " to " + extension.version;
    case StepKind::kDropExtension: return "drop extension " + name;
    case StepKind::kCreateEnum: return "create enum " + t;
    case StepKind::kDropEnum: return "drop enum " + t;
    case StepKind::kAddEnumValue:
      return fmt::format("add value '{}' to enum {}", value, t);
    case StepKind::kRenameEnumValue:
      return fmt::format("rename value '{}' of enum {} to '{}'", name, t, value);
    case StepKind::kRecreateEnum: return "recreate enum " + t + " with new values";
    case StepKind::kCommentEnum: return "comment on enum " + t;
    case StepKind::kRenameTable: return "rename table " + table.schema + "." + name + " to " + table.name;
    case StepKind::kCreateTable: return "create table " + t;
    case StepKind::kDropTable: return "drop table " + t;
    case StepKind::kRenameColumn: return "rename column " + t + "." + name + " to " + column.name;
    case StepKind::kRenameConstraint:
      return fmt::format("rename {} {} on {} to {}", ConstraintKind(constraint), name, t, value);
    case StepKind::kRenameIndex: return "rename index " + name + " on " + t + " to " + value;
    case StepKind::kAddColumn: return fmt::format("add column {}.{} ({})", t, name, column.type.ToSql());
    case StepKind::kDropColumn: return "drop column " + t + "." + name;
    case StepKind::kDropIdentity: return "drop identity of " + t + "." + name;
    case StepKind::kDropDefault: return "drop default of " + t + "." + name;
    case StepKind::kDropExpression: return "make " + t + "." + name + " a plain column";
    case StepKind::kAlterColumnType:
      if (old_column.type == column.type) {
        return fmt::format("change collation of {}.{} to {}", t, name,
                           column.collation.empty() ? "the type's default" : column.collation);
      }
      return fmt::format("change type of {}.{} from {} to {}", t, name, old_column.type.ToSql(),
                         column.type.ToSql());
    case StepKind::kSetDefault: return "set default of " + t + "." + name;
    case StepKind::kDropNotNull: return "allow null in " + t + "." + name;
    case StepKind::kSetNotNull: return "set not null on " + t + "." + name;
    case StepKind::kAlterNotNull: return "alter the not null constraint of " + t + "." + name;
    case StepKind::kAddIdentity: return "make " + t + "." + name + " an identity column";
    case StepKind::kSetIdentity: return "change identity of " + t + "." + name;
    case StepKind::kAddConstraint: return fmt::format("add {} {} on {}", ConstraintKind(constraint), name, t);
    case StepKind::kValidateConstraint: return fmt::format("validate {} {} on {}", ConstraintKind(constraint), name, t);
    case StepKind::kDropConstraint: return fmt::format("drop {} {} on {}", ConstraintKind(constraint), name, t);
    case StepKind::kCreateIndex: return "create index " + name + " on " + t;
    case StepKind::kDropIndex: return "drop index " + name + " on " + t;
    case StepKind::kSetRls:
      return std::string(table_def.rls_enabled ? "enable" : "disable") + " row level security on " + t;
    case StepKind::kSetForceRls:
      return std::string(table_def.rls_forced ? "force" : "no longer force") + " row level security on " + t;
    case StepKind::kCreatePolicy: return "create policy \"" + name + "\" on " + t;
    case StepKind::kAlterPolicy: return "alter policy \"" + name + "\" on " + t;
    case StepKind::kDropPolicy: return "drop policy \"" + name + "\" on " + t;
    case StepKind::kGrant: return "grant on " + t + " to " + name;
    case StepKind::kRevoke: return "revoke on " + t + " from " + name;
    case StepKind::kAddToPublication: return "add " + t + " to publication " + name;
    case StepKind::kDropFromPublication: return "remove " + t + " from publication " + name;
    case StepKind::kSetReplicaIdentity: return "set replica identity of " + t;
    case StepKind::kCommentTable: return "comment on table " + t;
    case StepKind::kCommentColumn: return "comment on column " + t + "." + name;
    case StepKind::kCommentPolicy: return "comment on policy \"" + name + "\" on " + t;
  }
  return "step";
}

uint32_t Plan::Hazards() const {
  uint32_t all = 0;
  for (const Step& step : steps) all |= step.hazards;
  return all;
}

}  // namespace schemac::plan
