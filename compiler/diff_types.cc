// The diff of domains and composite types (diff_types.h).
//
// A domain's base type or collation cannot change in place (PostgreSQL has no ALTER DOMAIN ...
// TYPE); neither can the order of a composite type's attributes (ADD ATTRIBUTE appends). Such a
// type is dropped and created again when nothing in the source schema uses it; when something
// does, the change is refused with what uses it: dropping it would drop those columns' data
// (DROP ... CASCADE) or fail, and converting them as enum recreation does would need a cast
// from the old type that a domain of another base type may not have. The user creates a new
// type and moves the columns to it. A composite type's attribute changes its type in place
// only while no column stores it (PostgreSQL refuses: "column ... uses it").

#include "compiler/diff_types.h"

#include <fmt/format.h>

#include <algorithm>

namespace schemac {

namespace {

using plan::Step;
using plan::StepKind;

bool Names(const ir::ColumnType& type, const ir::QualifiedName& name) {
  return type.kind == ir::TypeKind::kOther && type.schema == name.schema && type.name == name.name;
}

Step& Add(plan::Plan& plan, StepKind kind, const ir::QualifiedName& type, std::string name = {}) {
  Step step;
  step.kind = kind;
  step.table = type;
  step.name = std::move(name);
  plan.steps.push_back(std::move(step));
  return plan.steps.back();
}

std::string UsersText(const std::vector<std::string>& users) {
  std::string out;
  for (size_t i = 0; i < users.size() && i < 5; ++i) out += (i ? ", " : "") + users[i];
  if (users.size() > 5) out += fmt::format(" and {} more", users.size() - 5);
  return out;
}

void Refuse(plan::Plan& plan, const std::string& what, const ir::QualifiedName& name,
            const std::string& change, const std::vector<std::string>& users) {
  plan.errors.push_back(fmt::format(
      "{} {} {}: PostgreSQL cannot change that in place, and {} use{} it ({}); create a new {} "
      "and move them to it",
      what, name.ToString(), change, users.size() == 1 ? "one object" : std::to_string(users.size()) + " objects",
      users.size() == 1 ? "s" : "", UsersText(users), what));
}

const ir::DomainCheck* FindCheck(const ir::Domain& domain, const std::string& name) {
  for (const ir::DomainCheck& check : domain.checks) {
    if (check.name == name) return &check;
  }
  return nullptr;
}

void AlterDomain(const ir::Domain& old, const ir::Domain& now, plan::Plan& plan) {
  if (old.default_sql != now.default_sql) {
    Step& step = Add(plan, StepKind::kAlterDomain, now.name, "default");
    step.domain = now;
    step.on = !now.default_sql.empty();
  }
  if (old.not_null != now.not_null) {
    Step& step = Add(plan, StepKind::kAlterDomain, now.name, "not null");
    step.domain = now;
    step.on = now.not_null;
  }
  // A check whose expression changes is dropped and added again (no ALTER for it).
  for (const ir::DomainCheck& check : old.checks) {
    const ir::DomainCheck* kept = FindCheck(now, check.name);
    if (kept == nullptr || kept->expression != check.expression) {
      Add(plan, StepKind::kDropDomainCheck, now.name, check.name).domain = old;
    }
  }
  for (const ir::DomainCheck& check : now.checks) {
    const ir::DomainCheck* had = FindCheck(old, check.name);
    if (had == nullptr || had->expression != check.expression) {
      Add(plan, StepKind::kAddDomainCheck, now.name, check.name).domain = now;
    }
  }
  if (old.comment != now.comment) Add(plan, StepKind::kCommentDomain, now.name).value = now.comment;
}

void Domains(const ir::Schema& from, const ir::Schema& to, plan::Plan& plan) {
  for (const ir::Domain& now : to.domains) {
    const ir::Domain* old = from.FindDomain(now.name);
    if (old == nullptr) {
      Add(plan, StepKind::kCreateDomain, now.name).domain = now;
      continue;
    }
    if (old->type == now.type && old->collation == now.collation) {
      AlterDomain(*old, now, plan);
      continue;
    }
    std::vector<std::string> users = TypeUsers(from, now.name);
    if (!users.empty()) {
      std::string change = old->type == now.type
                               ? "changes its collation"
                               : fmt::format("changes its base type from {} to {}",
                                             old->type.ToSql(), now.type.ToSql());
      Refuse(plan, "domain", now.name, change, users);
      continue;
    }
    Add(plan, StepKind::kDropDomain, now.name).domain = *old;
    Add(plan, StepKind::kCreateDomain, now.name).domain = now;
  }
  for (const ir::Domain& old : from.domains) {
    if (to.FindDomain(old.name) == nullptr) Add(plan, StepKind::kDropDomain, old.name).domain = old;
  }
}

const ir::CompositeAttribute* FindAttribute(const ir::CompositeType& type, const std::string& name) {
  for (const ir::CompositeAttribute& a : type.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// Whether ADD ATTRIBUTE (which appends) gives `now`'s order: the kept attributes in their old
// order, then the new ones.
bool AppendsOnly(const ir::CompositeType& old, const ir::CompositeType& now) {
  std::vector<std::string> order;
  for (const ir::CompositeAttribute& a : old.attributes) {
    if (FindAttribute(now, a.name) != nullptr) order.push_back(a.name);
  }
  for (const ir::CompositeAttribute& a : now.attributes) {
    if (FindAttribute(old, a.name) == nullptr) order.push_back(a.name);
  }
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i] != now.attributes[i].name) return false;
  }
  return true;
}

Step AttributeStep(StepKind kind, const ir::QualifiedName& type, const ir::CompositeAttribute& a) {
  Step step;
  step.kind = kind;
  step.table = type;
  step.name = a.name;
  step.column.name = a.name;
  step.column.type = a.type;
  step.column.collation = a.collation;
  return step;
}

void AlterComposite(const ir::CompositeType& old, const ir::CompositeType& now,
                    const ir::Schema& from, plan::Plan& plan) {
  std::vector<Step> steps;
  bool retyped = false;
  for (const ir::CompositeAttribute& a : old.attributes) {
    if (FindAttribute(now, a.name) == nullptr) {
      steps.push_back(AttributeStep(StepKind::kDropAttribute, now.name, a));
    }
  }
  for (const ir::CompositeAttribute& a : now.attributes) {
    const ir::CompositeAttribute* had = FindAttribute(old, a.name);
    if (had == nullptr) {
      steps.push_back(AttributeStep(StepKind::kAddAttribute, now.name, a));
    } else if (had->type != a.type || had->collation != a.collation) {
      steps.push_back(AttributeStep(StepKind::kAlterAttributeType, now.name, a));
      retyped = true;
    }
  }
  bool in_place = AppendsOnly(old, now);
  std::vector<std::string> users;
  if (retyped || !in_place) users = TypeUsers(from, now.name);
  if (!in_place || (retyped && !users.empty())) {
    if (!users.empty()) {
      Refuse(plan, "type", now.name,
             in_place ? "changes the type of an attribute" : "changes the order of its attributes",
             users);
      return;
    }
    Add(plan, StepKind::kDropCompositeType, now.name).composite_type = old;
    Add(plan, StepKind::kCreateCompositeType, now.name).composite_type = now;
    return;
  }
  for (Step& step : steps) plan.steps.push_back(std::move(step));
  if (old.comment != now.comment) {
    Add(plan, StepKind::kCommentCompositeType, now.name).value = now.comment;
  }
}

void Composites(const ir::Schema& from, const ir::Schema& to, plan::Plan& plan) {
  for (const ir::CompositeType& now : to.composite_types) {
    const ir::CompositeType* old = from.FindCompositeType(now.name);
    if (old == nullptr) {
      Add(plan, StepKind::kCreateCompositeType, now.name).composite_type = now;
    } else {
      AlterComposite(*old, now, from, plan);
    }
  }
  for (const ir::CompositeType& old : from.composite_types) {
    if (to.FindCompositeType(old.name) == nullptr) {
      Add(plan, StepKind::kDropCompositeType, old.name).composite_type = old;
    }
  }
}

}  // namespace

