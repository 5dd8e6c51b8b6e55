// A table's exclusion constraints as JSON, both ways (ir_json_exclusions.h).

#include "backends/json/ir_json_exclusions.h"

#include <string_view>

namespace schemac::json::internal {

namespace {

using Json = nlohmann::ordered_json;

Json ElementJson(const ir::ExclusionElement& element) {
  Json out = Json::object();
  if (!element.column.empty()) {
    out["column"] = element.column;
  } else {
    out["expression"] = element.expression;
  }
  if (!element.opclass.empty()) out["opclass"] = element.opclass;
  out["operator"] = element.op;
  return out;
}

// "column" and "expression" are both optional here; exactly one of them is checked for.
constexpr Keys<4> kElementKeys{{
    {"column", kOptional},
    {"expression", kOptional},
    {"opclass", kOptional},
    {"operator", kRequired},
}};

ir::ExclusionElement ReadElement(Reader& in, const Path& path) {
  ir::ExclusionElement out;
  int keys = 0;
  in.Object(path, kElementKeys, [&](std::string_view key, const Path& at) {
    if (key == "column" || key == "expression") {
      if (++keys > 1) Fail(at, "not allowed together with \"column\" or \"expression\"");
      (key == "column" ? out.column : out.expression) = in.String(at);
    } else if (key == "opclass") {
      out.opclass = in.String(at);
    } else {
      out.op = in.String(at);
    }
  });
  if (keys == 0) Fail(path, "missing required key \"column\" or \"expression\"");
  return out;
}

constexpr Keys<8> kExclusionKeys{{
    {"name", kRequired},
    {"method", kRequired},
    {"elements", kRequired},
    {"include", kOptional},
    {"where", kOptional},
    {"deferrable", kOptional},
    {"initially_deferred", kOptional},
    {"comment", kOptional},
}};

ir::ExclusionConstraint ReadExclusion(Reader& in, const Path& path) {
  ir::ExclusionConstraint out;
  in.Object(path, kExclusionKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "method") {
      out.method = in.String(at);
    } else if (key == "elements") {
      in.Array(at, [&](const Path& e) { out.elements.push_back(ReadElement(in, e)); });
    } else if (key == "include") {
      out.include = in.Strings(at);
    } else if (key == "where") {
      out.where = in.String(at);
    } else if (key == "deferrable") {
      out.deferrable = in.Bool(at);
    } else if (key == "initially_deferred") {
      out.initially_deferred = in.Bool(at);
    } else {
      out.comment = in.String(at);
    }
  });
  return out;
}

}  // namespace

Json ExclusionsJson(const std::vector<ir::ExclusionConstraint>& exclusions) {
  Json out = Json::array();
  for (const ir::ExclusionConstraint& x : exclusions) {
    Json item = Json::object();
    item["name"] = x.name;
    item["method"] = x.method;
    Json elements = Json::array();
    for (const ir::ExclusionElement& e : x.elements) elements.push_back(ElementJson(e));
    item["elements"] = std::move(elements);
    if (!x.include.empty()) item["include"] = x.include;
    if (!x.where.empty()) item["where"] = x.where;
    if (x.deferrable) item["deferrable"] = true;
    if (x.initially_deferred) item["initially_deferred"] = true;
    if (!x.comment.empty()) item["comment"] = x.comment;
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<ir::ExclusionConstraint> ReadExclusions(Reader& in, const Path& path) {
  std::vector<ir::ExclusionConstraint> out;
  in.Array(path, [&](const Path& at) { out.push_back(ReadExclusion(in, at)); });
  return out;
}

}  // namespace schemac::json::internal
