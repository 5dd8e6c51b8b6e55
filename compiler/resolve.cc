// Semantic analysis, the driver: Resolve() runs the Resolver's passes in order (Run), and the
// helpers every pass shares live here. The passes themselves are in resolve_*.cc; the class is
// declared in resolve_internal.h.

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <tuple>

#include "compiler/platform.h"
#include "compiler/resolve.h"
#include "compiler/resolve_internal.h"

namespace schemac {

namespace resolve_internal {

std::string Key(std::string_view schema, std::string_view name) {
  return fmt::format("{}.{}", schema, name);
}

std::string Display(const ir::QualifiedName& name) {
  return name.schema == "public" ? name.name : name.ToString();
}

std::string JoinDoc(const ast::DocComment& doc) {
  std::string out;
  for (const std::string& line : doc) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

ir::FkAction ToIr(ast::FkAction action) {
  switch (action) {
    case ast::FkAction::kNone:
    case ast::FkAction::kNoAction:
      return ir::FkAction::kNoAction;
    case ast::FkAction::kRestrict:
      return ir::FkAction::kRestrict;
    case ast::FkAction::kCascade:
      return ir::FkAction::kCascade;
    case ast::FkAction::kSetNull:
      return ir::FkAction::kSetNull;
    case ast::FkAction::kSetDefault:
      return ir::FkAction::kSetDefault;
  }
  return ir::FkAction::kNoAction;
}

ir::PolicyCommand ToIr(ast::PolicyCommand command) {
  switch (command) {
    case ast::PolicyCommand::kAll:
      return ir::PolicyCommand::kAll;
    case ast::PolicyCommand::kSelect:
      return ir::PolicyCommand::kSelect;
    case ast::PolicyCommand::kInsert:
      return ir::PolicyCommand::kInsert;
    case ast::PolicyCommand::kUpdate:
      return ir::PolicyCommand::kUpdate;
    case ast::PolicyCommand::kDelete:
      return ir::PolicyCommand::kDelete;
  }
  return ir::PolicyCommand::kAll;
}

ir::Schema Resolver::Run() {
  ResolveTarget();
  for (const ast::File& file : files_) {
    for (const ast::Decl& decl : file.decls) {
      if (auto* d = std::get_if<ast::SchemaDecl>(&decl)) DeclareSchema(*d);
    }
  }
  for (const ast::File& file : files_) {
    for (const ast::Decl& decl : file.decls) {
      if (auto* d = std::get_if<ast::ExtensionDecl>(&decl)) DeclareExtension(*d);
      if (auto* d = std::get_if<ast::ExternRoleDecl>(&decl)) DeclareRole(*d);
    }
  }
  for (const ast::File& file : files_) {
    for (const ast::Decl& decl : file.decls) {
      if (auto* d = std::get_if<ast::EnumDecl>(&decl)) DeclareEnum(*d);
    }
  }
  DeclareTypes();  // Domains and composite types: their names, before any type is resolved.
  size_t table_count = 1;  // auth.users (AddPrelude).
  for (const ast::File& file : files_) {
    table_count += std::count_if(file.decls.begin(), file.decls.end(), [](const ast::Decl& d) {
      return std::holds_alternative<ast::TableDecl>(d);
    });
  }
  schema_.tables.reserve(table_count);
  states_.reserve(table_count);
  std::vector<const ast::TableDecl*> tables;
  for (const ast::File& file : files_) {
    for (const ast::Decl& decl : file.decls) {
      if (auto* d = std::get_if<ast::TableDecl>(&decl)) {
        if (DeclareTable(*d)) tables.push_back(d);
      }
    }
  }
  DeclareViews();
  DeclareSequences();
  AddPrelude();
  schema_.Reindex();
  ResolveTypes();  // Before the tables, functions and views that use them.
  // After the prelude, whose roles they may name; before the tables, which take them.
  for (const ast::File& file : files_) {
    for (const ast::Decl& decl : file.decls) {
      if (auto* d = std::get_if<ast::SchemaGrantDecl>(&decl)) DeclareSchemaGrant(*d);
    }
  }
  std::sort(schema_.schema_grants.begin(), schema_.schema_grants.end(),
            [](const ir::SchemaGrant& a, const ir::SchemaGrant& b) {
              return std::tie(a.schema, a.role) < std::tie(b.schema, b.role);
            });
  for (size_t i = 0; i < tables.size(); ++i) ResolveTable(i, *tables[i]);
  for (const PendingForeignKey& fk : pending_fks_) ResolveForeignKey(fk);
  ResolveViews();
  ResolveSequences();
  CheckTableRenames(tables);
  AssignDefaultNames();
  // After the tables, whose row types a function's arguments and result may be.
  for (const ast::File& file : files_) {
    for (const ast::Decl& decl : file.decls) {
      if (auto* d = std::get_if<ast::FunctionDecl>(&decl)) ResolveFunction(*d);
    }
  }
  ResolveTriggers();  // After tables, views and functions: it looks them up.
  ResolveOwners();    // After every object it may name.
  LintSchema(files_, tables, schema_, lint_);
  return std::move(schema_);
}

ir::Origin Resolver::OriginOf(const Span& span) {
  if (paths_.size() <= span.file) paths_.resize(span.file + 1);
  std::string_view& path = paths_[span.file];
  if (path.empty()) path = InternPath(sources_.file(span.file).path);
  return ir::Origin{path, span.begin.line, span.begin.col};
}

// The span covers the text and its parentheses, or (an index key written as a call) only the
// text.
ir::Origin Resolver::TextOrigin(const ast::Sql& sql) {
  ir::Origin origin = OriginOf(sql.span);
  // After `(`, on its line (a line break after it is the text's first byte, at that column).
  if (sql.span.end.offset - sql.span.begin.offset != sql.text.size()) ++origin.col;
  return origin;
}

// The value ends the span (`default` and space start it), before a closing parenthesis for
// `default (SQL)`; `sql` holds it verbatim.
ir::Origin Resolver::TextOrigin(const ast::Default& value) {
  uint32_t back = static_cast<uint32_t>(value.sql.size()) +
                  (value.kind == ast::Default::Kind::kParenthesized ? 1 : 0);
  Span start = value.span;
  if (start.end.line == start.begin.line) {
    start.begin.col = start.end.col - back;  // On one line (nearly always): no search.
  } else {
    start.begin = sources_.PositionAt(start.file, start.end.offset - back);
  }
  return OriginOf(start);
}

// The column of `table` named `name`, or null.
const ir::Column* Resolver::Lookup(const ir::Table& table, const std::string& name) const {
  const auto& index = states_[static_cast<size_t>(&table - schema_.tables.data())].column_index;
  if (index.empty()) return table.FindColumn(name);  // The prelude's auth.users.
  auto it = index.find(name);
  return it == index.end() ? nullptr : &table.columns[it->second];
}

// Reports an identifier PostgreSQL would silently truncate.
bool Resolver::CheckLength(const std::string& name, const Span& span, std::string_view what) {
  if (name.size() <= kMaxIdentifierBytes) return true;
  diagnostics_.Error(span, fmt::format("{} name '{}' is {} bytes long; PostgreSQL truncates "
                                       "names to {} bytes",
                                       what, name, name.size(), kMaxIdentifierBytes));
  return false;
}

bool Resolver::IsPlatformSchema(std::string_view schema) const {
  return schema_.target == ir::Target::kSupabase ? IsSupabasePlatformSchema(schema)
                                                 : IsSystemSchema(schema);
}

bool Resolver::IsKnownSchema(std::string_view schema) const {
  return schema == "public" || declared_schemas_.count(std::string(schema)) ||
         IsPlatformSchema(schema);
}

// The schema of a qualified name, reporting an undeclared one. Returns false on error.
bool Resolver::SchemaOf(const ast::QualifiedName& name, std::string* schema) {
  if (!name.schema) {
    *schema = "public";
    return true;
  }
  *schema = name.schema->name;
  return CheckSchema(*name.schema);
}

// Reports a schema that is neither public, declared, nor the platform's.
bool Resolver::CheckSchema(const ast::Ident& schema) {
  if (IsKnownSchema(schema.name)) return true;
  diagnostics_.Error(schema.span,
                     Suggested(fmt::format("unknown schema '{}'", schema.name), schema.name,
                               [&] {
                                 std::vector<std::string> candidates(declared_schemas_.begin(),
                                                                     declared_schemas_.end());
                                 candidates.push_back("public");
                                 return candidates;
                               }) +
                         fmt::format(" (declare it with 'schema {}')", schema.name));
  return false;
}

bool Resolver::IsKnownRole(const std::string& role) const {
  return role == "public" || role_names_.count(role) > 0;
}

bool Resolver::CheckRole(const ast::Ident& role) {
  if (IsKnownRole(role.name)) return true;
  std::string message = Suggested(fmt::format("unknown role '{}'", role.name), role.name, [&] {
    std::vector<std::string> candidates = Names(schema_.roles);
    candidates.push_back("public");
    return candidates;
  });
  Diagnostic& d = diagnostics_.Error(role.span, message);
  d.notes.push_back({schema_.target == ir::Target::kSupabase
                         ? "declare roles of the platform with 'extern role NAME'"
                         : "declare roles that exist on the server with 'extern role NAME' "
                           "('target supabase' declares anon, authenticated, service_role)",
                     std::nullopt});
  return false;
}

}  // namespace resolve_internal

ir::Schema Resolve(const std::vector<ast::File>& files, const SourceManager& sources,
                   Diagnostics& diagnostics) {
  return resolve_internal::Resolver(files, sources, diagnostics).Run();
}

}  // namespace schemac
