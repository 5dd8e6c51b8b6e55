// Introspection of views and materialized views: one query for the views themselves; their
// columns (with the types the table reader reads) and the indexes of materialized views come
// from introspect.cc's column and index queries, which read every relation of the schemas.

#include "backends/postgres/introspect_views.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "backends/postgres/view_origins.h"
#include "compiler/platform.h"

namespace schemac::pg {

namespace {

using Json = nlohmann::json;

std::string Text(const pqxx::field& field) { return field.is_null() ? "" : field.c_str(); }

// pg_get_viewdef's text without the blanks around it and its final `;`.
std::string TrimQuery(std::string query) {
  while (!query.empty() && (query.back() == ';' || std::isspace(static_cast<unsigned char>(query.back())))) {
    query.pop_back();
  }
  size_t start = 0;
  while (start < query.size() && std::isspace(static_cast<unsigned char>(query[start]))) ++start;
  return query.substr(start);
}

bool OptionTrue(const std::string& value) {
  std::string v;
  for (char c : value) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "true" || v == "on" || v == "1" || v == "yes" || v.empty();
}

// INSERT and UPDATE bits of pg_relation_is_updatable (1 << CMD_INSERT, 1 << CMD_UPDATE).
constexpr int kUpdatable = 1 << 2;
constexpr int kInsertable = 1 << 3;

// Sets each view column's `source` from the origins of its view's query (by view oid): the
// origins' relations and columns are named by one more catalog read, in the same snapshot.
void SetSources(pqxx::transaction_base& tx,
                const std::map<uint32_t, std::vector<ViewColumnOrigin>>& origins,
                const std::map<uint32_t, size_t>& view_index, ir::Schema& schema) {
  std::set<uint32_t> oids;
  for (const auto& [view, list] : origins) {
    oids.insert(view);
    for (const ViewColumnOrigin& origin : list) oids.insert(origin.relation);
  }
  if (oids.empty()) return;
  std::string array = "{";
  for (uint32_t oid : oids) array += (array.size() > 1 ? "," : "") + std::to_string(oid);
  array += "}";
  struct Named {
    ir::QualifiedName relation;
    std::map<int, std::string> columns;  // attnum -> name
  };
  std::map<uint32_t, Named> names;
  static const char* const kNames =
      "select a.attrelid, n.nspname, c.relname, a.attnum, a.attname from pg_attribute a "
      "join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace "
      "where a.attrelid = any($1::oid[]) and a.attnum > 0 and not a.attisdropped";
  for (const pqxx::row& row : tx.exec_params(kNames, array)) {
    Named& named = names[row[0].as<uint32_t>()];
    named.relation = {row[1].c_str(), row[2].c_str()};
    named.columns[row[3].as<int>()] = row[4].c_str();
  }
  for (const auto& [view_oid, list] : origins) {
    ir::View& view = schema.views[view_index.at(view_oid)];
    const std::map<int, std::string>& view_columns = names[view_oid].columns;
    for (const ViewColumnOrigin& origin : list) {
      auto column_name = view_columns.find(origin.resno);
      auto source = names.find(origin.relation);
      if (column_name == view_columns.end() || source == names.end()) continue;
      auto source_column = source->second.columns.find(origin.column);
      if (source_column == source->second.columns.end()) continue;
      for (ir::ViewColumn& column : view.columns) {
        if (column.name != column_name->second) continue;
        column.source = source->second.relation;
        column.source_column = source_column->second;
      }
    }
  }
}

}  // namespace

void ReadViews(pqxx::transaction_base& tx, const std::string& schema_oids,
               RelationParts& parts, ir::Schema& schema) {
  static const char* const kQuery =
      "select c.oid, n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true), "
      "array_to_json(c.reloptions), descr.description, "
      "(select json_agg(json_build_array(case when a.grantee = 0 then 'public' "
      "  else pg_get_userbyid(a.grantee) end, a.privilege_type)) "
      " from aclexplode(c.relacl) a where a.grantee <> c.relowner), "
      "pg_relation_is_updatable(c.oid, false), "
      "(select json_agg(a.attname) from pg_attribute a where a.attrelid = c.oid "
      "  and a.attnum > 0 and not a.attisdropped and c.relkind = 'v' "
      "  and pg_column_is_updatable(c.oid, a.attnum, false)), "
      "(select r.ev_action::text from pg_rewrite r where r.ev_class = c.oid "
      "  and r.rulename = '_RETURN') "
      "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
      "left join pg_description descr on descr.objoid = c.oid "
      "  and descr.classoid = 'pg_class'::regclass and descr.objsubid = 0 "
      "where c.relkind in ('v', 'm') and c.relnamespace = any($1::oid[]) "
      "and not exists (select 1 from pg_depend dep where dep.classid = 'pg_class'::regclass "
      "  and dep.objid = c.oid and dep.deptype = 'e') "
      "order by n.nspname, c.relname";
  std::map<uint32_t, std::vector<ViewColumnOrigin>> origins;  // By view oid.
  std::map<uint32_t, size_t> view_index;                      // Its place in schema.views.
  for (const pqxx::row& row : tx.exec_params(kQuery, schema_oids)) {
    uint32_t oid = row[0].as<uint32_t>();
    ir::View view;
    view.name = {row[1].c_str(), row[2].c_str()};
    view.materialized = row[3].as<bool>();
    view.query = TrimQuery(Text(row[4]));
    if (!row[5].is_null()) {
      for (const Json& option : Json::parse(row[5].c_str())) {
        std::string text = option.get<std::string>();
        size_t eq = text.find('=');
        std::string key = text.substr(0, eq);
        std::string value = eq == std::string::npos ? "" : text.substr(eq + 1);
        if (key == "security_invoker") view.security_invoker = OptionTrue(value);
        if (key == "security_barrier") view.security_barrier = OptionTrue(value);
        if (key == "check_option") {
          view.check_option = value == "local" ? ir::CheckOption::kLocal : ir::CheckOption::kCascaded;
        }
      }
    }
    view.comment = Text(row[6]);
    std::map<std::string, std::set<std::string>> grants;
    if (!row[7].is_null()) {
      for (const Json& grant : Json::parse(row[7].c_str())) {
        std::string privilege = grant[1].get<std::string>();
        std::transform(privilege.begin(), privilege.end(), privilege.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        grants[grant[0].get<std::string>()].insert(privilege);
      }
    }
    for (auto& [role, privileges] : grants) {
      view.grants.push_back(ir::Grant{role, CanonicalPrivileges(privileges), {}});
    }
    int updatable = row[8].is_null() ? 0 : row[8].as<int>();
    view.insertable = !view.materialized && (updatable & kInsertable) != 0;
    view.updatable = !view.materialized && (updatable & kUpdatable) != 0;
    // The columns an INSERT or UPDATE through the view may write (the types' `?: never`).
    std::set<std::string> writable;
    if (!row[9].is_null()) {
      for (const Json& name : Json::parse(row[9].c_str())) writable.insert(name.get<std::string>());
    }
    for (ir::Column& column : parts.columns[oid]) {
      bool column_writable = writable.count(column.name) > 0;
      view.columns.push_back({column.name, std::move(column.type), column.nullable,
                              std::move(column.comment)});
      view.columns.back().updatable = column_writable;
    }
    if (auto it = parts.indexes.find(oid); it != parts.indexes.end()) {
      view.indexes = std::move(it->second);
    }
    if (!row[10].is_null()) {
      std::vector<ViewColumnOrigin> list = ViewColumnOrigins(row[10].c_str());
      if (!list.empty()) origins[oid] = std::move(list);
    }
    view_index[oid] = schema.views.size();
    schema.views.push_back(std::move(view));
  }
  SetSources(tx, origins, view_index, schema);
}

}  // namespace schemac::pg
