// Views in the IR JSON: written after the tables, under `views` (left out when there are
// none, so that the JSON of a schema without views is as it was), and read back strictly.

#include "backends/json/ir_json_views.h"

#include <algorithm>
#include <string_view>

#include "backends/json/ir_json_names.h"
#include "backends/json/ir_json_parts.h"

namespace schemac::json::internal {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<EnumName<ir::CheckOption>, 3> kCheckOptionNames{{
    {"none", ir::CheckOption::kNone},
    {"local", ir::CheckOption::kLocal},
    {"cascaded", ir::CheckOption::kCascaded},
}};

constexpr Keys<2> kColumnCommentKeys{{{"column", kRequired}, {"comment", kRequired}}};
constexpr Keys<4> kColumnSourceKeys{{{"column", kRequired},
                                     {"schema", kRequired},
                                     {"relation", kRequired},
                                     {"source_column", kRequired}}};

constexpr Keys<16> kViewKeys{{
    {"schema", kRequired},
    {"name", kRequired},
    {"materialized", kOptional},
    {"comment", kOptional},
    {"query", kRequired},
    {"columns", kRequired},
    {"column_comments", kOptional},
    {"column_sources", kOptional},
    {"security_invoker", kOptional},
    {"security_barrier", kOptional},
    {"check_option", kOptional},
    {"insertable", kOptional},
    {"updatable", kOptional},
    {"updatable_columns", kOptional},
    {"grants", kRequired},
    {"indexes", kOptional},
}};

Json ViewJson(const ir::View& view) {
  Json out = Json::object();
  out["schema"] = view.name.schema;
  out["name"] = view.name.name;
  if (view.materialized) out["materialized"] = true;
  if (!view.comment.empty()) out["comment"] = view.comment;
  out["query"] = view.query;
  Json columns = Json::array();
  for (const ir::ViewColumn& c : view.columns) {
    ir::Column column;
    column.name = c.name;
    column.type = c.type;
    column.nullable = c.nullable;
    column.comment = c.comment;
    columns.push_back(ColumnToJson(column));
  }
  out["columns"] = std::move(columns);
  // The table or view column each view column selects as it is (introspected: what the
  // TypeScript types' relationships through views need, kept through the canonical cache).
  Json sources = Json::array();
  for (const ir::ViewColumn& c : view.columns) {
    if (c.source_column.empty()) continue;
    Json source = Json::object();
    source["column"] = c.name;
    source["schema"] = c.source.schema;
    source["relation"] = c.source.name;
    source["source_column"] = c.source_column;
    sources.push_back(std::move(source));
  }
  if (!sources.empty()) out["column_sources"] = std::move(sources);
  if (!view.column_comments.empty()) {
    Json comments = Json::array();
    for (const auto& [column, comment] : view.column_comments) {
      Json c = Json::object();
      c["column"] = column;
      c["comment"] = comment;
      comments.push_back(std::move(c));
    }
    out["column_comments"] = std::move(comments);
  }
  if (view.security_invoker) out["security_invoker"] = true;
  if (view.security_barrier) out["security_barrier"] = true;
  if (view.check_option != ir::CheckOption::kNone) {
    out["check_option"] = NameOf(kCheckOptionNames, view.check_option);
  }
  if (view.insertable) out["insertable"] = true;
  if (view.updatable) out["updatable"] = true;
  // The columns PostgreSQL can write through the view, by name (what the types' Insert and
  // Update follow), left out when there are none.
  Json updatable_columns = Json::array();
  for (const ir::ViewColumn& c : view.columns) {
    if (c.updatable) updatable_columns.push_back(c.name);
  }
  if (!updatable_columns.empty()) out["updatable_columns"] = std::move(updatable_columns);
  Json grants = Json::array();
  for (const ir::Grant& g : view.grants) grants.push_back(GrantToJson(g));
  out["grants"] = std::move(grants);
  if (!view.indexes.empty()) {
    Json indexes = Json::array();
    for (const ir::Index& i : view.indexes) indexes.push_back(IndexToJson(i));
    out["indexes"] = std::move(indexes);
  }
  return out;
}

ir::View ReadView(Reader& in, const Path& path) {
  ir::View out;
  std::vector<std::string> updatable_columns;
  std::vector<ir::ViewColumn> sources;  // name, source, source_column
  in.Object(path, kViewKeys, [&](std::string_view key, const Path& at) {
    if (key == "schema") {
      out.name.schema = in.String(at);
    } else if (key == "name") {
      out.name.name = in.String(at);
    } else if (key == "materialized") {
      out.materialized = in.Bool(at);
    } else if (key == "comment") {
      out.comment = in.String(at);
    } else if (key == "query") {
      out.query = in.String(at);
    } else if (key == "columns") {
      in.Array(at, [&](const Path& c) {
        ir::Column column = ReadColumnJson(in, c);
        out.columns.push_back({column.name, column.type, column.nullable, column.comment});
      });
    } else if (key == "column_comments") {
      in.Array(at, [&](const Path& c) {
        std::pair<std::string, std::string> comment;
        in.Object(c, kColumnCommentKeys, [&](std::string_view k, const Path& v) {
          (k == "column" ? comment.first : comment.second) = in.String(v);
        });
        out.column_comments.push_back(std::move(comment));
      });
    } else if (key == "column_sources") {
      in.Array(at, [&](const Path& c) {
        ir::ViewColumn source;
        in.Object(c, kColumnSourceKeys, [&](std::string_view k, const Path& v) {
          std::string text = in.String(v);
          if (k == "column") source.name = text;
          if (k == "schema") source.source.schema = text;
          if (k == "relation") source.source.name = text;
          if (k == "source_column") source.source_column = text;
        });
        sources.push_back(std::move(source));
      });
    } else if (key == "security_invoker") {
      out.security_invoker = in.Bool(at);
    } else if (key == "security_barrier") {
      out.security_barrier = in.Bool(at);
    } else if (key == "check_option") {
      out.check_option = in.Enum(at, kCheckOptionNames);
    } else if (key == "insertable") {
      out.insertable = in.Bool(at);
    } else if (key == "updatable") {
      out.updatable = in.Bool(at);
    } else if (key == "updatable_columns") {
      in.Array(at, [&](const Path& c) { updatable_columns.push_back(in.String(c)); });
    } else if (key == "grants") {
      in.Array(at, [&](const Path& g) { out.grants.push_back(ReadGrantJson(in, g)); });
    } else {
      in.Array(at, [&](const Path& i) { out.indexes.push_back(ReadIndexJson(in, i)); });
    }
  });
  for (ir::ViewColumn& column : out.columns) {
    column.updatable = std::find(updatable_columns.begin(), updatable_columns.end(), column.name) !=
                       updatable_columns.end();
  }
  for (const ir::ViewColumn& source : sources) {
    for (ir::ViewColumn& column : out.columns) {
      if (column.name != source.name) continue;
      column.source = source.source;
      column.source_column = source.source_column;
    }
  }
  return out;
}

}  // namespace

nlohmann::ordered_json ViewsToJson(const std::vector<ir::View>& views) {
  Json out = Json::array();
  for (const ir::View& view : views) out.push_back(ViewJson(view));
  return out;
}

void ReadViewsJson(Reader& in, const Path& path, std::vector<ir::View>* out) {
  in.Array(path, [&](const Path& at) { out->push_back(ReadView(in, at)); });
}

}  // namespace schemac::json::internal
