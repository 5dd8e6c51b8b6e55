// The dependents of what a plan changes (compiler/dependents.h): rebuilt around the change,
// flagged when PostgreSQL cannot see them (function bodies), and the objects that keep a schema
// from being dropped.

#include "compiler/dependents.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <set>

namespace schemac::plan {

namespace {

using ir::ObjectKind;
using ir::ObjectRef;

template <typename T>
const T* Named(const std::vector<T>& items, const std::string& name) {
  for (const T& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

const ir::View* FindView(const ir::Schema& schema, const ir::QualifiedName& name) {
  for (const ir::View& view : schema.views) {
    if (view.name == name) return &view;
  }
  return nullptr;
}

const ir::Function* FindFunction(const ir::Schema& schema, const ObjectRef& ref) {
  for (const ir::Function& function : schema.functions) {
    if (function.name == ref.name && FunctionRef(function) == ref) return &function;
  }
  return nullptr;
}

const ir::Trigger* FindTrigger(const ir::Schema& schema, const ObjectRef& ref) {
  for (const ir::Trigger& trigger : schema.triggers) {
    if (trigger.table == ref.name && trigger.name == ref.member) return &trigger;
  }
  return nullptr;
}

// A check of `table` named `name`, as a plan constraint; false when there is none.
bool FindCheck(const ir::Schema& schema, const ObjectRef& ref, Constraint* out) {
  const ir::Table* table = schema.FindTable(ref.name);
  const ir::CheckConstraint* check = table ? Named(table->checks, ref.member) : nullptr;
  if (check == nullptr) return false;
  out->kind = Constraint::Kind::kCheck;
  out->check = *check;
  return true;
}

const ir::Index* FindIndex(const ir::Schema& schema, const ObjectRef& ref) {
  if (const ir::Table* table = schema.FindTable(ref.name)) return Named(table->indexes, ref.member);
  if (const ir::View* view = FindView(schema, ref.name)) return Named(view->indexes, ref.member);
  return nullptr;
}

// Rebuilds dependents one by one, appending to the plan the steps it lacks.
class Rebuilder {
 public:
  Rebuilder(Plan& plan, const ir::Schema& from, const ir::Schema& to)
      : plan_(plan), from_(from), to_(to) {
    for (size_t i = 0; i < plan.steps.size(); ++i) {
      StepObjects objects = ObjectsOf(plan.steps[i], &from);
      for (const ObjectRef& ref : objects.creates) made_[ref].push_back(plan.steps[i].kind);
      for (const ObjectRef& ref : objects.drops) removed_[ref].push_back(plan.steps[i].kind);
      if (plan.steps[i].kind == StepKind::kDropTable) dropped_tables_.insert(plan.steps[i].table);
      if (plan.steps[i].kind == StepKind::kRenameTable) {
        const Step& r = plan.steps[i];
        ir::QualifiedName old_name{r.table.schema, r.name};
        new_names_[old_name] = r.table;
        old_names_[r.table] = old_name;
      }
    }
    for (const ir::Dependency& d : from.dependencies) {
      users_[d.referenced].push_back(d.dependent);
      // What reads a view's column depends on the view: PostgreSQL records only the column.
      if (d.referenced.kind == ObjectKind::kColumn && FindView(from, d.referenced.name)) {
        users_[{ObjectKind::kView, d.referenced.name, ""}].push_back(d.dependent);
      }
    }
  }

  void Run() {
    std::deque<ObjectRef> changed;
    for (const Step& step : plan_.steps) {
      for (const ObjectRef& ref : Changed(step)) changed.push_back(ref);
    }
    std::set<ObjectRef> seen(changed.begin(), changed.end());
    while (!changed.empty()) {
      ObjectRef ref = changed.front();
      changed.pop_front();
      auto it = users_.find(ref);
      if (it == users_.end()) continue;
      for (const ObjectRef& user : it->second) {
        if (!seen.insert(user).second || !Rebuild(user, ref)) continue;
        // What depends on a view or function made again is made again too.
        if (user.kind == ObjectKind::kView || user.kind == ObjectKind::kFunction) {
          changed.push_back(user);
        }
      }
    }
    // What `to` has calling a function the plan drops and creates again, which the plan makes
    // or changes in place (a new policy or view, a check of a new table, a policy that starts
    // calling it): run a second time, the migration finds it there, and it would keep the drop
    // from running. It is dropped first (IF EXISTS, or guarded: nothing happens the first
    // time) and made again after.
    for (const ir::Dependency& d : to_.dependencies) {
      ObjectRef was = d.dependent;  // As `from` names its table, as the pass above has it.
      if (was.kind != ObjectKind::kView && was.kind != ObjectKind::kFunction)
        was.name = OldName(was.name);
      if (d.referenced.kind != ObjectKind::kFunction ||
          !Dropped(d.referenced, {StepKind::kDropFunction}) ||
          FindFunction(to_, d.referenced) == nullptr || !seen.insert(was).second) {
        continue;
      }
      Rebuild(was, d.referenced);
    }
    for (const Step& step : added_) plan_.steps.push_back(step);
  }

 private:
  // What a step changes or removes under the objects that depend on it (as `from` names them).
  std::vector<ObjectRef> Changed(const Step& s) const {
    switch (s.kind) {
      case StepKind::kAlterColumnType:
        return {{ObjectKind::kColumn, OldName(s.table),
                 s.old_column.name.empty() ? s.name : s.old_column.name}};
      case StepKind::kDropColumn:
      case StepKind::kRenameColumn:
        return {{ObjectKind::kColumn, OldName(s.table), s.name}};
      case StepKind::kRecreateEnum: {
        // Its columns are converted to the new type, as a type change converts them.
        std::vector<ObjectRef> columns;
        for (const auto& [table, column] : s.enum_columns) {
          columns.push_back({ObjectKind::kColumn, OldName(table), column.name});
        }
        return columns;
      }
      case StepKind::kDropFunction: return {FunctionRef(s.function)};
      case StepKind::kDropView: return {{ObjectKind::kView, s.view.name, ""}};
      case StepKind::kDropTable: return ObjectsOf(s, &from_).drops;
      default: return {};
    }
  }

  // A table's name in `from` and in `to`, across the plan's renames.
  ir::QualifiedName OldName(const ir::QualifiedName& name) const {
    auto it = old_names_.find(name);
    return it == old_names_.end() ? name : it->second;
  }
  ir::QualifiedName NewName(const ir::QualifiedName& name) const {
    auto it = new_names_.find(name);
    return it == new_names_.end() ? name : it->second;
  }

  bool Has(const std::map<ObjectRef, std::vector<StepKind>>& steps, const ObjectRef& ref,
           std::initializer_list<StepKind> kinds) const {
    auto it = steps.find(ref);
    if (it == steps.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](StepKind k) {
      return std::find(kinds.begin(), kinds.end(), k) != kinds.end();
    });
  }
  bool Dropped(const ObjectRef& ref, std::initializer_list<StepKind> kinds) const {
    return Has(removed_, ref, kinds);
  }
  bool Made(const ObjectRef& ref, std::initializer_list<StepKind> kinds) const {
    return Has(made_, ref, kinds);
  }

  Step& Add(StepKind kind, const ir::QualifiedName& table, std::string name = {}) {
    Step step;
    step.kind = kind;
    step.table = table;
    step.name = std::move(name);
    added_.push_back(std::move(step));
    return added_.back();
  }

  // Removes the steps of the diffs that change `ref` in place: it is made again whole.
  void Supersede(const ObjectRef& ref, std::initializer_list<StepKind> kinds) {
    std::erase_if(plan_.steps, [&](const Step& s) {
      if (std::find(kinds.begin(), kinds.end(), s.kind) == kinds.end()) return false;
      switch (ref.kind) {
        case ObjectKind::kView: return s.view.name == ref.name;
        case ObjectKind::kFunction: return FunctionRef(s.function) == ref;
        case ObjectKind::kTrigger: return s.trigger.table == ref.name && s.trigger.name == ref.member;
        default: return s.table == ref.name && s.name == ref.member;
      }
    });
  }

  // Drops `user` (which depends on `ref` in `from`) and makes it again from `to`; false when
  // there is nothing to rebuild (its table is dropped, or it is not a kind that is rebuilt).
  bool Rebuild(const ObjectRef& was, const ObjectRef& ref) {
    if (was.kind != ObjectKind::kView && was.kind != ObjectKind::kFunction &&
        dropped_tables_.count(was.name)) {
      return false;  // Goes with its table.
    }
    // `was` names its table as `from` does; the steps run after the table's rename.
    ObjectRef user = was;
    if (was.kind != ObjectKind::kView && was.kind != ObjectKind::kFunction)
      user.name = NewName(was.name);
    switch (user.kind) {
      case ObjectKind::kView: RebuildView(user); return true;
      case ObjectKind::kFunction: RebuildFunction(user); return true;
      case ObjectKind::kPolicy:
        RebuildPolicy(was, user);
        return true;
      case ObjectKind::kTrigger:
        RebuildTrigger(was, user);
        return true;
      case ObjectKind::kColumn:
        // A column depends on a function through its default.
        if (ref.kind != ObjectKind::kFunction) return false;
        RebuildDefault(was, user);
        return true;
      case ObjectKind::kConstraint:
        if (ref.kind != ObjectKind::kFunction) return false;
        RebuildCheck(was, user);
        return true;
      case ObjectKind::kIndex:
        if (ref.kind != ObjectKind::kFunction) return false;
        RebuildIndex(was, user);
        return true;
      default: return false;
    }
  }

  void RebuildView(const ObjectRef& user) {
    const ir::View* now = FindView(to_, user.name);
    // A view only `to` has is dropped IF EXISTS, for a second run (see Run).
    const ir::View* old = FindView(from_, user.name);
    if (old == nullptr) old = now;
    if (old != nullptr && !Dropped(user, {StepKind::kDropView})) {
      Add(StepKind::kDropView, old->name).view = *old;
    }
    if (now == nullptr || Made(user, {StepKind::kCreateView})) return;
    Supersede(user, {StepKind::kReplaceView, StepKind::kAlterView, StepKind::kGrantOnView,
                     StepKind::kRevokeOnView, StepKind::kCommentView,
                     StepKind::kCommentViewColumn});
    auto add = [&](StepKind kind, std::string name = {}) -> Step& {
      Step& step = Add(kind, now->name, std::move(name));
      step.view = *now;
      return step;
    };
    add(StepKind::kCreateView);
    for (const ir::Index& index : now->indexes) add(StepKind::kCreateIndex, index.name).index = index;
    for (const ir::Grant& grant : now->grants) add(StepKind::kGrantOnView, grant.role).grant = grant;
    if (!now->comment.empty()) add(StepKind::kCommentView).value = now->comment;
    std::map<std::string, std::string> comments(now->column_comments.begin(),
                                                now->column_comments.end());
    for (const ir::ViewColumn& column : now->columns) {
      if (!column.comment.empty()) comments[column.name] = column.comment;
    }
    for (const auto& [column, text] : comments) add(StepKind::kCommentViewColumn, column).value = text;
  }

  void RebuildFunction(const ObjectRef& user) {
    const ir::Function* old = FindFunction(from_, user);
    if (old != nullptr && !Dropped(user, {StepKind::kDropFunction})) {
      Add(StepKind::kDropFunction, old->name).function = *old;
    }
    const ir::Function* now = FindFunction(to_, user);
    if (now == nullptr || Made(user, {StepKind::kCreateFunction})) return;
    Supersede(user, {StepKind::kReplaceFunction, StepKind::kAlterFunction,
                     StepKind::kGrantOnFunction, StepKind::kRevokeOnFunction,
                     StepKind::kCommentFunction});
    auto add = [&](StepKind kind, std::string name = {}) -> Step& {
      Step& step = Add(kind, now->name, std::move(name));
      step.function = *now;
      return step;
    };
    add(StepKind::kCreateFunction);
    // A function is created with EXECUTE for PUBLIC: revoked unless the schema grants it.
    bool public_execute = false;
    for (const ir::Grant& grant : now->grants) {
      if (grant.role == "public") {
        public_execute = true;
        continue;
      }
      add(StepKind::kGrantOnFunction, grant.role).grant = grant;
    }
    if (!public_execute) {
      add(StepKind::kRevokeOnFunction, "public").grant = ir::Grant{"public", {"execute"}, {}};
    }
    if (!now->comment.empty()) add(StepKind::kCommentFunction).value = now->comment;
  }

  void RebuildPolicy(const ObjectRef& was, const ObjectRef& user) {
    const ir::Table* old_table = from_.FindTable(was.name);
    const ir::Policy* old = old_table ? Named(old_table->policies, user.member) : nullptr;
    const ir::Table* table = to_.FindTable(user.name);
    const ir::Policy* now = table ? Named(table->policies, user.member) : nullptr;
    if (old == nullptr) old = now;  // Only in `to`: dropped IF EXISTS, for a second run.
    if (old != nullptr && !Dropped(user, {StepKind::kDropPolicy})) {
      Add(StepKind::kDropPolicy, user.name, user.member).policy = *old;
    }
    if (now == nullptr || Made(user, {StepKind::kCreatePolicy})) return;
    Supersede(user, {StepKind::kAlterPolicy, StepKind::kCommentPolicy});
    Add(StepKind::kCreatePolicy, user.name, user.member).policy = *now;
    if (!now->comment.empty()) Add(StepKind::kCommentPolicy, user.name, user.member).policy = *now;
  }

  void RebuildTrigger(const ObjectRef& was, const ObjectRef& user) {
    const ir::Trigger* now = FindTrigger(to_, user);
    const ir::Trigger* old = FindTrigger(from_, was);
    if (old == nullptr) old = now;  // Only in `to`: dropped IF EXISTS, for a second run.
    if (old != nullptr && !Dropped(user, {StepKind::kDropTrigger}) &&
        !Dropped(was, {StepKind::kDropTrigger})) {
      Step& drop = Add(StepKind::kDropTrigger, user.name, old->name);
      drop.trigger = *old;
      drop.trigger.table = user.name;  // After the rename of its table, if any.
    }
    if (now == nullptr) return;
    // Its state and comment go with the drop: made again here even when the triggers' diff
    // creates the trigger (CREATE OR REPLACE of a changed one, which counts on keeping them).
    Supersede(user, {StepKind::kAlterTrigger, StepKind::kCommentTrigger});
    if (!Made(user, {StepKind::kCreateTrigger}))
      Add(StepKind::kCreateTrigger, now->table, now->name).trigger = *now;
    if (now->enabled != ir::TriggerEnabled::kOrigin) {
      Add(StepKind::kAlterTrigger, now->table, now->name).trigger = *now;
    }
    if (!now->comment.empty()) {
      Add(StepKind::kCommentTrigger, now->table, now->name).trigger = *now;
    }
  }

  void RebuildDefault(const ObjectRef& was, const ObjectRef& user) {
    const ir::Table* old_table = from_.FindTable(was.name);
    const ir::Table* table = to_.FindTable(user.name);
    const ir::Column* old = old_table ? old_table->FindColumn(user.member) : nullptr;
    const ir::Column* now = table ? table->FindColumn(user.member) : nullptr;
    // A default only `to` has (a new column's, or a changed one) is dropped when it is
    // there (the step is guarded), for a second run.
    if (old == nullptr || old->default_sql.empty()) old = now;
    if (old == nullptr || old->default_sql.empty() ||
        Dropped(user, {StepKind::kDropDefault, StepKind::kDropColumn})) {
      return;
    }
    Step& drop = Add(StepKind::kDropDefault, user.name, user.member);
    drop.column = now ? *now : *old;
    drop.old_column = *old;
    if (now == nullptr || now->default_sql.empty() || Made(user, {StepKind::kSetDefault})) return;
    Step& set = Add(StepKind::kSetDefault, user.name, user.member);
    set.column = *now;
    set.old_column = *old;
  }

  void RebuildCheck(const ObjectRef& was, const ObjectRef& user) {
    Constraint old, now;
    // A check only `to` has is dropped IF EXISTS, for a second run (see Run).
    if ((FindCheck(from_, was, &old) || FindCheck(to_, user, &old)) &&
        !Dropped(user, {StepKind::kDropConstraint})) {
      Add(StepKind::kDropConstraint, user.name, user.member).constraint = old;
    }
    if (!FindCheck(to_, user, &now) || Made(user, {StepKind::kAddConstraint})) return;
    // Added NOT VALID and validated after, as the diff adds a check to an existing table.
    Step& add = Add(StepKind::kAddConstraint, user.name, user.member);
    add.constraint = now;
    add.not_valid = true;
    if (!now.check.not_valid) {
      Add(StepKind::kValidateConstraint, user.name, user.member).constraint = now;
    }
    if (!now.check.comment.empty() && !Made(user, {StepKind::kCommentConstraint})) {
      Add(StepKind::kCommentConstraint, user.name, user.member).value = now.check.comment;
    }
  }

  void RebuildIndex(const ObjectRef& was, const ObjectRef& user) {
    const ir::Index* old = FindIndex(from_, was);
    if (old != nullptr && !Dropped(user, {StepKind::kDropIndex})) {
      Add(StepKind::kDropIndex, user.name, user.member).index = *old;
    }
    const ir::Index* now = FindIndex(to_, user);
    if (now == nullptr || Made(user, {StepKind::kCreateIndex})) return;
    Add(StepKind::kCreateIndex, user.name, user.member).index = *now;
    if (!now->comment.empty() && !Made(user, {StepKind::kCommentIndex})) {
      Add(StepKind::kCommentIndex, user.name, user.member).value = now->comment;
    }
  }

  Plan& plan_;
  const ir::Schema& from_;
  const ir::Schema& to_;
  std::map<ObjectRef, std::vector<StepKind>> made_;     // Objects the diffs' steps make.
  std::map<ObjectRef, std::vector<StepKind>> removed_;  // Objects the diffs' steps drop.
  std::set<ir::QualifiedName> dropped_tables_;
  std::map<ir::QualifiedName, ir::QualifiedName> new_names_, old_names_;  // Renamed tables.
  std::map<ObjectRef, std::vector<ObjectRef>> users_;  // Referenced -> its dependents in from.
  std::vector<Step> added_;
};

bool IsIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

// Whether `body` names `identifier`: unquoted (case-insensitively, when the name needs no
// quotes) or double-quoted, as a whole word.
bool NamesIdentifier(const std::string& body, const std::string& identifier) {
  if (identifier.empty()) return false;
  std::string quoted = "\"" + identifier + "\"";
  if (body.find(quoted) != std::string::npos) return true;
  bool plain = std::none_of(identifier.begin(), identifier.end(), [](char c) {
    return !(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  });
  if (!plain) return false;
  std::string lower(body.size(), ' ');
  std::transform(body.begin(), body.end(), lower.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  for (size_t at = lower.find(identifier); at != std::string::npos;
       at = lower.find(identifier, at + 1)) {
    bool starts = at == 0 || !IsIdentifierChar(lower[at - 1]);
    size_t end = at + identifier.size();
    bool ends = end >= lower.size() || !IsIdentifierChar(lower[end]);
    if (starts && ends) return true;
  }
  return false;
}

// The functions of `to` whose bodies name column `column` of `table`: the body names the
// table too, or the function is the one of a trigger on the table (NEW.column).
std::vector<std::string> FunctionsNaming(const ir::Schema& to, const ir::QualifiedName& table,
                                         const std::string& column) {
  std::set<ir::QualifiedName> triggered;
  for (const ir::Trigger& trigger : to.triggers) {
    if (trigger.table == table) triggered.insert(trigger.function);
  }
  std::vector<std::string> out;
  for (const ir::Function& function : to.functions) {
    if (!NamesIdentifier(function.body, column)) continue;
    if (triggered.count(function.name) || NamesIdentifier(function.body, table.name)) {
      out.push_back(function.Signature());
    }
  }
  return out;
}

void FlagColumnsNamedInBodies(Plan& plan, const ir::Schema& to) {
  for (Step& step : plan.steps) {
    bool renamed = step.kind == StepKind::kRenameColumn;
    bool dropped = step.kind == StepKind::kDropColumn && step.old_column.name.empty();
    if (!renamed && !dropped) continue;
    std::vector<std::string> functions = FunctionsNaming(to, step.table, step.name);
    if (functions.empty()) continue;
    step.hazards |= kBreaksDependents;
    plan.notes.push_back(fmt::format(
        "{}: the bod{} of {} still name{} the column (PostgreSQL does not track function "
        "bodies): change {} in the same migration.",
        step.Describe(), functions.size() == 1 ? "y" : "ies", fmt::join(functions, ", "),
        functions.size() == 1 ? "s" : "", functions.size() == 1 ? "it" : "them"));
  }
}

// The objects of `from` in `schema` that the plan leaves in place, as "kind name".
std::vector<std::string> Leftovers(const Plan& plan, const ir::Schema& from,
                                   const std::string& schema) {
  std::set<std::string> dropped;  // "kind name" of what the plan drops.
  for (const Step& s : plan.steps) {
    if (s.kind == StepKind::kDropTable) dropped.insert("table " + s.table.ToString());
    if (s.kind == StepKind::kDropView) dropped.insert("view " + s.view.name.ToString());
    if (s.kind == StepKind::kDropFunction) dropped.insert("function " + s.function.Signature());
    if (s.kind == StepKind::kDropEnum) dropped.insert("type " + s.table.ToString());
    if (s.kind == StepKind::kRenameTable) dropped.insert("table " + s.table.schema + "." + s.name);
  }
  std::vector<std::string> out;
  auto keep = [&](const std::string& item) {
    if (!dropped.count(item)) out.push_back(item);
  };
  for (const ir::Table& t : from.tables) {
    if (t.name.schema == schema && !t.is_extern) keep("table " + t.name.ToString());
  }
  for (const ir::View& v : from.views) {
    if (v.name.schema == schema) keep("view " + v.name.ToString());
  }
  for (const ir::Function& f : from.functions) {
    if (f.name.schema == schema) keep("function " + f.Signature());
  }
  for (const ir::Enum& e : from.enums) {
    if (e.name.schema == schema) keep("type " + e.name.ToString());
  }
  for (const ir::UnmanagedObject& u : from.unmanaged) {
    if (u.name.rfind(schema + ".", 0) == 0) out.push_back(u.kind + " " + u.name);
  }
  return out;
}

void RefuseNonEmptySchemaDrops(Plan& plan, const ir::Schema& from) {
  for (const Step& step : plan.steps) {
    if (step.kind != StepKind::kDropSchema) continue;
    std::vector<std::string> left = Leftovers(plan, from, step.name);
    if (left.empty()) continue;
    plan.errors.push_back(fmt::format(
        "schema {} cannot be dropped: it still holds objects the plan does not drop: {} "
        "(schemac never drops with CASCADE: drop them first, or keep the schema)",
        step.name, fmt::join(left, ", ")));
  }
}

}  // namespace

void RebuildDependents(Plan& plan, const ir::Schema& from, const ir::Schema& to) {
  if (from.dependencies.empty() && to.dependencies.empty()) return;
  Rebuilder(plan, from, to).Run();
}

void CheckDependents(Plan& plan, const ir::Schema& from, const ir::Schema& to) {
  FlagColumnsNamedInBodies(plan, to);
  RefuseNonEmptySchemaDrops(plan, from);
}

}  // namespace schemac::plan
