#include "compiler/diff.h"
#include "compiler/diff_constraints.h"
#include "compiler/diff_triggers.h"
#include "compiler/diff_types.h"
#include "compiler/diff_views.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include "compiler/diff_functions.h"
#include "compiler/diff_owners.h"
#include "compiler/diff_sequences.h"
#include "compiler/naming.h"
#include "compiler/platform.h"
#include "compiler/sequence_options.h"
#include "compiler/dependents.h"

namespace schemac {

using plan::Step;
using plan::StepKind;

namespace {

bool SameKey(const ir::IndexKey& a, const ir::IndexKey& b) {
  return a.column == b.column && a.expression == b.expression && a.collation == b.collation &&
         a.opclass == b.opclass && a.order == b.order && a.nulls_first == b.nulls_first;
}

bool SameIndex(const ir::Index& a, const ir::Index& b) {
  return a.unique == b.unique && a.method == b.method && a.include == b.include &&
         a.nulls_not_distinct == b.nulls_not_distinct && a.with == b.with && a.where == b.where &&
         std::equal(a.keys.begin(), a.keys.end(), b.keys.begin(), b.keys.end(), SameKey);
}

bool SameConstraint(const plan::Constraint& a, const plan::Constraint& b) {
  using Kind = plan::Constraint::Kind;
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::kPrimaryKey:
      return a.primary_key.columns == b.primary_key.columns &&
             a.primary_key.deferrable == b.primary_key.deferrable &&
             a.primary_key.initially_deferred == b.primary_key.initially_deferred;
    case Kind::kUnique:
      return a.unique.columns == b.unique.columns &&
             a.unique.nulls_not_distinct == b.unique.nulls_not_distinct &&
             a.unique.deferrable == b.unique.deferrable &&
             a.unique.initially_deferred == b.unique.initially_deferred;
    case Kind::kCheck:
      return a.check.expression == b.check.expression && a.check.no_inherit == b.check.no_inherit;
    case Kind::kForeignKey: {
      const ir::ForeignKey& x = a.foreign_key;
      const ir::ForeignKey& y = b.foreign_key;
      // Deferrability is changed in place (ALTER CONSTRAINT, see AlterableOnly).
      return x.columns == y.columns && x.ref_table == y.ref_table &&
             x.ref_columns == y.ref_columns && x.on_delete == y.on_delete &&
             x.on_update == y.on_update && x.match_full == y.match_full;
    }
    case Kind::kExclusion: {
      const ir::ExclusionConstraint& x = a.exclusion;
      const ir::ExclusionConstraint& y = b.exclusion;
      return x.method == y.method && x.elements == y.elements && x.include == y.include &&
             x.where == y.where && x.deferrable == y.deferrable &&
             x.initially_deferred == y.initially_deferred;
    }
  }
  return false;
}

std::vector<plan::Constraint> ConstraintsOf(const ir::Table& table) {
  using Kind = plan::Constraint::Kind;
  std::vector<plan::Constraint> out;
  if (table.primary_key) {
    plan::Constraint c;
    c.kind = Kind::kPrimaryKey;
    c.primary_key = *table.primary_key;
    out.push_back(std::move(c));
  }
  for (const auto& u : table.uniques) {
    plan::Constraint c;
    c.kind = Kind::kUnique;
    c.unique = u;
    out.push_back(std::move(c));
  }
  for (const auto& check : table.checks) {
    plan::Constraint c;
    c.kind = Kind::kCheck;
    c.check = check;
    out.push_back(std::move(c));
  }
  for (const auto& exclusion : table.exclusions) {
    plan::Constraint c;
    c.kind = Kind::kExclusion;
    c.exclusion = exclusion;
    out.push_back(std::move(c));
  }
  for (const auto& fk : table.foreign_keys) {
    plan::Constraint c;
    c.kind = Kind::kForeignKey;
    c.foreign_key = fk;
    out.push_back(std::move(c));
  }
  return out;
}

// Only a foreign key's deferrability can change in place (ALTER CONSTRAINT); the other keys'
// compare it in SameConstraint, and are made again.
bool DeferrabilityChanged(const plan::Constraint& a, const plan::Constraint& b) {
  return a.kind == plan::Constraint::Kind::kForeignKey &&
         (a.foreign_key.deferrable != b.foreign_key.deferrable ||
          a.foreign_key.initially_deferred != b.foreign_key.initially_deferred);
}

const std::string& CommentOf(const plan::Constraint& c) {
  switch (c.kind) {
    case plan::Constraint::Kind::kPrimaryKey: return c.primary_key.comment;
    case plan::Constraint::Kind::kUnique: return c.unique.comment;
    case plan::Constraint::Kind::kCheck: return c.check.comment;
    case plan::Constraint::Kind::kExclusion: return c.exclusion.comment;
    case plan::Constraint::Kind::kForeignKey: break;
  }
  return c.foreign_key.comment;
}

bool ConstraintNotValid(const plan::Constraint& c) {
  return (c.kind == plan::Constraint::Kind::kCheck && c.check.not_valid) ||
         (c.kind == plan::Constraint::Kind::kForeignKey && c.foreign_key.not_valid);
}

// True when `expression` names one of `columns` (as a whole identifier, quoted or not).
bool Mentions(const std::string& expression, const std::set<std::string>& columns) {
  auto ident = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  for (const std::string& column : columns) {
    for (size_t at = expression.find(column); at != std::string::npos;
         at = expression.find(column, at + 1)) {
      size_t end = at + column.size();
      bool starts = at == 0 || !ident(expression[at - 1]);
      bool ends = end == expression.size() || !ident(expression[end]);
      if (starts && ends) return true;
    }
  }
  return false;
}

// True when the index reads one of `columns` (a key, an expression, INCLUDE or its predicate).
bool IndexReads(const ir::Index& index, const std::set<std::string>& columns) {
  for (const ir::IndexKey& key : index.keys) {
    if (columns.count(key.column) || Mentions(key.expression, columns)) return true;
  }
  for (const std::string& column : index.include) {
    if (columns.count(column)) return true;
  }
  return Mentions(index.where, columns);
}

// True when the constraint reads one of `columns` (of its own table).
bool ConstraintReads(const plan::Constraint& c, const std::set<std::string>& columns) {
  auto any = [&](const std::vector<std::string>& names) {
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& n) { return columns.count(n) > 0; });
  };
  switch (c.kind) {
    case plan::Constraint::Kind::kPrimaryKey: return any(c.primary_key.columns);
    case plan::Constraint::Kind::kUnique: return any(c.unique.columns);
    case plan::Constraint::Kind::kCheck: return Mentions(c.check.expression, columns);
    case plan::Constraint::Kind::kForeignKey: return any(c.foreign_key.columns);
    case plan::Constraint::Kind::kExclusion: {
      for (const ir::ExclusionElement& e : c.exclusion.elements) {
        if (columns.count(e.column) || Mentions(e.expression, columns)) return true;
      }
      return any(c.exclusion.include) || Mentions(c.exclusion.where, columns);
    }
  }
  return false;
}

