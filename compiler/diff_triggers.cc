// The diff of triggers (diff_triggers.h). Triggers are matched by table and name. A changed
// definition is one kCreateTrigger step: its SQL is CREATE OR REPLACE TRIGGER, which replaces
// the trigger in place; a changed state alone is kAlterTrigger, a changed comment
// kCommentTrigger. Triggers on extern tables (auth.users) are the schema's like any other: their
// table is never created or dropped, they are.

#include "compiler/diff_triggers.h"

#include <map>
#include <string>
#include <tuple>
#include <utility>

namespace schemac {

namespace {

using plan::Step;
using plan::StepKind;

Step& Add(plan::Plan& plan, StepKind kind, const ir::Trigger& trigger) {
  Step step;
  step.kind = kind;
  step.table = trigger.table;
  step.name = trigger.name;
  step.trigger = trigger;
  plan.steps.push_back(std::move(step));
  return plan.steps.back();
}

}  // namespace

bool SameTriggerDefinition(const ir::Trigger& a, const ir::Trigger& b) {
  auto definition = [](const ir::Trigger& t) {
    return std::tie(t.timing, t.on_insert, t.on_update, t.on_delete, t.on_truncate,
                    t.update_columns, t.level, t.when, t.old_table, t.new_table, t.function,
                    t.arguments);
  };
  return definition(a) == definition(b);
}

void DiffTriggers(const ir::Schema& from, const ir::Schema& to, const Renames& renames,
                  plan::Plan& plan) {
  if (from.triggers.empty() && to.triggers.empty()) return;
  // from's triggers by (table as `to` names it, name).
  std::map<std::pair<ir::QualifiedName, std::string>, const ir::Trigger*> old;
  for (const ir::Trigger& t : from.triggers) {
    auto renamed = renames.tables.find(t.table);
    old[{renamed == renames.tables.end() ? t.table : renamed->second, t.name}] = &t;
  }
  for (const ir::Trigger& t : to.triggers) {
    auto it = old.find({t.table, t.name});
    if (it == old.end()) {
      Add(plan, StepKind::kCreateTrigger, t);
      if (!t.comment.empty()) Add(plan, StepKind::kCommentTrigger, t);
      continue;
    }
    const ir::Trigger& before = *it->second;
    old.erase(it);
    if (!SameTriggerDefinition(before, t)) {
      Add(plan, StepKind::kCreateTrigger, t);  // Its SQL sets the state too.
    } else if (before.enabled != t.enabled) {
      Add(plan, StepKind::kAlterTrigger, t);
    }
    if (before.comment != t.comment) Add(plan, StepKind::kCommentTrigger, t);
  }
  // What is left is dropped, on the table's new name: renames run before drops (their phases,
  // compiler/step_kinds.cc).
  for (const ir::Trigger& t : from.triggers) {
    auto renamed = renames.tables.find(t.table);
    ir::Trigger dropped = t;
    if (renamed != renames.tables.end()) dropped.table = renamed->second;
    if (old.count({dropped.table, t.name}) > 0) Add(plan, StepKind::kDropTrigger, dropped);
  }
}

}  // namespace schemac
