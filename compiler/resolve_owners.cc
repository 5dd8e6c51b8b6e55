// `owner ROLE of KIND NAME, ...` declarations (docs/dsl.md, "owner"): each named object's owner
// in ir::Schema::owners. Runs after every other pass: it looks up schemas, tables, views, enums
// and functions (by their argument types).

#include <fmt/format.h>

#include <algorithm>

#include "compiler/resolve_internal.h"

namespace schemac::resolve_internal {

namespace {

const char* KindWord(ast::OwnerKind kind) {
  switch (kind) {
    case ast::OwnerKind::kSchema: return "schema";
    case ast::OwnerKind::kTable: return "table";
    case ast::OwnerKind::kView: return "view";
    case ast::OwnerKind::kMaterializedView: return "materialized view";
    case ast::OwnerKind::kEnum: return "enum";
    case ast::OwnerKind::kFunction: return "function";
  }
  return "object";
}

// The input argument types of `fn` as Signature() spells them: "(integer, text)".
std::string InputTypes(const ir::Function& fn) {
  std::string signature = fn.Signature();
  return signature.substr(fn.name.ToString().size());
}

}  // namespace

// The object `o` names, as an ObjectRef; false (reported) when there is none the schema may own.
bool Resolver::OwnedObject(const ast::OwnerObject& o, ir::ObjectRef* ref) {
  auto unknown = [&](std::string what) {
    diagnostics_.Error(o.name.span, fmt::format("unknown {} '{}'", KindWord(o.kind), what));
    return false;
  };
  if (o.kind == ast::OwnerKind::kSchema) {
    const std::string& name = o.name.name.name;
    if (o.name.schema || o.args) {
      diagnostics_.Error(o.span, "a schema is named by one name, with no argument types");
      return false;
    }
    if (name == "public" || IsPlatformSchema(name)) {
      diagnostics_.Error(o.name.span,
                         fmt::format("the owner of schema '{}' is not managed by schemac (it "
                                     "belongs to the {})",
                                     name, name == "public" ? "database" : "platform"));
      return false;
    }
    if (!CheckSchema(o.name.name)) return false;
    *ref = {ir::ObjectKind::kSchema, {name, ""}, ""};
    return true;
  }
  ir::QualifiedName name;
  if (!SchemaOf(o.name, &name.schema)) return false;
  name.name = o.name.name.name;
  if (o.args && o.kind != ast::OwnerKind::kFunction) {
    diagnostics_.Error(o.args->empty() ? o.span : o.args->front().span,
                       "only a function takes argument types");
    return false;
  }
  switch (o.kind) {
    case ast::OwnerKind::kTable: {
      const ir::Table* table = schema_.FindTable(name);
      if (table == nullptr) return unknown(name.ToString());
      if (table->is_extern) {
        diagnostics_.Error(o.name.span, fmt::format("table '{}' is extern: its owner is not the "
                                                    "schema's",
                                                    name.ToString()));
        return false;
      }
      *ref = {ir::ObjectKind::kTable, name, ""};
      return true;
    }
    case ast::OwnerKind::kView:
    case ast::OwnerKind::kMaterializedView: {
      bool materialized = o.kind == ast::OwnerKind::kMaterializedView;
      auto it = std::find_if(schema_.views.begin(), schema_.views.end(), [&](const ir::View& v) {
        return v.name == name && v.materialized == materialized;
      });
      if (it == schema_.views.end()) return unknown(name.ToString());
      *ref = {ir::ObjectKind::kView, name, ""};
      return true;
    }
    case ast::OwnerKind::kEnum:
      if (schema_.FindEnum(name) == nullptr) return unknown(name.ToString());
      *ref = {ir::ObjectKind::kEnum, name, ""};
      return true;
    case ast::OwnerKind::kFunction: return OwnedFunction(o, name, ref);
    case ast::OwnerKind::kSchema: break;
  }
  return false;
}

// A function by name, and by its input argument types when given (required for an overload).
bool Resolver::OwnedFunction(const ast::OwnerObject& o, const ir::QualifiedName& name,
                             ir::ObjectRef* ref) {
  std::vector<const ir::Function*> named;
  for (const ir::Function& fn : schema_.functions) {
    if (fn.name == name) named.push_back(&fn);
  }
  if (named.empty()) {
    diagnostics_.Error(o.name.span, fmt::format("unknown function '{}'", name.ToString()));
    return false;
  }
  if (!o.args) {
    if (named.size() > 1) {
      diagnostics_.Error(o.name.span,
                         fmt::format("function '{}' has {} overloads: name one by its argument "
                                     "types, e.g. '{}'",
                                     name.ToString(), named.size(), named[0]->Signature()));
      return false;
    }
    *ref = {ir::ObjectKind::kFunction, name, InputTypes(*named[0])};
    return true;
  }
  std::string types = "(";
  for (size_t i = 0; i < o.args->size(); ++i) {
    ir::ColumnType type;
    if (!ResolveFunctionType((*o.args)[i], &type)) return false;
    types += (i == 0 ? "" : ", ") + type.ToSql();
  }
  types += ")";
  for (const ir::Function* fn : named) {
    if (InputTypes(*fn) == types) {
      *ref = {ir::ObjectKind::kFunction, name, types};
      return true;
    }
  }
  std::string candidates;
  for (const ir::Function* fn : named) candidates += (candidates.empty() ? "" : ", ") + fn->Signature();
  diagnostics_.Error(o.span, fmt::format("no function {}{}; the schema declares {}",
                                         name.ToString(), types, candidates));
  return false;
}

// A grant to an object's owner: PostgreSQL lists none (the owner holds every privilege), so it
// would be planned again on every run.
void Resolver::CheckGrantsToOwner(const ir::Owner& owner, const Span& span) {
  const ir::ObjectRef& ref = owner.object;
  const std::vector<ir::Grant>* grants = nullptr;
  if (ref.kind == ir::ObjectKind::kTable) {
    grants = &schema_.FindTable(ref.name)->grants;
  } else if (ref.kind == ir::ObjectKind::kView) {
    for (const ir::View& v : schema_.views) {
      if (v.name == ref.name) grants = &v.grants;
    }
  } else if (ref.kind == ir::ObjectKind::kFunction) {
    for (const ir::Function& fn : schema_.functions) {
      if (fn.name == ref.name && InputTypes(fn) == ref.member) grants = &fn.grants;
    }
  }
  auto report = [&](const ir::Origin& at) {
    std::string where = at.file.empty() ? "" : fmt::format(" at {}:{}:{}", at.file, at.line, at.col);
    diagnostics_.Error(
        span, fmt::format("'{}' owns '{}{}' and so holds every privilege on it: remove the grant "
                          "to '{}'{}",
                          owner.role,
                          ref.kind == ir::ObjectKind::kSchema ? ref.name.schema : ref.name.ToString(),
                          ref.member, owner.role, where));
  };
  if (grants != nullptr) {
    for (const ir::Grant& g : *grants) {
      if (g.role == owner.role) report(g.origin);
    }
  }
  if (ref.kind == ir::ObjectKind::kSchema) {
    for (const ir::SchemaGrant& g : schema_.schema_grants) {
      if (g.schema == ref.name.schema && g.role == owner.role) report(g.origin);
    }
  }
}

void Resolver::ResolveOwners() {
  std::map<ir::ObjectRef, Span> seen;
  for (const ast::File& file : files_) {
    for (const ast::Decl& decl : file.decls) {
      const auto* d = std::get_if<ast::OwnerDecl>(&decl);
      if (d == nullptr) continue;
      if (d->role.name == "public") {
        diagnostics_.Error(d->role.span, "'public' is not a role: an object's owner is one role");
        continue;
      }
      if (!CheckRole(d->role)) continue;
      for (const ast::OwnerObject& o : d->objects) {
        ir::ObjectRef ref;
        if (!OwnedObject(o, &ref)) continue;
        if (auto [it, added] = seen.emplace(ref, o.span); !added) {
          Diagnostic& error = diagnostics_.Error(
              o.span, fmt::format("the owner of {} '{}{}' is declared twice", KindWord(o.kind),
                                  ref.name.ToString(), ref.member));
          error.notes.push_back({"first declared here", it->second});
          continue;
        }
        schema_.owners.push_back({ref, d->role.name, OriginOf(o.span)});
        CheckGrantsToOwner(schema_.owners.back(), o.span);
      }
    }
  }
  std::sort(schema_.owners.begin(), schema_.owners.end(),
            [](const ir::Owner& a, const ir::Owner& b) { return a.object < b.object; });
}

}  // namespace schemac::resolve_internal