template <typename T>
const T* FindNamed(const std::vector<T>& items, const std::string& name) {
  for (const T& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

class Planner {
 public:
  Planner(const ir::Schema& from, const ir::Schema& to, const Renames& renames,
          const DiffOptions& options)
      : from_(from), to_(to), renames_(renames), options_(options) {}

  plan::Plan Run() {
    Schemas();
    Extensions();
    Enums();
    Tables();
    ExternPolicies();
    DiffTriggers(from_, to_, renames_, plan_);
    return std::move(plan_);
  }

 private:
  // Hazards are not set here: the plan stage (plan::Finalize) sets them from the kind and the
  // step's change.
  Step& Add(StepKind kind, const ir::QualifiedName& table, std::string name = {}) {
    Step step;
    step.kind = kind;
    step.table = table;
    step.name = std::move(name);
    plan_.steps.push_back(std::move(step));
    return plan_.steps.back();
  }

  void Schemas() {
    std::set<std::string> before(from_.schemas.begin(), from_.schemas.end());
    std::set<std::string> after(to_.schemas.begin(), to_.schemas.end());
    for (const std::string& name : to_.schemas) {
      if (!before.count(name)) Add(StepKind::kCreateSchema, {name, ""}, name);
    }
    for (const std::string& name : from_.schemas) {
      if (!after.count(name)) Add(StepKind::kDropSchema, {name, ""}, name);
    }
    SchemaGrants();
  }

  // Privileges on the schemas `to` declares, exactly: what a role holds beyond them is revoked
  // (a schema created by the plan starts with none).
  void SchemaGrants() {
    using Privileges = std::map<std::pair<std::string, std::string>, std::vector<std::string>>;
    auto by_role = [](const std::vector<ir::SchemaGrant>& grants) {
      Privileges out;
      for (const ir::SchemaGrant& g : grants) out[{g.schema, g.role}] = g.privileges;
      return out;
    };
    Privileges now = by_role(to_.schema_grants);
    Privileges old = by_role(from_.schema_grants);
    auto minus = [](const std::vector<std::string>& a, const std::vector<std::string>* b) {
      std::vector<std::string> out;
      for (const std::string& p : a) {
        if (b == nullptr || std::find(b->begin(), b->end(), p) == b->end()) out.push_back(p);
      }
      return out;
    };
    auto step = [&](StepKind kind, const std::pair<std::string, std::string>& key,
                    std::vector<std::string> privileges) {
      if (privileges.empty()) return;
      Step& s = Add(kind, {key.first, ""}, key.second);
      s.grant = {key.second, std::move(privileges), {}};
    };
    std::set<std::string> declared(to_.schemas.begin(), to_.schemas.end());
    for (const auto& [key, privileges] : old) {
      if (!declared.count(key.first)) continue;  // Dropped with its schema.
      auto it = now.find(key);
      step(StepKind::kRevokeOnSchema, key,
           minus(privileges, it == now.end() ? nullptr : &it->second));
    }
    for (const auto& [key, privileges] : now) {
      auto it = old.find(key);
      step(StepKind::kGrantOnSchema, key, minus(privileges, it == old.end() ? nullptr : &it->second));
    }
  }

  void Extensions() {
    for (const ir::Extension& e : to_.extensions) {
      if (e.is_extern) continue;
      const ir::Extension* old = FindNamed(from_.extensions, e.name);
      if (old == nullptr) {
        Add(StepKind::kCreateExtension, {}, e.name).extension = e;
      } else {
        if (!e.version.empty() && e.version != old->version) {
          Add(StepKind::kUpdateExtension, {}, e.name).extension = e;
        }
        // A declared schema: where the extension must be (ALTER EXTENSION ... SET SCHEMA).
        if (!e.schema.empty() && !old->schema.empty() && e.schema != old->schema) {
          Add(StepKind::kSetExtensionSchema, {}, e.name).extension = e;
        }
      }
    }
    for (const ir::Extension& e : from_.extensions) {
      if (e.is_extern || FindNamed(to_.extensions, e.name) != nullptr) continue;
      Add(StepKind::kDropExtension, {}, e.name).extension = e;
    }
  }

  void Enums() {
    for (const ir::Enum& e : to_.enums) {
      const ir::Enum* old = from_.FindEnum(e.name);
      if (old == nullptr) {
        Add(StepKind::kCreateEnum, e.name).enum_def = e;
        continue;
      }
      EnumValues(*old, e);
      if (old->comment != e.comment) Add(StepKind::kCommentEnum, e.name).value = e.comment;
    }
    for (const ir::Enum& e : from_.enums) {
      if (to_.FindEnum(e.name) == nullptr) {
        Add(StepKind::kDropEnum, e.name).enum_def = e;
      }
    }
  }

  void EnumValues(const ir::Enum& old, const ir::Enum& now) {
    std::vector<std::string> labels;  // The old labels, renamed.
    for (const ir::EnumValue& v : old.values) {
      auto it = renames_.enum_values.find({now.name, v.label});
      bool renamed = it != renames_.enum_values.end() &&
                     HasLabel(now.values, it->second) && !HasLabel(old.values, it->second);
      if (renamed) {
        Step& step = Add(StepKind::kRenameEnumValue, now.name, v.label);
        step.value = it->second;
        labels.push_back(it->second);
      } else {
        labels.push_back(v.label);
      }
    }
    // Every old label must still be there, in the same order: PostgreSQL cannot remove or
    // reorder enum values in place.
    std::vector<std::string> kept;
    for (const ir::EnumValue& v : now.values) {
      if (std::find(labels.begin(), labels.end(), v.label) != labels.end()) kept.push_back(v.label);
    }
    std::string lost;
    for (const std::string& label : labels) {
      if (std::find(kept.begin(), kept.end(), label) == kept.end()) {
        lost += (lost.empty() ? "'" : ", '") + label + "'";
      }
    }
    std::string problem;
    if (!lost.empty()) {
      problem = fmt::format("loses value{} {}: PostgreSQL cannot remove an enum value",
                            lost.find(',') == std::string::npos ? "" : "s", lost);
    }
    if (problem.empty() && kept != labels) {
      problem = "reorders its values: PostgreSQL cannot reorder enum values in place";
    }
    if (problem.empty()) {
      AddEnumValues(now, labels);
    } else if (options_.allow_enum_recreate) {
      RecreateEnum(old, now);
    } else {
      plan_.errors.push_back(fmt::format(
          "enum {} {} (keep the old values in their order, rename with a hint, or pass "
          "--allow-enum-recreate to recreate the type and convert its columns)",
          now.name.ToString(), problem));
    }
  }

  // The type is made again under its name and every column holding it converted; labels
  // renamed by hint map to their new names, removed ones fail the conversion loudly.
  void RecreateEnum(const ir::Enum& old, const ir::Enum& now) {
    // Renames are part of the conversion: no separate RENAME VALUE steps.
    std::erase_if(plan_.steps, [&](const Step& s) {
      return s.kind == StepKind::kRenameEnumValue && s.table == now.name;
    });
    Step& step = Add(StepKind::kRecreateEnum, now.name);
    step.enum_def = now;
    for (ir::EnumValue& v : step.enum_def.values) {
      v.renamed_from.reset();
      for (const ir::EnumValue& o : old.values) {
        auto it = renames_.enum_values.find({now.name, o.label});
        if (it != renames_.enum_values.end() && it->second == v.label) v.renamed_from = o.label;
      }
    }
    auto uses = [&](const ir::Column& c) {
      return c.type.kind == ir::TypeKind::kEnum && c.type.schema == now.name.schema &&
             c.type.name == now.name.name;
    };
    std::set<std::pair<ir::QualifiedName, std::string>> seen;
    for (const ir::Schema* schema : {&to_, &from_}) {
      for (const ir::Table& table : schema->tables) {
        for (const ir::Column& column : table.columns) {
          if (!uses(column) || !seen.insert({table.name, column.name}).second) continue;
          ir::Column target = column;
          if (schema == &from_) target.default_sql.clear();  // Dropped or changed later.
          step.enum_columns.emplace_back(table.name, target);
        }
      }
    }
  }

  void AddEnumValues(const ir::Enum& now, const std::vector<std::string>& labels) {
    for (size_t i = 0; i < now.values.size(); ++i) {
      const std::string& label = now.values[i].label;
      if (std::find(labels.begin(), labels.end(), label) != labels.end()) continue;
      Step& step = Add(StepKind::kAddEnumValue, now.name);
      step.value = label;
      if (i > 0) {
        step.name = now.values[i - 1].label;  // AFTER it.
      } else {
        step.name = now.values[1 < now.values.size() ? 1 : 0].label;
        step.before = true;
      }
    }
  }

  static bool HasLabel(const std::vector<ir::EnumValue>& values, const std::string& label) {
    return std::any_of(values.begin(), values.end(),
                       [&](const ir::EnumValue& v) { return v.label == label; });
  }

  // The table of `from_` that `table` of `to_` continues: the same name, or the old name of a
  // rename that applies.
  const ir::Table* OldTable(const ir::Table& table, bool* renamed) {
    *renamed = false;
    for (const auto& [old_name, new_name] : renames_.tables) {
      if (new_name != table.name) continue;
      const ir::Table* old = from_.FindTable(old_name);
      if (old == nullptr) break;  // Already renamed, or never there.
      if (from_.FindTable(new_name) != nullptr) {
        plan_.errors.push_back(fmt::format(
            "table {} is renamed from {}, but both exist in the database: drop one, or remove "
            "the rename hint",
            new_name.ToString(), old_name.ToString()));
        return nullptr;
      }
      *renamed = true;
      return old;
    }
    return from_.FindTable(table.name);
  }

  void Tables() {
    std::set<ir::QualifiedName> continued;  // Tables of from_ that live on in to_.
    for (const ir::Table& table : to_.tables) {
      if (table.is_extern) continue;
      bool renamed = false;
      const ir::Table* old = OldTable(table, &renamed);
      if (old == nullptr) {
        CreateTable(table);
        continue;
      }
      continued.insert(old->name);
      if (renamed) {
        // The old table: the SQL writer renames its serial columns' sequences with it.
        Add(StepKind::kRenameTable, table.name, old->name.name).table_def =
            std::make_shared<const ir::Table>(*old);
      }
      AlterTable(*old, table);
    }
    for (const ir::Table& table : from_.tables) {
      if (table.is_extern || continued.count(table.name)) continue;
      const ir::Table* declared = to_.FindTable(table.name);
      if (declared != nullptr && declared->is_extern) continue;  // Someone else's table.
      // Its policies and foreign keys go first: they may read other tables dropped too, in any
      // order.
      for (const ir::Policy& policy : table.policies) {
        Add(StepKind::kDropPolicy, table.name, policy.name).policy = policy;
      }
      for (const plan::Constraint& c : ConstraintsOf(table)) {
        if (c.kind == plan::Constraint::Kind::kForeignKey && c.foreign_key.ref_table != table.name) {
          Add(StepKind::kDropConstraint, table.name, c.name()).constraint = c;
        }
      }
      Add(StepKind::kDropTable, table.name);
    }
  }

  // Policies on the platform tables that have the project's (storage.objects, ...:
  // extern_policies.h), on a table that is never created, altered or dropped. A table on one
  // side only has its policies made or dropped (`empty` to a schema, and back). Other extern
  // tables are someone else's, policies included.
  void ExternPolicies() {
    std::set<ir::QualifiedName> names;
    for (const ir::Schema* side : {&from_, &to_}) {
      for (const ir::Table& table : side->tables) {
        if (table.is_extern && IsPolicyPlatformTable(table.name.schema, table.name.name)) {
          names.insert(table.name);
        }
      }
    }
    for (const ir::QualifiedName& name : names) {
      const ir::Table* old = from_.FindTable(name);
      const ir::Table* now = to_.FindTable(name);
      ir::Table before, after;
      before.name = after.name = name;
      if (old != nullptr) before.policies = old->policies;
      if (now != nullptr) after.policies = now->policies;
      touched_columns_.clear();
      Policies(before, after);
    }
  }

  void CreateTable(const ir::Table& table) {
    // CREATE TABLE makes the columns, the primary key, the uniques and the valid checks.
    auto created = std::make_shared<ir::Table>();
    created->name = table.name;
    created->columns = table.columns;
    if (table.primary_key) created->primary_key = table.primary_key;
    // A unique key that repeats another is added apart (CREATE TABLE would merge it), and
    // comments by their own steps: `created` has neither.
    if (created->primary_key) created->primary_key->comment.clear();
    for (size_t i = 0; i < table.uniques.size(); ++i) {
      if (table.RepeatsKey(i)) continue;
      created->uniques.push_back(table.uniques[i]);
      created->uniques.back().comment.clear();
    }
    for (const ir::CheckConstraint& check : table.checks) {
      if (!check.not_valid) created->checks.push_back(check);
      if (!check.not_valid) created->checks.back().comment.clear();
    }
    Add(StepKind::kCreateTable, table.name).table_def = created;
    for (const ir::Column& column : table.columns) AddNotValidNotNull(table.name, column);
    // Everything else is planned as on an existing table with only those.
    Members(*created, table, /*new_table=*/true);
  }

  // The old table's column that `column` continues, after column renames. A rename whose two
  // names both exist is refused (once: AlterTable reports it, ColumnRenames asks again quietly).
  const ir::Column* OldColumn(const ir::Table& old, const ir::Table& now,
                              const ir::Column& column, bool* renamed, bool report = true) {
    *renamed = false;
    for (const auto& [key, new_name] : renames_.columns) {
      if (key.first != now.name || new_name != column.name) continue;
      const ir::Column* before = old.FindColumn(key.second);
      if (before == nullptr) break;
      if (old.FindColumn(column.name) != nullptr) {
        if (!report) return nullptr;
        plan_.errors.push_back(fmt::format(
            "column {}.{} is renamed from {}, but both exist in the database: drop one, or "
            "remove the rename hint",
            now.name.ToString(), column.name, key.second));
        return nullptr;
      }
      *renamed = true;
      return before;
    }
    return old.FindColumn(column.name);
  }

  // Column names of `old` as `now` calls them.
  std::map<std::string, std::string> ColumnRenames(const ir::Table& old, const ir::Table& now) {
    std::map<std::string, std::string> names;
    for (const ir::Column& column : now.columns) {
      bool renamed = false;
      const ir::Column* before = OldColumn(old, now, column, &renamed, /*report=*/false);
      if (renamed) names[before->name] = column.name;
    }
    return names;
  }

  void AlterTable(const ir::Table& old, const ir::Table& now) {
    old_table_ = &old;
    std::set<std::string> continued;
    touched_columns_.clear();
    for (const ir::Column& column : now.columns) {
      bool renamed = false;
      const ir::Column* before = OldColumn(old, now, column, &renamed);
      if (before == nullptr) {
        Step& step = Add(StepKind::kAddColumn, now.name, column.name);
        step.column = column;
        AddNotValidNotNull(now.name, column);
        if (!column.comment.empty()) Add(StepKind::kCommentColumn, now.name, column.name).value = column.comment;
        continue;
      }
      continued.insert(before->name);
      if (before->type != column.type || before->collation != column.collation ||
          before->generated != column.generated || before->generated_sql != column.generated_sql) {
        touched_columns_.insert(before->name);
        touched_columns_.insert(column.name);
      }
      if (renamed) {
        Add(StepKind::kRenameColumn, now.name, before->name).column = column;
      }
      AlterColumn(now, *before, column);
    }
    for (const ir::Column& column : old.columns) {
      if (continued.count(column.name)) continue;
      touched_columns_.insert(column.name);
      Add(StepKind::kDropColumn, now.name, column.name).column = column;
    }
    Members(Renamed(old, now), now, /*new_table=*/false);
    touched_columns_.clear();
    recreated_columns_.clear();
  }

  // `old` with its columns named as `now` names them (renames applied), for comparing the
  // members that name columns.
  ir::Table Renamed(const ir::Table& old, const ir::Table& now) {
    std::map<std::string, std::string> names = ColumnRenames(old, now);
    auto rename = [&](std::vector<std::string>& columns) {
      for (std::string& c : columns) {
        auto it = names.find(c);
        if (it != names.end()) c = it->second;
      }
    };
    ir::Table out = old;
    out.name = now.name;
    for (ir::Column& c : out.columns) {
      auto it = names.find(c.name);
      if (it != names.end()) c.name = it->second;
    }
    if (out.primary_key) rename(out.primary_key->columns);
    for (auto& u : out.uniques) rename(u.columns);
    for (auto& fk : out.foreign_keys) {
      rename(fk.columns);
      // The referenced table and its columns as the target calls them, when renamed.
      auto table = renames_.tables.find(fk.ref_table);
      if (table != renames_.tables.end() && to_.FindTable(table->second) != nullptr &&
          from_.FindTable(table->second) == nullptr) {
        fk.ref_table = table->second;
      }
      for (std::string& column : fk.ref_columns) {
        if (fk.ref_table == now.name) {
          auto it = names.find(column);
          if (it != names.end()) column = it->second;
          continue;
        }
        auto it = renames_.columns.find({fk.ref_table, column});
        const ir::Table* ref = to_.FindTable(fk.ref_table);
        if (it != renames_.columns.end() && ref != nullptr && ref->FindColumn(it->second) != nullptr) {
          column = it->second;
        }
      }
    }
    for (auto& index : out.indexes) {
      for (auto& key : index.keys) {
        auto it = names.find(key.column);
        if (!key.column.empty() && it != names.end()) key.column = it->second;
      }
      rename(index.include);
    }
    for (auto& member : out.publications) rename(member.columns);
    return out;
  }

  // A NOT NULL constraint that is NOT VALID cannot be declared with its column: it is added after
  // the table or column (ColumnSql leaves it out).
  void AddNotValidNotNull(const ir::QualifiedName& table, const ir::Column& column) {
    if (column.nullable || !column.not_null_not_valid) return;
    Add(StepKind::kSetNotNull, table, column.name).column = column;
  }

  // Whether the NOT NULL constraint of a column that stays NOT NULL must change: another name
  // (an unnamed one accepts any name of PostgreSQL's shape, see ir::Column), NO INHERIT, or a
  // validation (a valid constraint satisfies a NOT VALID one, as for checks).
  static bool NotNullChanged(const ir::Column& old, const ir::Column& now) {
    return old.not_null_name != now.not_null_name ||
           old.not_null_no_inherit != now.not_null_no_inherit ||
           (old.not_null_not_valid && !now.not_null_not_valid);
  }

  // Options not known on either side (an IR built without them) are taken as unchanged.
  static bool IdentityOptionsChanged(const ir::Column& old, const ir::Column& now) {
    return !IsUnset(old.identity_options) && !IsUnset(now.identity_options) &&
           old.identity_options != now.identity_options;
  }

  void AlterColumn(const ir::Table& table, const ir::Column& old, const ir::Column& now) {
    const ir::QualifiedName& t = table.name;
    // Whether the column was serial under the table's old name: the SQL writer then knows its
    // sequence (renamed with the table) follows it or goes.
    bool old_serial = old_table_ != nullptr && IsSerialColumn(*old_table_, old);
    auto add = [&](StepKind kind) -> Step& {
      Step& step = Add(kind, t, now.name);
      step.column = now;
      step.old_column = old;
      if (kind == StepKind::kDropDefault || kind == StepKind::kSetDefault ||
          kind == StepKind::kAlterColumnType) {
        step.on = old_serial;
      }
      return step;
    };
    bool generated_changed = old.generated != now.generated || old.generated_sql != now.generated_sql;
    if (generated_changed) {
      if (now.generated == ir::Generated::kNone && old.generated == ir::Generated::kStored) {
        add(StepKind::kDropExpression);
      } else {
        // A new or changed generation expression: the column is made again, and with it
        // the indexes and constraints that read it (dropping the column drops them).
        recreated_columns_.insert(old.name);
        recreated_columns_.insert(now.name);
        // Both steps carry old_column: the plan stage and the SQL writer tell a column made
        // again from one dropped or added for good by it.
        add(StepKind::kDropColumn);
        add(StepKind::kAddColumn);
        AddNotValidNotNull(t, now);
        if (!now.comment.empty()) add(StepKind::kCommentColumn).value = now.comment;
        return;
      }
    }
    if (old.identity != ir::Identity::kNone && now.identity == ir::Identity::kNone) {
      add(StepKind::kDropIdentity);
    }
    bool default_changed = old.default_sql != now.default_sql;
    if (default_changed && !old.default_sql.empty()) add(StepKind::kDropDefault);
    if (old.type != now.type || old.collation != now.collation) {
      add(StepKind::kAlterColumnType);
    }
    if (default_changed && !now.default_sql.empty()) add(StepKind::kSetDefault);
    if (old.nullable != now.nullable) {
      if (now.nullable) {
        add(StepKind::kDropNotNull);
      } else {
        add(StepKind::kSetNotNull);
      }
    } else if (!now.nullable && NotNullChanged(old, now)) {
      add(StepKind::kAlterNotNull);
    }
    if (old.identity == ir::Identity::kNone && now.identity != ir::Identity::kNone) {
      add(StepKind::kAddIdentity);
    } else if (now.identity != ir::Identity::kNone &&
               (old.identity != now.identity || IdentityOptionsChanged(old, now))) {
      add(StepKind::kSetIdentity);
    }
    if (old.comment != now.comment) add(StepKind::kCommentColumn).value = now.comment;
  }

  // Constraints, indexes, RLS, policies, grants, publications, replica identity and comments:
  // `old` (columns named as in `now`) -> `now`.
  void Members(const ir::Table& old, const ir::Table& now, bool new_table) {
    const ir::QualifiedName& t = now.name;
    Constraints(old, now, new_table);
    Indexes(old, now);
    Policies(old, now);
    Grants(old, now);
    // Publications: a changed column list or row filter is a drop and an add.
    for (const ir::PublicationMember& m : old.publications) {
      const ir::PublicationMember* next = FindNamed(now.publications, m.name);
      if (next == nullptr || !(*next == m)) Add(StepKind::kDropFromPublication, t, m.name).member = m;
    }
    for (const ir::PublicationMember& m : now.publications) {
      const ir::PublicationMember* prev = FindNamed(old.publications, m.name);
      if (prev == nullptr || !(*prev == m)) Add(StepKind::kAddToPublication, t, m.name).member = m;
    }
    if (old.replica_identity != now.replica_identity) {
      Add(StepKind::kSetReplicaIdentity, t).replica_identity = now.replica_identity;
    }
    if (old.comment != now.comment) Add(StepKind::kCommentTable, t).value = now.comment;
    if (new_table) {
      for (const ir::Column& column : now.columns) {
        if (!column.comment.empty()) Add(StepKind::kCommentColumn, t, column.name).value = column.comment;
      }
    }
  }

  // Constraints dropped, added, renamed (same definition, new name) or validated; on an
  // existing table (not `new_table`) foreign keys and checks are added NOT VALID and validated.
  void Constraints(const ir::Table& old, const ir::Table& now, bool new_table) {
    const ir::QualifiedName& t = now.name;
    std::vector<plan::Constraint> before = ConstraintsOf(old);
    std::vector<plan::Constraint> after = ConstraintsOf(now);
    auto find = [](const std::vector<plan::Constraint>& list, const std::string& name) {
      return std::find_if(list.begin(), list.end(),
                          [&](const plan::Constraint& c) { return c.name() == name; });
    };
    auto same_constraint = [&](const plan::Constraint& prev, const plan::Constraint& next) {
      return SameConstraint(prev, next) && !ConstraintReads(prev, recreated_columns_);
    };
    // A constraint whose definition stays but whose name changes (PostgreSQL keeps constraint
    // names when a table or column is renamed; the target names them anew) is renamed.
    std::map<std::string, std::string> renamed;  // Old name -> new name.
    std::set<std::string> rename_targets;
    for (const plan::Constraint& c : before) {
      if (find(after, c.name()) != after.end()) continue;
      for (const plan::Constraint& n : after) {
        if (find(before, n.name()) != before.end() || rename_targets.count(n.name())) continue;
        if (!same_constraint(c, n) || ConstraintNotValid(c) != ConstraintNotValid(n)) continue;
        renamed[c.name()] = n.name();
        rename_targets.insert(n.name());
        Step& step = Add(StepKind::kRenameConstraint, t, c.name());
        step.value = n.name();
        step.constraint = n;
        if (DeferrabilityChanged(c, n)) Add(StepKind::kAlterConstraint, t, n.name()).constraint = n;
        if (CommentOf(c) != CommentOf(n)) {
          Add(StepKind::kCommentConstraint, t, n.name()).value = CommentOf(n);
        }
        break;
      }
    }
    for (const plan::Constraint& c : before) {
      if (renamed.count(c.name())) continue;
      auto it = find(after, c.name());
      if (it == after.end() || !same_constraint(c, *it)) {
        Add(StepKind::kDropConstraint, t, c.name()).constraint = c;
      }
    }
    for (const plan::Constraint& c : after) {
      if (rename_targets.count(c.name())) continue;
      auto it = find(before, c.name());
      bool same = it != before.end() && same_constraint(*it, c);
      if (same) {
        if (ConstraintNotValid(*it) && !ConstraintNotValid(c)) {
          Add(StepKind::kValidateConstraint, t, c.name()).constraint = c;
        }
        if (DeferrabilityChanged(*it, c)) Add(StepKind::kAlterConstraint, t, c.name()).constraint = c;
        if (CommentOf(*it) != CommentOf(c)) {
          Add(StepKind::kCommentConstraint, t, c.name()).value = CommentOf(c);
        }
        continue;
      }
      if (!CommentOf(c).empty()) Add(StepKind::kCommentConstraint, t, c.name()).value = CommentOf(c);
      Step& step = Add(StepKind::kAddConstraint, t, c.name());
      step.constraint = c;
      bool checks_rows = c.kind == plan::Constraint::Kind::kCheck ||
                         c.kind == plan::Constraint::Kind::kForeignKey;
      // On an existing table, a foreign key or check is added NOT VALID (a short lock), then
      // validated without blocking writes.
      step.not_valid = ConstraintNotValid(c) || (checks_rows && !new_table);
      if (step.not_valid && !ConstraintNotValid(c)) {
        Add(StepKind::kValidateConstraint, t, c.name()).constraint = c;
      }
    }
  }

  // Indexes dropped, created, or renamed (same definition, new name).
  void Indexes(const ir::Table& old, const ir::Table& now) {
    const ir::QualifiedName& t = now.name;
    auto same_index = [&](const ir::Index* prev, const ir::Index* next) {
      return prev != nullptr && next != nullptr && !prev->invalid && !next->invalid &&
             SameIndex(*prev, *next) && !IndexReads(*prev, recreated_columns_);
    };
    std::set<std::string> renamed_indexes;  // Old names.
    std::map<std::string, const ir::Index*> index_targets;  // New name -> the old index.
    for (const ir::Index& index : old.indexes) {
      if (FindNamed(now.indexes, index.name) != nullptr) continue;
      for (const ir::Index& next : now.indexes) {
        if (FindNamed(old.indexes, next.name) != nullptr || index_targets.count(next.name)) continue;
        if (!same_index(&index, &next)) continue;
        renamed_indexes.insert(index.name);
        index_targets[next.name] = &index;
        Step& step = Add(StepKind::kRenameIndex, t, index.name);
        step.value = next.name;
        step.index = next;
        break;
      }
    }
    for (const ir::Index& index : old.indexes) {
      if (renamed_indexes.count(index.name)) continue;
      if (!same_index(&index, FindNamed(now.indexes, index.name))) {
        Add(StepKind::kDropIndex, t, index.name).index = index;
      }
    }
    for (const ir::Index& index : now.indexes) {
      // The comment stays with an index kept or renamed, and goes with one dropped.
      const ir::Index* prev = FindNamed(old.indexes, index.name);
      if (auto target = index_targets.find(index.name); target != index_targets.end()) {
        prev = target->second;
      } else if (!same_index(prev, &index)) {
        Add(StepKind::kCreateIndex, t, index.name).index = index;
        prev = nullptr;
      }
      std::string old_comment = prev != nullptr ? prev->comment : std::string();
      if (old_comment != index.comment) Add(StepKind::kCommentIndex, t, index.name).value = index.comment;
    }
  }

  // Row level security and policies.
  void Policies(const ir::Table& old, const ir::Table& now) {
    const ir::QualifiedName& t = now.name;
    if (old.rls_enabled != now.rls_enabled) {
      Add(StepKind::kSetRls, t).on = now.rls_enabled;
    }
    if (old.rls_forced != now.rls_forced) {
      Add(StepKind::kSetForceRls, t).on = now.rls_forced;
    }
    // A policy is made again when its kind changes, and when it reads a column that is dropped
    // or changes type (PostgreSQL refuses both while the policy exists).
    auto recreate_policy = [&](const ir::Policy* prev, const ir::Policy* next) {
      return prev == nullptr || next == nullptr || next->permissive != prev->permissive ||
             next->command != prev->command || Mentions(prev->using_expr, touched_columns_) ||
             Mentions(prev->with_check, touched_columns_);
    };
    for (const ir::Policy& policy : old.policies) {
      if (recreate_policy(&policy, FindNamed(now.policies, policy.name))) {
        Add(StepKind::kDropPolicy, t, policy.name).policy = policy;
      }
    }
    for (const ir::Policy& policy : now.policies) {
      const ir::Policy* prev = FindNamed(old.policies, policy.name);
      bool recreate = recreate_policy(prev, &policy);
      if (recreate) {
        Add(StepKind::kCreatePolicy, t, policy.name).policy = policy;
        if (!policy.comment.empty()) Add(StepKind::kCommentPolicy, t, policy.name).policy = policy;
        continue;
      }
      if (prev->roles != policy.roles || prev->using_expr != policy.using_expr ||
          prev->with_check != policy.with_check) {
        Step& step = Add(StepKind::kAlterPolicy, t, policy.name);
        step.policy = policy;
        step.policy.using_expr = prev->using_expr == policy.using_expr ? "" : policy.using_expr;
        step.policy.with_check = prev->with_check == policy.with_check ? "" : policy.with_check;
      }
      if (prev->comment != policy.comment) Add(StepKind::kCommentPolicy, t, policy.name).policy = policy;
    }
  }

  // Privileges revoked and granted, per role.
  void Grants(const ir::Table& old, const ir::Table& now) {
    const ir::QualifiedName& t = now.name;
    std::set<std::string> roles;
    for (const ir::Grant& g : old.grants) roles.insert(g.role);
    for (const ir::Grant& g : now.grants) roles.insert(g.role);
    for (const std::string& role : roles) {
      const ir::Grant* prev = nullptr;
      const ir::Grant* next = nullptr;
      for (const ir::Grant& g : old.grants) if (g.role == role) prev = &g;
      for (const ir::Grant& g : now.grants) if (g.role == role) next = &g;
      std::vector<std::string> had = prev ? prev->privileges : std::vector<std::string>{};
      std::vector<std::string> has = next ? next->privileges : std::vector<std::string>{};
      ir::Grant revoke{role, {}, {}};
      ir::Grant grant{role, {}, {}};
      for (const std::string& p : had) {
        if (std::find(has.begin(), has.end(), p) == has.end()) revoke.privileges.push_back(p);
      }
      for (const std::string& p : has) {
        if (std::find(had.begin(), had.end(), p) == had.end()) grant.privileges.push_back(p);
      }
      if (!revoke.privileges.empty()) Add(StepKind::kRevoke, t, role).grant = revoke;
      if (!grant.privileges.empty()) Add(StepKind::kGrant, t, role).grant = grant;
    }
  }

  const ir::Schema& from_;
  const ir::Schema& to_;
  const Renames& renames_;
  const DiffOptions& options_;
  plan::Plan plan_;
  std::set<std::string> touched_columns_;  // Of the table being altered: dropped or retyped.
  std::set<std::string> recreated_columns_;  // Of the table being altered: dropped and re-added.
  const ir::Table* old_table_ = nullptr;     // The table being altered, as it was.
};

}  // namespace

Renames Renames::Inverted() const {
  Renames out;
  for (const auto& [old_name, new_name] : tables) out.tables[new_name] = old_name;
  for (const auto& [key, new_column] : columns) {
    // Keyed by the table's name in the reverse plan's target: its old name.
    ir::QualifiedName table = key.first;
    for (const auto& [old_name, new_name] : tables) {
      if (new_name == key.first) table = old_name;
    }
    out.columns[{table, new_column}] = key.second;
  }
  for (const auto& [key, new_label] : enum_values) out.enum_values[{key.first, new_label}] = key.second;
  for (const auto& [old_name, new_name] : sequences) out.sequences[new_name] = old_name;
  return out;
}

Renames RenamesFromHints(const ir::Schema& hinted) {
  Renames out;
  for (const ir::Table& table : hinted.tables) {
    if (table.renamed_from) out.tables[{table.name.schema, *table.renamed_from}] = table.name;
    for (const ir::Column& column : table.columns) {
      if (column.renamed_from) out.columns[{table.name, *column.renamed_from}] = column.name;
    }
  }
  for (const ir::Enum& e : hinted.enums) {
    for (const ir::EnumValue& v : e.values) {
      if (v.renamed_from) out.enum_values[{e.name, *v.renamed_from}] = v.label;
    }
  }
  for (const ir::Sequence& s : hinted.sequences) {
    if (s.renamed_from) out.sequences[{s.name.schema, *s.renamed_from}] = s.name;
  }
  return out;
}

plan::Plan Diff(const ir::Schema& from, const ir::Schema& to, const Renames& renames,
                const DiffOptions& options) {
  plan::Plan result = Planner(from, to, renames, options).Run();
  DiffFunctions(from, to, result);
  DiffViews(from, to, result.steps);
  RebuildForeignKeysOnDroppedKeys(from, to, result.steps);
  DiffSequences(from, to, renames, result.steps);
  DiffTypes(from, to, result);
  plan::RebuildDependents(result, from, to);
  DiffOwners(from, to, renames, result);  // Last: it sets the owner of what the plan creates.
  plan::Finalize(result, {options.allow_destructive, options.concurrent_indexes, &from, &to});
  return result;
}

}  // namespace schemac
