// Foreign keys around the keys they reference (see diff_constraints.h). PostgreSQL ties a
// foreign key to one unique index of the referenced columns (pg_constraint.conindid), chosen
// when it is made: any key of the same column set may be it, so every such key counts.

#include "compiler/diff_constraints.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace schemac {

namespace {

using plan::Constraint;
using plan::Step;
using plan::StepKind;

using KeyId = std::pair<std::string, std::set<std::string>>;  // Table, column set.

// The key a primary key, unique constraint or unique index step is about (an index without a
// predicate whose keys are columns: what a foreign key may reference); nullopt for others.
std::optional<KeyId> KeyOf(const Step& step) {
  if (step.kind == StepKind::kCreateIndex || step.kind == StepKind::kDropIndex) {
    if (!step.index.unique || !step.index.where.empty()) return std::nullopt;
    KeyId key{step.table.ToString(), {}};
    for (const ir::IndexKey& k : step.index.keys) {
      if (k.column.empty()) return std::nullopt;
      key.second.insert(k.column);
    }
    return key;
  }
  if (step.kind != StepKind::kAddConstraint && step.kind != StepKind::kDropConstraint) {
    return std::nullopt;
  }
  const Constraint& c = step.constraint;
  if (c.kind == Constraint::Kind::kPrimaryKey) {
    return KeyId{step.table.ToString(), {c.primary_key.columns.begin(), c.primary_key.columns.end()}};
  }
  if (c.kind == Constraint::Kind::kUnique) {
    return KeyId{step.table.ToString(), {c.unique.columns.begin(), c.unique.columns.end()}};
  }
  return std::nullopt;
}

KeyId Referenced(const ir::ForeignKey& fk) {
  return {fk.ref_table.ToString(), {fk.ref_columns.begin(), fk.ref_columns.end()}};
}

bool IsForeignKeyStep(const Step& step, StepKind kind) {
  return step.kind == kind && step.constraint.kind == Constraint::Kind::kForeignKey;
}

}  // namespace

void RebuildForeignKeysOnDroppedKeys(const ir::Schema& from, const ir::Schema& to,
                                     std::vector<Step>& steps) {
  std::set<KeyId> dropped_keys;
  std::set<std::pair<std::string, std::string>> dropped_fks;  // Table, name.
  std::set<std::string> dropped_tables;
  for (const Step& step : steps) {
    if (step.kind == StepKind::kDropTable) dropped_tables.insert(step.table.ToString());
    if (step.kind != StepKind::kDropConstraint && step.kind != StepKind::kDropIndex) continue;
    if (std::optional<KeyId> key = KeyOf(step)) dropped_keys.insert(*key);
    if (step.constraint.kind == Constraint::Kind::kForeignKey) {
      dropped_fks.insert({step.table.ToString(), step.name});
    }
  }
  if (dropped_keys.empty()) return;
  for (const ir::Table& table : from.tables) {
    std::string name = table.name.ToString();
    const ir::Table* next = to.FindTable(table.name);
    if (table.is_extern || next == nullptr || dropped_tables.count(name)) continue;
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      if (!dropped_keys.count(Referenced(fk)) || dropped_fks.count({name, fk.name})) continue;
      auto kept = std::find_if(next->foreign_keys.begin(), next->foreign_keys.end(),
                               [&](const ir::ForeignKey& f) { return f.name == fk.name; });
      if (kept == next->foreign_keys.end()) continue;
      Step drop;
      drop.kind = StepKind::kDropConstraint;
      drop.table = table.name;
      drop.name = fk.name;
      drop.constraint.kind = Constraint::Kind::kForeignKey;
      drop.constraint.foreign_key = fk;
      steps.push_back(drop);
      // Added again as the diff adds a foreign key to an existing table: NOT VALID, then
      // validated (its rows were valid a moment ago, but a rerun may find them changed).
      Step add = drop;
      add.kind = StepKind::kAddConstraint;
      add.constraint.foreign_key = *kept;
      add.not_valid = true;
      steps.push_back(add);
      if (!kept->not_valid) {
        Step validate = add;
        validate.kind = StepKind::kValidateConstraint;
        validate.not_valid = false;
        steps.push_back(validate);
      }
      if (!kept->comment.empty()) {
        Step comment = drop;
        comment.kind = StepKind::kCommentConstraint;
        comment.value = kept->comment;
        steps.push_back(comment);
      }
    }
  }
}

void OrderForeignKeysAroundKeys(std::vector<Step>& steps) {
  // Adds: a foreign key waits for the last step adding a key it references.
  std::map<KeyId, size_t> last_key_add;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].kind != StepKind::kAddConstraint && steps[i].kind != StepKind::kCreateIndex) continue;
    if (std::optional<KeyId> key = KeyOf(steps[i])) last_key_add[*key] = i;
  }
  // Drops: a foreign key goes before the first step dropping a key it references.
  std::map<KeyId, size_t> first_key_drop;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].kind != StepKind::kDropConstraint && steps[i].kind != StepKind::kDropIndex) continue;
    if (std::optional<KeyId> key = KeyOf(steps[i])) first_key_drop.emplace(*key, i);
  }
  if (last_key_add.empty() && first_key_drop.empty()) return;
  // Each step gets a position: 3 * its index + 1, or just after (+2) / before (+0) the key
  // step it follows or precedes; a stable sort by position moves only those.
  std::vector<std::pair<size_t, size_t>> position(steps.size());  // (position, index)
  for (size_t i = 0; i < steps.size(); ++i) {
    size_t at = 3 * i + 1;
    // A foreign key's validation moves with its addition (and stays after it: same position).
    if (IsForeignKeyStep(steps[i], StepKind::kAddConstraint) ||
        IsForeignKeyStep(steps[i], StepKind::kValidateConstraint)) {
      auto key = last_key_add.find(Referenced(steps[i].constraint.foreign_key));
      if (key != last_key_add.end() && key->second > i) at = 3 * key->second + 2;
    } else if (IsForeignKeyStep(steps[i], StepKind::kDropConstraint)) {
      auto key = first_key_drop.find(Referenced(steps[i].constraint.foreign_key));
      if (key != first_key_drop.end() && key->second < i) at = 3 * key->second;
    }
    position[i] = {at, i};
  }
  std::stable_sort(position.begin(), position.end());
  std::vector<Step> sorted;
  sorted.reserve(steps.size());
  for (const auto& [at, i] : position) sorted.push_back(std::move(steps[i]));
  steps = std::move(sorted);
}

}  // namespace schemac
