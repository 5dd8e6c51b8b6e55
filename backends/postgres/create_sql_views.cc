// Views in the dev-database build: CREATE VIEW / MATERIALIZED VIEW (WITH NO DATA: the dev
// database only needs their definitions), each after the views it uses, then their indexes,
// exact grants and comments. Also the CREATE statement the migration writer shares.

#include "backends/postgres/create_sql_views.h"

#include <set>

#include "compiler/diff_views.h"
#include "compiler/identifiers.h"

namespace schemac::pg {

namespace {

std::string Options(const ir::View& view) {
  std::string out;
  for (const auto& [name, set] : ViewFlags(view)) {
    if (set) out += (out.empty() ? "" : ", ") + std::string(name) + " = true";
  }
  return out.empty() ? "" : " WITH (" + out + ")";
}

}  // namespace

std::vector<std::pair<const char*, bool>> ViewFlags(const ir::View& view) {
  return {{"security_invoker", view.security_invoker}, {"security_barrier", view.security_barrier}};
}

const char* ViewKeyword(const ir::View& view) {
  return view.materialized ? "MATERIALIZED VIEW" : "VIEW";
}

std::string ViewSql(const ir::View& view, bool or_replace, bool if_not_exists, bool with_data,
                    SqlParts* parts) {
  std::string out = "CREATE ";
  if (or_replace && !view.materialized) out += "OR REPLACE ";
  out += ViewKeyword(view);
  if (if_not_exists && view.materialized) out += " IF NOT EXISTS";
  out += " " + Qualified(view.name) + Options(view) + " AS\n";
  if (parts != nullptr && !view.query_origin.file.empty()) {
    // No object of its own: an error in it is the view's.
    parts->push_back({out.size(), out.size() + view.query.size(), "", view.query_origin, true});
  }
  out += view.query;
  if (view.materialized && !with_data) out += "\nWITH NO DATA";
  if (view.check_option == ir::CheckOption::kLocal) out += "\nWITH LOCAL CHECK OPTION";
  if (view.check_option == ir::CheckOption::kCascaded) out += "\nWITH CASCADED CHECK OPTION";
  return out;
}

std::vector<TaggedStatement> CreateViewStatements(const ir::Schema& schema) {
  std::vector<TaggedStatement> out;
  if (schema.views.empty()) return out;
  std::vector<const ir::View*> ordered = OrderViews(schema.views, schema.dependencies);
  std::vector<ir::QualifiedName> names;
  std::set<std::string> view_names;
  for (const ir::View& view : schema.views) view_names.insert(view.name.name);
  for (const ir::View* view : ordered) {
    std::string name = view->name.ToString();
    TaggedStatement s;
    s.object = std::string(view->materialized ? "materialized view " : "view ") + name;
    s.origin = view->origin;
    s.provides = name;
    // The views it uses (by name): when one fails, this one cannot be built either.
    for (const std::string& word : ViewQueryWords(view->query)) {
      for (const ir::View& other : schema.views) {
        if (other.name.name == word && &other != view) s.needs.push_back(other.name.ToString());
      }
    }
    s.sql = ViewSql(*view, false, false, false, &s.parts) + ";\n";
    out.push_back(std::move(s));
    names.push_back(view->name);
  }
  TaggedStatement revoke;
  revoke.object = "the revoke of default privileges on new views";
  revoke.sql = RevokeNonOwnerPrivilegesSql(names);
  out.push_back(std::move(revoke));
  for (const ir::View* view : ordered) {
    std::string name = view->name.ToString();
    std::string q = Qualified(view->name);
    auto add = [&](std::string object, const ir::Origin& origin, std::string sql, SqlParts parts) {
      out.push_back({std::move(sql), std::move(object),
                     origin.file.empty() ? view->origin : origin, std::move(parts), "", {name},
                     "", {}});
    };
    for (const ir::Index& index : view->indexes) {
      SqlParts parts;
      std::string sql = IndexSql(view->name, index, false, false, &parts) + ";\n";
      add("index " + index.name + " on " + name, index.origin, std::move(sql), std::move(parts));
    }
    for (const ir::Grant& grant : view->grants) {
      std::string privileges;
      for (const std::string& p : grant.privileges) privileges += (privileges.empty() ? "" : ", ") + p;
      add("grant to " + grant.role + " on " + name, grant.origin,
          "GRANT " + privileges + " ON TABLE " + q + " TO " + QuoteSqlIdent(grant.role) + ";\n", {});
    }
    if (!view->comment.empty()) {
      add("comment of view " + name, view->origin,
          std::string("COMMENT ON ") + ViewKeyword(*view) + " " + q + " IS " +
              QuoteSqlLiteral(view->comment) + ";\n",
          {});
    }
    for (const auto& [column, comment] : ViewColumnComments(*view)) {
      add("comment of column " + name + "." + column, view->origin,
          "COMMENT ON COLUMN " + q + "." + QuoteSqlIdent(column) + " IS " +
              QuoteSqlLiteral(comment) + ";\n",
          {});
    }
  }
  return out;
}

}  // namespace schemac::pg
