// Owners in plans (diff_owners.h).

#include "compiler/diff_owners.h"

#include <map>
#include <set>

namespace schemac {

namespace {

using plan::Step;
using plan::StepKind;

// The objects the plan's steps create, made again included (a recreated enum, a function or
// view dropped and created): each new one is owned by the role that runs the migration.
std::set<ir::ObjectRef> Created(const plan::Plan& plan) {
  std::set<ir::ObjectRef> out;
  for (const Step& s : plan.steps) {
    switch (s.kind) {
      case StepKind::kCreateSchema: out.insert({ir::ObjectKind::kSchema, {s.name, ""}, ""}); break;
      case StepKind::kCreateTable: out.insert({ir::ObjectKind::kTable, s.table, ""}); break;
      case StepKind::kCreateEnum:
      case StepKind::kRecreateEnum: out.insert({ir::ObjectKind::kEnum, s.table, ""}); break;
      case StepKind::kCreateView: out.insert({ir::ObjectKind::kView, s.view.name, ""}); break;
      case StepKind::kCreateFunction: {
        std::string signature = s.function.Signature();
        out.insert({ir::ObjectKind::kFunction, s.function.name,
                    signature.substr(s.function.name.ToString().size())});
        break;
      }
      default: break;
    }
  }
  return out;
}

bool Materialized(const ir::Schema& schema, const ir::QualifiedName& name) {
  for (const ir::View& v : schema.views) {
    if (v.name == name) return v.materialized;
  }
  return false;
}

}  // namespace

void DiffOwners(const ir::Schema& from, const ir::Schema& to, const Renames& renames,
                plan::Plan& plan) {
  if (to.owners.empty()) return;
  std::set<ir::ObjectRef> created = Created(plan);
  std::map<ir::ObjectRef, const ir::Owner*> before;
  for (const ir::Owner& o : from.owners) before.emplace(o.object, &o);
  std::map<ir::QualifiedName, ir::QualifiedName> old_table_names;
  for (const auto& [old_name, new_name] : renames.tables) old_table_names.emplace(new_name, old_name);
  for (const ir::Owner& owner : to.owners) {
    bool set = created.count(owner.object) > 0;
    if (!set) {
      ir::ObjectRef old = owner.object;
      if (old.kind == ir::ObjectKind::kTable) {
        if (auto it = old_table_names.find(old.name); it != old_table_names.end()) old.name = it->second;
      }
      auto it = before.find(old);
      // Declared (it has a source): set unless `from` is known to have it already.
      bool declared = !owner.origin.file.empty();
      set = it != before.end() ? it->second->role != owner.role : declared;
    }
    if (!set) continue;
    Step& step = plan.steps.emplace_back();
    step.kind = StepKind::kSetOwner;
    step.owner = owner;
    step.table = owner.object.name;  // Shown with the object's other steps.
    step.on = owner.object.kind == ir::ObjectKind::kView && Materialized(to, owner.object.name);
  }
}

}  // namespace schemac