std::vector<std::string> TypeUsers(const ir::Schema& schema, const ir::QualifiedName& type) {
  std::vector<std::string> out;
  for (const ir::Table& table : schema.tables) {
    for (const ir::Column& column : table.columns) {
      if (Names(column.type, type)) out.push_back("column " + table.name.ToString() + "." + column.name);
    }
  }
  for (const ir::Function& function : schema.functions) {
    bool uses = Names(function.returns, type);
    for (const ir::FunctionArg& arg : function.args) uses = uses || Names(arg.type, type);
    if (uses) out.push_back("function " + function.Signature());
  }
  for (const ir::Domain& domain : schema.domains) {
    if (Names(domain.type, type)) out.push_back("domain " + domain.name.ToString());
  }
  for (const ir::CompositeType& composite : schema.composite_types) {
    for (const ir::CompositeAttribute& a : composite.attributes) {
      if (Names(a.type, type)) out.push_back("type " + composite.name.ToString() + "." + a.name);
    }
  }
  for (const ir::View& view : schema.views) {
    for (const ir::ViewColumn& column : view.columns) {
      if (Names(column.type, type)) out.push_back("view column " + view.name.ToString() + "." + column.name);
    }
  }
  return out;
}

void DiffTypes(const ir::Schema& from, const ir::Schema& to, plan::Plan& plan) {
  Domains(from, to, plan);
  Composites(from, to, plan);
}

}  // namespace schemac
