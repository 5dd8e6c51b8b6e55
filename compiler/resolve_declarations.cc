// Resolver passes over declarations: the target, the prelude of `target supabase`, schemas,
// extensions, extern roles, enums, and the names of tables (registered before any table is
// resolved, so that references between them can be checked).

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "compiler/platform.h"
#include "compiler/resolve_internal.h"

namespace schemac::resolve_internal {

void Resolver::ResolveTarget() {
  const ast::TargetDecl* first = nullptr;
  for (const ast::File& file : files_) {
    for (const ast::Decl& decl : file.decls) {
      auto* target = std::get_if<ast::TargetDecl>(&decl);
      if (target == nullptr) continue;
      if (first != nullptr) {
        Diagnostic& d = diagnostics_.Error(target->span, "duplicate 'target': a schema has one target");
        d.notes.push_back({"first 'target' here", first->span});
        continue;
      }
      first = target;
      schema_.target =
          target->name.name == "supabase" ? ir::Target::kSupabase : ir::Target::kPostgres;
    }
  }
}

void Resolver::AddPrelude() {
  if (schema_.target != ir::Target::kSupabase) return;
  std::vector<ir::Role> roles;
  for (std::string_view role : kSupabaseRoles) {
    bool declared = std::any_of(schema_.roles.begin(), schema_.roles.end(),
                                [&](const ir::Role& r) { return r.name == role; });
    if (!declared) roles.push_back(ir::Role{std::string(role), true});
  }
  schema_.roles.insert(schema_.roles.begin(), roles.begin(), roles.end());
  for (const ir::Role& role : roles) role_names_.insert(role.name);
  schema_.publications.push_back(ir::Publication{"supabase_realtime", true});
  if (table_decls_.count("auth.users")) return;  // The user's own declaration wins.
  ir::Table users;
  users.name = {"auth", "users"};
  users.is_extern = true;
  auto column = [&](std::string name, std::string type, bool nullable,
                    std::vector<int64_t> modifiers = {}) {
    ir::Column c;
    c.name = std::move(name);
    c.type.name = std::move(type);
    c.type.modifiers = std::move(modifiers);
    c.nullable = nullable;
    users.columns.push_back(std::move(c));
  };
  column("id", "uuid", false);
  column("email", "character varying", true, {255});
  column("phone", "text", true);
  column("role", "character varying", true, {255});
  column("raw_app_meta_data", "jsonb", true);
  column("raw_user_meta_data", "jsonb", true);
  column("is_anonymous", "boolean", false);
  column("created_at", "timestamp with time zone", true);
  column("updated_at", "timestamp with time zone", true);
  users.columns[6].default_sql = "false";
  users.primary_key = ir::PrimaryKey{"users_pkey", {"id"}, {}};
  relation_names_["auth"].insert({"users", "users_pkey"});
  constraint_names_["auth"].insert("users_pkey");
  schema_.tables.push_back(std::move(users));
  states_.push_back(TableState{});
}

void Resolver::DeclareSchema(const ast::SchemaDecl& decl) {
  const std::string& name = decl.name.name;
  CheckLength(name, decl.name.span, "schema");
  if (IsPlatformSchema(name)) {
    diagnostics_.Error(decl.name.span,
                       fmt::format("schema '{}' belongs to the platform and is never created; "
                                   "refer to it without declaring it",
                                   name));
    return;
  }
  if (name == "public") return;  // Exists in every database.
  auto [it, inserted] = schema_spans_.emplace(name, decl.name.span);
  if (!inserted) {
    Diagnostic& d = diagnostics_.Error(decl.name.span, fmt::format("duplicate schema '{}'", name));
    d.notes.push_back({"first declared here", it->second});
    return;
  }
  declared_schemas_.insert(name);
  schema_.schemas.push_back(name);
}

void Resolver::DeclareExtension(const ast::ExtensionDecl& decl) {
  const std::string& name = decl.name.name;
  CheckLength(name, decl.name.span, "extension");
  auto [it, inserted] = extension_spans_.emplace(name, decl.name.span);
  if (!inserted) {
    Diagnostic& d =
        diagnostics_.Error(decl.name.span, fmt::format("duplicate extension '{}'", name));
    d.notes.push_back({"first declared here", it->second});
    return;
  }
  ir::Extension extension;
  extension.name = name;
  if (decl.schema) {
    extension.schema = decl.schema->name;
    CheckSchema(*decl.schema);
  }
  if (decl.version) extension.version = decl.version->value;
  extension.origin = OriginOf(decl.span);
  schema_.extensions.push_back(std::move(extension));
}

void Resolver::DeclareSchemaGrant(const ast::SchemaGrantDecl& decl) {
  if (decl.on_schema) return DeclareGrantOnSchema(decl);
  const std::string& schema = decl.schema.name;
  for (size_t i = 0; i < decl.privileges.size(); ++i) {
    const std::string& p = decl.privileges[i];
    if (p == "usage" || p == "create") {
      diagnostics_.Error(decl.privilege_spans[i],
                         fmt::format("'{}' is a privilege on a schema, not on its tables: write "
                                     "'grant {} on schema {} to ...'",
                                     p, p, schema));
      return;
    }
  }
  if (IsPlatformSchema(schema)) {
    diagnostics_.Error(decl.schema.span,
                       fmt::format("schema '{}' belongs to the platform: the schema declares "
                                   "none of its tables, so there is nothing to grant on",
                                   schema));
    return;
  }
  if (!CheckSchema(decl.schema)) return;
  std::set<std::string> privileges = GrantedPrivileges(decl.privileges);
  for (const ast::Ident& role : decl.roles) {
    if (!CheckRole(role)) continue;
    schema_grants_[schema][role.name].insert(privileges.begin(), privileges.end());
  }
}

// `grant usage, create on schema s to r`: privileges on the schema itself, managed exactly (as
// a table's grants are) on the schemas the schema declares. public's and the platform's belong
// to the database and the platform: revoking what is not declared there would cut every API
// role off, so they are refused instead of half-managed.
void Resolver::DeclareGrantOnSchema(const ast::SchemaGrantDecl& decl) {
  const std::string& schema = decl.schema.name;
  if (schema == "public" || IsPlatformSchema(schema)) {
    diagnostics_.Error(decl.schema.span,
                       fmt::format("the privileges on schema '{}' are not managed by schemac "
                                   "(they belong to the {}): grant on schemas the schema "
                                   "declares with 'schema NAME'",
                                   schema, schema == "public" ? "database" : "platform"));
    return;
  }
  if (!CheckSchema(decl.schema)) return;
  std::set<std::string> privileges;
  for (size_t i = 0; i < decl.privileges.size(); ++i) {
    const std::string& p = decl.privileges[i];
    if (p == "all") {
      privileges.insert({"usage", "create"});
    } else if (p == "usage" || p == "create") {
      privileges.insert(p);
    } else {
      diagnostics_.Error(decl.privilege_spans[i],
                         fmt::format("'{}' is not a privilege on a schema (usage, create, all); "
                                     "for its tables write 'grant {} on all tables in schema {} "
                                     "to ...'",
                                     p, p, schema));
      return;
    }
  }
  for (const ast::Ident& role : decl.roles) {
    if (!CheckRole(role)) continue;
    auto it = std::find_if(schema_.schema_grants.begin(), schema_.schema_grants.end(),
                           [&](const ir::SchemaGrant& g) {
                             return g.schema == schema && g.role == role.name;
                           });
    if (it == schema_.schema_grants.end()) {
      schema_.schema_grants.push_back({schema, role.name, {}, OriginOf(decl.span)});
      it = schema_.schema_grants.end() - 1;
    }
    std::set<std::string> all(it->privileges.begin(), it->privileges.end());
    all.insert(privileges.begin(), privileges.end());
    it->privileges.clear();
    // usage before create, as the IR orders them.
    for (const char* p : {"usage", "create"}) {
      if (all.count(p)) it->privileges.push_back(p);
    }
  }
}

void Resolver::DeclareRole(const ast::ExternRoleDecl& decl) {
  const std::string& name = decl.name.name;
  CheckLength(name, decl.name.span, "role");
  if (name == "public") {
    diagnostics_.Error(decl.name.span, "'public' is not a role: it means every role and needs "
                                       "no declaration");
    return;
  }
  auto [it, inserted] = role_spans_.emplace(name, decl.name.span);
  if (!inserted) {
    Diagnostic& d = diagnostics_.Error(decl.name.span, fmt::format("duplicate role '{}'", name));
    d.notes.push_back({"first declared here", it->second});
    return;
  }
  schema_.roles.push_back(ir::Role{name, true});
  role_names_.insert(name);
}

void Resolver::DeclareEnum(const ast::EnumDecl& decl) {
  ir::Enum e;
  if (!SchemaOf(decl.name, &e.name.schema)) return;
  e.name.name = decl.name.name.name;
  CheckLength(e.name.name, decl.name.name.span, "enum");
  std::string key = e.name.ToString();
  auto [it, inserted] = enum_spans_.emplace(key, decl.name.span);
  if (!inserted) {
    Diagnostic& d = diagnostics_.Error(decl.name.span,
                                       fmt::format("duplicate enum '{}'", Display(e.name)));
    d.notes.push_back({"first declared here", it->second});
    return;
  }
  if (decl.values.empty()) {
    lint_.Report(lint::kEmptyEnum, decl.name.span,
                 fmt::format("enum '{}' has no values: no column of this type can hold "
                             "anything but null",
                             Display(e.name)));
  }
  std::map<std::string, Span> labels;
  std::map<std::string, Span> renamed;
  for (const ast::EnumValue& value : decl.values) {
    const std::string& label = value.label.value;
    if (label.size() > kMaxIdentifierBytes) {
      diagnostics_.Error(value.label.span,
                         fmt::format("enum value '{}' is {} bytes long; PostgreSQL allows at "
                                     "most {} bytes",
                                     label, label.size(), kMaxIdentifierBytes));
    }
    auto [at, fresh] = labels.emplace(label, value.label.span);
    if (!fresh) {
      Diagnostic& d = diagnostics_.Error(
          value.label.span,
          fmt::format("duplicate value '{}' in enum '{}'", label, Display(e.name)));
      d.notes.push_back({"first listed here", at->second});
      continue;
    }
    e.values.push_back(ir::EnumValue{label, std::nullopt});
    if (value.renamed_from) {
      const std::string& old = value.renamed_from->value;
      if (old.size() > kMaxIdentifierBytes) {
        diagnostics_.Error(value.renamed_from->span,
                           fmt::format("old enum value '{}' is {} bytes long; PostgreSQL "
                                       "allows at most {} bytes",
                                       old, old.size(), kMaxIdentifierBytes));
      }
      if (old == label) {
        diagnostics_.Error(value.renamed_from->span,
                           fmt::format("enum value '{}' is renamed from itself", label));
        continue;
      }
      auto [prev, first] = renamed.emplace(old, value.renamed_from->span);
      if (!first) {
        Diagnostic& d = diagnostics_.Error(
            value.renamed_from->span,
            fmt::format("two values of enum '{}' are renamed from '{}'", Display(e.name), old));
        d.notes.push_back({"first rename from it here", prev->second});
        continue;
      }
      e.values.back().renamed_from = old;
    }
  }
  for (const ast::EnumValue& value : decl.values) {
    if (value.renamed_from && value.renamed_from->value != value.label.value &&
        labels.count(value.renamed_from->value)) {
      diagnostics_.Error(value.renamed_from->span,
                         fmt::format("enum value '{}' is renamed from '{}', which is still a "
                                     "value of the enum; remove the hint or the old value",
                                     value.label.value, value.renamed_from->value));
    }
  }
  e.comment = JoinDoc(decl.doc);
  e.origin = OriginOf(decl.span);
  schema_.enums.push_back(std::move(e));
}

// Registers a table's name. Returns false when the table cannot be resolved further.
bool Resolver::DeclareTable(const ast::TableDecl& decl) {
  ir::QualifiedName name;
  name.name = decl.name.name.name;
  if (decl.name.schema) {
    name.schema = decl.name.schema->name;
    if (!decl.is_extern && IsPlatformSchema(name.schema)) {
      diagnostics_.Error(decl.name.schema->span,
                         fmt::format("schema '{}' belongs to the platform: schemac never "
                                     "creates tables in it; write 'extern table {}' to refer "
                                     "to an existing table, or use a schema of your own",
                                     name.schema, name.ToString()));
      return false;
    }
    if (!decl.is_extern) {
      std::string schema;
      if (!SchemaOf(decl.name, &schema)) return false;
    }
  }
  CheckLength(name.name, decl.name.name.span, "table");
  if (decl.renamed_from) CheckLength(decl.renamed_from->name, decl.renamed_from->span, "old table");
  std::string key = name.ToString();
  auto [it, inserted] = table_decls_.emplace(key, &decl);
  if (!inserted) {
    Diagnostic& d = diagnostics_.Error(decl.name.span,
                                       fmt::format("duplicate table '{}'", Display(name)));
    d.notes.push_back({"first declared here", it->second->name.span});
    return false;
  }
  if (auto e = enum_spans_.find(key); e != enum_spans_.end()) {
    Diagnostic& d = diagnostics_.Error(
        decl.name.span, fmt::format("table '{}' has the name of an enum (a table also defines "
                                    "a type of its name)",
                                    Display(name)));
    d.notes.push_back({"enum declared here", e->second});
  }
  relation_names_[name.schema].insert(name.name);
  ir::Table table;
  table.name = std::move(name);
  table.is_extern = decl.is_extern;
  schema_.tables.push_back(std::move(table));
  states_.push_back(TableState{});
  return true;
}

}  // namespace schemac::resolve_internal
