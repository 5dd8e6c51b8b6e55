// Resolver: `domain` and composite `type` declarations. Their names are registered before any
// type is resolved (DeclareTypes), so a column, an argument, a domain or an attribute may name
// one declared anywhere; then each is resolved in declaration order (ResolveTypes).

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "compiler/naming.h"
#include "compiler/resolve_internal.h"

namespace schemac::resolve_internal {

namespace {

template <typename Decl>
std::vector<const Decl*> DeclsOf(const std::vector<ast::File>& files) {
  std::vector<const Decl*> out;
  for (const ast::File& file : files) {
    for (const ast::Decl& decl : file.decls) {
      if (auto* d = std::get_if<Decl>(&decl)) out.push_back(d);
    }
  }
  return out;
}

}  // namespace

// A type name is unique in its schema across enums, domains and composite types (PostgreSQL's
// pg_type); a table's row type shares it too (checked where tables are declared: enum_spans_).
bool Resolver::DeclareTypeName(const ast::QualifiedName& name, std::string_view what,
                               ir::QualifiedName* out) {
  if (!SchemaOf(name, &out->schema)) return false;
  out->name = name.name.name;
  CheckLength(out->name, name.name.span, what);
  auto [it, inserted] = enum_spans_.emplace(out->ToString(), name.span);
  if (!inserted) {
    Diagnostic& d = diagnostics_.Error(
        name.span, fmt::format("duplicate type '{}' ({} names a type declared before)",
                               Display(*out), what));
    d.notes.push_back({"first declared here", it->second});
    return false;
  }
  return true;
}

void Resolver::DeclareTypes() {
  for (const ast::DomainDecl* decl : DeclsOf<ast::DomainDecl>(files_)) {
    ir::Domain domain;
    if (!DeclareTypeName(decl->name, "domain", &domain.name)) continue;
    domain.origin = OriginOf(decl->span);
    schema_.domains.push_back(std::move(domain));
    domain_decls_.push_back(decl);
  }
  for (const ast::CompositeDecl* decl : DeclsOf<ast::CompositeDecl>(files_)) {
    ir::CompositeType type;
    if (!DeclareTypeName(decl->name, "type", &type.name)) continue;
    type.origin = OriginOf(decl->span);
    schema_.composite_types.push_back(std::move(type));
    composite_decls_.push_back(decl);
  }
}

// Whether `type` (a domain's base type) reaches the domain `self` through other domains.
bool Resolver::DomainCycle(const ir::ColumnType& type, const ir::QualifiedName& self) const {
  ir::QualifiedName at{type.schema, type.name};
  for (size_t steps = 0; steps <= schema_.domains.size(); ++steps) {
    if (at == self) return true;
    const ir::Domain* next = schema_.FindDomain(at);
    if (next == nullptr || next->type.kind != ir::TypeKind::kOther) return false;
    at = {next->type.schema, next->type.name};
  }
  return true;
}

void Resolver::ResolveDomain(ir::Domain& domain, const ast::DomainDecl& decl) {
  const TypeInfo* info = nullptr;
  bool type_ok = ResolveType(decl.type, &domain.type, &info);
  if (type_ok && domain.type.kind == ir::TypeKind::kOther && DomainCycle(domain.type, domain.name)) {
    diagnostics_.Error(decl.type.span,
                       fmt::format("domain '{}' is defined in terms of itself", Display(domain.name)));
  }
  if (decl.collate) {
    domain.collation = decl.collate->name;
    bool collatable = domain.type.kind == ir::TypeKind::kOther || (info && info->collatable);
    if (type_ok && !collatable) {
      diagnostics_.Error(decl.collate->span,
                         fmt::format("base type of domain '{}' does not take a collation",
                                     Display(domain.name)));
    }
  }
  if (decl.default_value) {
    domain.default_sql = decl.default_value->sql;
    domain.default_origin = TextOrigin(*decl.default_value);
  }
  domain.not_null = decl.not_null;
  NameSet& constraints = constraint_names_[domain.name.schema];
  std::set<std::string> names;
  for (const ast::DomainCheck& check : decl.checks) {
    ir::DomainCheck out;
    out.expression = check.expression.text;
    out.origin = OriginOf(check.span);
    out.expression_origin = TextOrigin(check.expression);
    if (check.name) {
      out.name = check.name->name;
      CheckLength(out.name, check.name->span, "constraint");
    } else {
      out.name = ChooseName(domain.name.name, "", "check", {&constraints});
    }
    constraints.insert(out.name);
    if (!names.insert(out.name).second) {
      diagnostics_.Error(check.name ? check.name->span : check.span,
                         fmt::format("duplicate check '{}' in domain '{}'", out.name,
                                     Display(domain.name)));
      continue;
    }
    domain.checks.push_back(std::move(out));
  }
  std::sort(domain.checks.begin(), domain.checks.end(),
            [](const ir::DomainCheck& a, const ir::DomainCheck& b) { return a.name < b.name; });
  domain.comment = JoinDoc(decl.doc);
}

void Resolver::ResolveComposite(ir::CompositeType& type, const ast::CompositeDecl& decl) {
  std::set<std::string> names;
  for (const ast::CompositeAttribute& a : decl.attributes) {
    ir::CompositeAttribute out;
    out.name = a.name.name;
    out.origin = OriginOf(a.span);
    CheckLength(out.name, a.name.span, "attribute");
    if (!names.insert(out.name).second) {
      diagnostics_.Error(a.name.span, fmt::format("duplicate attribute '{}' in type '{}'",
                                                  out.name, Display(type.name)));
      continue;
    }
    const TypeInfo* info = nullptr;
    bool type_ok = ResolveType(a.type, &out.type, &info);
    if (type_ok && out.type == ir::ColumnType{ir::TypeKind::kOther, type.name.schema,
                                               type.name.name, {}, out.type.array_dims}) {
      diagnostics_.Error(a.type.span, fmt::format("type '{}' cannot contain itself",
                                                  Display(type.name)));
    }
    if (a.collate) {
      out.collation = a.collate->name;
      bool collatable = out.type.kind == ir::TypeKind::kOther || (info && info->collatable);
      if (type_ok && !collatable) {
        diagnostics_.Error(a.collate->span,
                           fmt::format("type of attribute '{}' does not take a collation",
                                       out.name));
      }
    }
    type.attributes.push_back(std::move(out));
  }
  type.comment = JoinDoc(decl.doc);
}

void Resolver::ResolveTypes() {
  for (size_t i = 0; i < domain_decls_.size(); ++i) {
    ResolveDomain(schema_.domains[i], *domain_decls_[i]);
  }
  for (size_t i = 0; i < composite_decls_.size(); ++i) {
    ResolveComposite(schema_.composite_types[i], *composite_decls_[i]);
  }
}

}  // namespace schemac::resolve_internal
