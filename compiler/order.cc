// The order of a plan's steps by the dependency graph (compiler/dependents.h): which objects a
// step creates or drops, and a stable topological sort of the phase-sorted steps.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <queue>

#include "compiler/dependents.h"
#include "compiler/step_kinds.h"

namespace schemac::plan {

namespace {

using ir::ObjectKind;
using ir::ObjectRef;

ObjectRef Ref(ObjectKind kind, const ir::QualifiedName& name, std::string member = {}) {
  return ObjectRef{kind, name, std::move(member)};
}

// The table and each of its columns: a table made or dropped makes or drops its columns, which
// views and defaults depend on one by one.
void AddTable(std::vector<ObjectRef>& refs, const ir::QualifiedName& name, const ir::Table* table) {
  refs.push_back(Ref(ObjectKind::kTable, name));
  if (table == nullptr) return;
  for (const ir::Column& column : table->columns) {
    refs.push_back(Ref(ObjectKind::kColumn, name, column.name));
  }
}

}  // namespace

const std::vector<size_t>* StepsOf(const std::map<ir::ObjectRef, std::vector<size_t>>& steps,
                                   const ir::ObjectRef& ref) {
  auto it = steps.find(ref);
  if (it == steps.end() && ref.kind == ObjectKind::kColumn) {
    // A view's column is made and dropped with its view.
    it = steps.find(Ref(ObjectKind::kView, ref.name));
  }
  return it == steps.end() ? nullptr : &it->second;
}

ir::ObjectRef FunctionRef(const ir::Function& function) {
  std::string signature = function.Signature();
  return Ref(ObjectKind::kFunction, function.name,
             signature.substr(function.name.ToString().size()));
}

StepObjects ObjectsOf(const Step& s, const ir::Schema* from) {
  StepObjects out;
  auto& creates = out.creates;
  auto& drops = out.drops;
  switch (s.kind) {
    case StepKind::kCreateEnum: creates.push_back(Ref(ObjectKind::kEnum, s.table)); break;
    case StepKind::kDropEnum: drops.push_back(Ref(ObjectKind::kEnum, s.table)); break;
    case StepKind::kCreateTable: AddTable(creates, s.table, s.table_def.get()); break;
    case StepKind::kDropTable:
      AddTable(drops, s.table, from == nullptr ? nullptr : from->FindTable(s.table));
      break;
    case StepKind::kAddColumn:
    case StepKind::kSetDefault:
      creates.push_back(Ref(ObjectKind::kColumn, s.table, s.name));
      break;
    case StepKind::kAlterColumnType:
      // What reads the column is made again after the change (and dropped before it: drops
      // run first by phase).
      creates.push_back(Ref(ObjectKind::kColumn, s.table, s.name));
      break;
    case StepKind::kDropColumn:
    case StepKind::kDropDefault:
      drops.push_back(Ref(ObjectKind::kColumn, s.table, s.name));
      break;
    case StepKind::kAddConstraint:
      creates.push_back(Ref(ObjectKind::kConstraint, s.table, s.name));
      break;
    case StepKind::kDropConstraint:
      drops.push_back(Ref(ObjectKind::kConstraint, s.table, s.name));
      break;
    case StepKind::kCreateIndex: creates.push_back(Ref(ObjectKind::kIndex, s.table, s.name)); break;
    case StepKind::kDropIndex: drops.push_back(Ref(ObjectKind::kIndex, s.table, s.name)); break;
    case StepKind::kCreatePolicy:
    case StepKind::kAlterPolicy:
      creates.push_back(Ref(ObjectKind::kPolicy, s.table, s.name));
      break;
    case StepKind::kDropPolicy: drops.push_back(Ref(ObjectKind::kPolicy, s.table, s.name)); break;
    case StepKind::kCreateFunction:
    case StepKind::kReplaceFunction:
      creates.push_back(FunctionRef(s.function));
      break;
    case StepKind::kDropFunction: drops.push_back(FunctionRef(s.function)); break;
    case StepKind::kCreateView:
    case StepKind::kReplaceView:
      creates.push_back(Ref(ObjectKind::kView, s.view.name));
      break;
    case StepKind::kDropView: drops.push_back(Ref(ObjectKind::kView, s.view.name)); break;
    case StepKind::kCreateTrigger:
      creates.push_back(Ref(ObjectKind::kTrigger, s.trigger.table, s.trigger.name));
      break;
    case StepKind::kDropTrigger:
      drops.push_back(Ref(ObjectKind::kTrigger, s.trigger.table, s.trigger.name));
      break;
    default: break;
  }
  return out;
}

void OrderByDependencies(std::vector<Step>& steps, const ir::Schema* from, const ir::Schema* to) {
  bool any = (from != nullptr && !from->dependencies.empty()) ||
             (to != nullptr && !to->dependencies.empty());
  if (!any || steps.size() < 2) return;  // Nothing to refine: the phase order stands.
  std::map<ObjectRef, std::vector<size_t>> creators, droppers;
  for (size_t i = 0; i < steps.size(); ++i) {
    StepObjects objects = ObjectsOf(steps[i], from);
    for (const ObjectRef& ref : objects.creates) creators[ref].push_back(i);
    for (const ObjectRef& ref : objects.drops) droppers[ref].push_back(i);
  }
  // Edges (first, then). A creation waits for what it references: it moves later, to the
  // phase of the latest of them. A drop goes before what it references is dropped: it moves
  // earlier, to the phase of the earliest of them. Nothing else moves.
  std::vector<std::pair<size_t, size_t>> create_edges, drop_edges;
  auto connect = [](const std::map<ObjectRef, std::vector<size_t>>& steps_of,
                    const std::vector<ir::Dependency>& dependencies, bool dependent_first,
                    std::vector<std::pair<size_t, size_t>>& edges) {
    for (const ir::Dependency& d : dependencies) {
      const std::vector<size_t>* dependents = StepsOf(steps_of, d.dependent);
      const std::vector<size_t>* referenced = StepsOf(steps_of, d.referenced);
      if (dependents == nullptr || referenced == nullptr) continue;
      for (size_t a : *dependents) {
        for (size_t b : *referenced) {
          if (a != b) edges.push_back(dependent_first ? std::pair{a, b} : std::pair{b, a});
        }
      }
    }
  };
  if (to != nullptr) connect(creators, to->dependencies, false, create_edges);
  if (from != nullptr) connect(droppers, from->dependencies, true, drop_edges);
  // Drops on a table the plan renames name it as `to` does (they run after the rename).
  std::map<ir::QualifiedName, ir::QualifiedName> renamed;
  for (const Step& s : steps) {
    if (s.kind == StepKind::kRenameTable) renamed[{s.table.schema, s.name}] = s.table;
  }
  if (from != nullptr && !renamed.empty()) {
    std::vector<ir::Dependency> moved;
    for (ir::Dependency d : from->dependencies) {
      bool changed = false;
      for (ObjectRef* ref : {&d.dependent, &d.referenced}) {
        auto it = renamed.find(ref->name);
        if (it == renamed.end() || ref->kind == ObjectKind::kView ||
            ref->kind == ObjectKind::kFunction || ref->kind == ObjectKind::kEnum ||
            ref->kind == ObjectKind::kSchema) {
          continue;
        }
        ref->name = it->second;
        changed = true;
      }
      if (changed) moved.push_back(d);
    }
    connect(droppers, moved, true, drop_edges);
  }
  // And as `to` has them: what the plan drops and makes again may, on a second run of the
  // migration, be there as `to` has it (RebuildDependents drops it first).
  if (to != nullptr) connect(droppers, to->dependencies, true, drop_edges);
  std::vector<int> phase(steps.size());
  for (size_t i = 0; i < steps.size(); ++i) phase[i] = PhaseOf(steps[i]);
  // Phases only rise along creation edges and fall along drop edges, among a finite set of
  // values: this ends, cycles included.
  for (bool moved = true; moved;) {
    moved = false;
    for (auto [first, then] : create_edges) {
      if (phase[then] < phase[first]) phase[then] = phase[first], moved = true;
    }
    for (auto [first, then] : drop_edges) {
      if (phase[first] > phase[then]) phase[first] = phase[then], moved = true;
    }
  }
  std::vector<std::vector<size_t>> after(steps.size());  // i -> the steps that run after i.
  std::vector<size_t> waiting(steps.size(), 0);
  for (const auto* edges : {&create_edges, &drop_edges}) {
    for (auto [first, then] : *edges) {
      after[first].push_back(then);
      ++waiting[then];
    }
  }
  // Kahn's algorithm, always taking the ready step of the lowest (phase, position): with no
  // edge against the phase order, the order does not change.
  using Key = std::pair<int, size_t>;
  std::priority_queue<Key, std::vector<Key>, std::greater<>> ready;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (waiting[i] == 0) ready.push({phase[i], i});
  }
  std::vector<bool> done(steps.size(), false);
  std::vector<size_t> order;
  order.reserve(steps.size());
  while (order.size() < steps.size()) {
    if (ready.empty()) {
      // A cycle: its first step by (phase, position) goes first.
      Key first{INT32_MAX, 0};
      for (size_t i = 0; i < steps.size(); ++i) {
        if (!done[i]) first = std::min(first, Key{phase[i], i});
      }
      waiting[first.second] = 0;
      ready.push(first);
    }
    size_t i = ready.top().second;
    ready.pop();
    if (done[i]) continue;
    done[i] = true;
    order.push_back(i);
    for (size_t then : after[i]) {
      if (waiting[then] > 0 && --waiting[then] == 0) ready.push({phase[then], then});
    }
  }
  std::vector<Step> sorted;
  sorted.reserve(steps.size());
  for (size_t i : order) sorted.push_back(std::move(steps[i]));
  steps = std::move(sorted);
}

}  // namespace schemac::plan
