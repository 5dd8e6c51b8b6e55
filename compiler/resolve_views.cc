// Resolver: views and materialized views (`view` declarations): their names (one namespace
// with tables per schema), options, check option, grants, column comments and the indexes of
// materialized views. The query is kept verbatim: what it names, and the columns it makes, are
// known only once the dev database has built it (a bad column name is reported there, at the
// query's line in the .schema file), so column comments and index keys are checked there too.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "compiler/platform.h"
#include "compiler/resolve_internal.h"

namespace schemac::resolve_internal {

namespace {

ir::CheckOption ToIr(ast::ViewCheckOption option) {
  switch (option) {
    case ast::ViewCheckOption::kNone:
      return ir::CheckOption::kNone;
    case ast::ViewCheckOption::kLocal:
      return ir::CheckOption::kLocal;
    case ast::ViewCheckOption::kDefault:  // PostgreSQL's default is CASCADED.
    case ast::ViewCheckOption::kCascaded:
      return ir::CheckOption::kCascaded;
  }
  return ir::CheckOption::kNone;
}

}  // namespace

// Registers each view's name, before any is resolved: a name may be a table's or another
// view's only once per schema.
void Resolver::DeclareViews() {
  std::map<std::string, Span> seen;
  for (const ast::File& file : files_) {
    for (const ast::Decl& decl : file.decls) {
      const auto* view = std::get_if<ast::ViewDecl>(&decl);
      if (view == nullptr) continue;
      std::string schema;
      if (!SchemaOf(view->name, &schema)) continue;
      if (IsPlatformSchema(schema)) {
        diagnostics_.Error(view->name.schema->span,
                           fmt::format("schema '{}' belongs to the platform: schemac never "
                                       "creates views in it",
                                       schema));
        continue;
      }
      const std::string& name = view->name.name.name;
      const char* what = view->materialized ? "materialized view" : "view";
      if (!CheckLength(name, view->name.name.span, what)) continue;
      std::string key = Key(schema, name);
      if (auto it = seen.find(key); it != seen.end()) {
        Diagnostic& d = diagnostics_.Error(
            view->name.span, fmt::format("duplicate view '{}'", Display({schema, name})));
        d.notes.push_back({"first declared here", it->second});
        continue;
      }
      if (auto it = table_decls_.find(key); it != table_decls_.end()) {
        Diagnostic& d = diagnostics_.Error(
            view->name.span,
            fmt::format("{} '{}' has the name of a table (tables and views share one "
                        "namespace per schema)",
                        what, Display({schema, name})));
        d.notes.push_back({"table declared here", it->second->name.span});
        continue;
      }
      if (auto it = enum_spans_.find(key); it != enum_spans_.end()) {
        Diagnostic& d = diagnostics_.Error(
            view->name.span, fmt::format("{} '{}' has the name of an enum (a view also defines "
                                         "a type of its name)",
                                         what, Display({schema, name})));
        d.notes.push_back({"enum declared here", it->second});
        continue;
      }
      seen.emplace(key, view->name.span);
      relation_names_[schema].insert(name);
      view_decls_.push_back(view);
    }
  }
}

void Resolver::ResolveViews() {
  schema_.views.reserve(view_decls_.size());
  for (const ast::ViewDecl* decl : view_decls_) ResolveView(*decl);
}

void Resolver::ResolveView(const ast::ViewDecl& decl) {
  ir::View view;
  view.name.schema = decl.name.schema ? decl.name.schema->name : "public";
  view.name.name = decl.name.name.name;
  view.materialized = decl.materialized;
  view.query = decl.query.text;
  view.query_origin = TextOrigin(decl.query);
  view.origin = OriginOf(decl.name.span);
  view.comment = JoinDoc(decl.doc);
  const char* what = decl.materialized ? "a materialized view" : "a view";
  for (const ast::Ident& option : decl.options) {
    bool* flag = option.name == "security_invoker"   ? &view.security_invoker
                 : option.name == "security_barrier" ? &view.security_barrier
                                                     : nullptr;
    if (decl.materialized) {
      diagnostics_.Error(option.span, fmt::format("'{}' is not an option of a materialized view",
                                                  option.name));
      continue;
    }
    if (flag == nullptr) {
      diagnostics_.Error(option.span,
                         WithSuggestion(fmt::format("unknown view option '{}'", option.name),
                                        option.name, {"security_invoker", "security_barrier"}) +
                             " (view options: security_invoker, security_barrier)");
      continue;
    }
    if (*flag) diagnostics_.Error(option.span, fmt::format("duplicate option '{}'", option.name));
    *flag = true;
  }
  if (decl.check_option != ast::ViewCheckOption::kNone && decl.materialized) {
    diagnostics_.Error(decl.check_option_span, "a materialized view has no check option");
  }
  view.check_option = decl.materialized ? ir::CheckOption::kNone : ToIr(decl.check_option);
  std::map<std::string, std::set<std::string>> grants;
  std::map<std::string, Span> comments;
  std::map<std::string, Span> index_names;
  for (const ast::ViewEntry& entry : decl.entries) {
    if (const auto* grant = std::get_if<ast::GrantItem>(&entry.item)) {
      std::set<std::string> privileges = GrantedPrivileges(grant->privileges);
      for (const ast::Ident& role : grant->roles) {
        if (CheckRole(role)) grants[role.name].insert(privileges.begin(), privileges.end());
      }
    } else if (const auto* column = std::get_if<ast::ViewColumnItem>(&entry.item)) {
      auto [it, inserted] = comments.emplace(column->name.name, column->span);
      if (!inserted) {
        Diagnostic& d = diagnostics_.Error(
            column->name.span, fmt::format("duplicate 'column {}' in {} '{}'", column->name.name,
                                           decl.materialized ? "materialized view" : "view",
                                           Display(view.name)));
        d.notes.push_back({"first here", it->second});
        continue;
      }
      if (column->doc.empty()) {
        diagnostics_.Error(column->span,
                           fmt::format("'column {}' says nothing: write its comment as '///' "
                                       "lines above it",
                                       column->name.name));
        continue;
      }
      view.column_comments.emplace_back(column->name.name, JoinDoc(column->doc));
    } else if (const auto* index = std::get_if<ast::IndexItem>(&entry.item)) {
      if (!decl.materialized) {
        diagnostics_.Error(index->span, fmt::format("{} has no indexes: only a materialized "
                                                    "view can be indexed",
                                                    what));
        continue;
      }
      ResolveViewIndex(view, *index, index_names);
    }
  }
  std::sort(view.column_comments.begin(), view.column_comments.end());
  // `grant ... on all tables in schema` is for tables only: a view's grants are its own.
  for (auto& [role, privileges] : grants) {
    view.grants.push_back(ir::Grant{role, CanonicalPrivileges(privileges), {}});
  }
  schema_.views.push_back(std::move(view));
}

// An index of a materialized view: named (there is no table to derive PostgreSQL's default
// name from before the build), its keys kept as written; the dev database checks the columns.
void Resolver::ResolveViewIndex(ir::View& view, const ast::IndexItem& item,
                                std::map<std::string, Span>& names) {
  if (!item.name) {
    diagnostics_.Error(item.span, "an index of a materialized view needs a name: index NAME (...)");
    return;
  }
  const std::string& name = item.name->name;
  if (!CheckLength(name, item.name->span, "index")) return;
  if (auto [it, inserted] = names.emplace(name, item.name->span); !inserted) {
    Diagnostic& d = diagnostics_.Error(item.name->span, fmt::format("duplicate index name '{}'", name));
    d.notes.push_back({"first used here", it->second});
    return;
  }
  if (!relation_names_[view.name.schema].insert(name).second) {
    diagnostics_.Error(item.name->span, fmt::format("index name '{}' is already used in schema "
                                                    "'{}'",
                                                    name, view.name.schema));
    return;
  }
  ir::Index index;
  index.name = name;
  index.unique = item.unique;
  index.nulls_not_distinct = item.nulls_not_distinct;
  index.origin = OriginOf(item.span);
  if (item.method) index.method = item.method->name;
  for (const ast::IndexKey& key : item.keys) {
    ir::IndexKey k;
    if (key.column) {
      k.column = key.column->name;
    } else {
      k.expression = key.expression->text;
      k.expression_origin = TextOrigin(*key.expression);
    }
    if (key.collate) k.collation = key.collate->name;
    if (key.opclass) {
      k.opclass = key.opclass->schema ? Key(key.opclass->schema->name, key.opclass->name.name)
                                      : key.opclass->name.name;
    }
    k.order = key.order == ast::SortOrder::kDesc ? ir::SortOrder::kDesc : ir::SortOrder::kAsc;
    k.nulls_first = key.nulls == ast::NullsOrder::kDefault ? k.order == ir::SortOrder::kDesc
                                                           : key.nulls == ast::NullsOrder::kFirst;
    index.keys.push_back(std::move(k));
  }
  for (const ast::Ident& column : item.include) index.include.push_back(column.name);
  for (const ast::StorageParam& param : item.with) index.with.emplace_back(param.key.name, param.value);
  if (item.where) {
    index.where = item.where->text;
    index.where_origin = TextOrigin(*item.where);
  }
  view.indexes.push_back(std::move(index));
}

}  // namespace schemac::resolve_internal
