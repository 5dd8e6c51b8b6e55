// Domains and composite types in the IR's JSON (ir_json_types.h). A type is written as a
// column's is: its SQL text and its kind.

#include "backends/json/ir_json_types.h"

#include <string>

#include "backends/json/ir_json_names.h"
#include "backends/json/ir_json_parts.h"

namespace schemac::json::internal {

namespace {

using Json = nlohmann::ordered_json;

Json CheckJson(const ir::DomainCheck& check) {
  Json out = Json::object();
  out["name"] = check.name;
  out["expression"] = check.expression;
  return out;
}

constexpr Keys<2> kCheckKeys{{{"name", kRequired}, {"expression", kRequired}}};

ir::DomainCheck ReadCheck(Reader& in, const Path& path) {
  ir::DomainCheck out;
  in.Object(path, kCheckKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else {
      out.expression = in.String(at);
    }
  });
  return out;
}

Json DomainJson(const ir::Domain& d) {
  Json out = Json::object();
  out["schema"] = d.name.schema;
  out["name"] = d.name.name;
  out["type"] = d.type.ToSql();
  out["type_kind"] = NameOf(kTypeKindNames, d.type.kind);
  if (!d.collation.empty()) out["collation"] = d.collation;
  if (!d.default_sql.empty()) out["default"] = d.default_sql;
  if (d.not_null) out["not_null"] = true;
  if (!d.checks.empty()) {
    Json checks = Json::array();
    for (const ir::DomainCheck& check : d.checks) checks.push_back(CheckJson(check));
    out["checks"] = std::move(checks);
  }
  if (!d.comment.empty()) out["comment"] = d.comment;
  return out;
}

constexpr Keys<9> kDomainKeys{{
    {"schema", kRequired},
    {"name", kRequired},
    {"type", kRequired},
    {"type_kind", kRequired},
    {"collation", kOptional},
    {"default", kOptional},
    {"not_null", kOptional},
    {"checks", kOptional},
    {"comment", kOptional},
}};

ir::Domain ReadDomain(Reader& in, const Path& path) {
  ir::Domain out;
  std::string type;
  ir::TypeKind kind = ir::TypeKind::kBuiltin;
  in.Object(path, kDomainKeys, [&](std::string_view key, const Path& at) {
    if (key == "schema") {
      out.name.schema = in.String(at);
    } else if (key == "name") {
      out.name.name = in.String(at);
    } else if (key == "type") {
      type = in.String(at);
    } else if (key == "type_kind") {
      kind = in.Enum(at, kTypeKindNames);
    } else if (key == "collation") {
      out.collation = in.String(at);
    } else if (key == "default") {
      out.default_sql = in.String(at);
    } else if (key == "not_null") {
      out.not_null = in.Bool(at);
    } else if (key == "checks") {
      in.Array(at, [&](const Path& item) { out.checks.push_back(ReadCheck(in, item)); });
    } else {
      out.comment = in.String(at);
    }
  });
  out.type = ReadType(type, kind);
  return out;
}

Json AttributeJson(const ir::CompositeAttribute& a) {
  Json out = Json::object();
  out["name"] = a.name;
  out["type"] = a.type.ToSql();
  out["type_kind"] = NameOf(kTypeKindNames, a.type.kind);
  if (!a.collation.empty()) out["collation"] = a.collation;
  return out;
}

constexpr Keys<4> kAttributeKeys{{
    {"name", kRequired},
    {"type", kRequired},
    {"type_kind", kRequired},
    {"collation", kOptional},
}};

ir::CompositeAttribute ReadAttribute(Reader& in, const Path& path) {
  ir::CompositeAttribute out;
  std::string type;
  ir::TypeKind kind = ir::TypeKind::kBuiltin;
  in.Object(path, kAttributeKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "type") {
      type = in.String(at);
    } else if (key == "type_kind") {
      kind = in.Enum(at, kTypeKindNames);
    } else {
      out.collation = in.String(at);
    }
  });
  out.type = ReadType(type, kind);
  return out;
}

constexpr Keys<4> kCompositeKeys{{
    {"schema", kRequired},
    {"name", kRequired},
    {"attributes", kRequired},
    {"comment", kOptional},
}};

}  // namespace

Json DomainsJson(const std::vector<ir::Domain>& domains) {
  Json out = Json::array();
  for (const ir::Domain& d : domains) out.push_back(DomainJson(d));
  return out;
}

void ReadDomains(Reader& in, const Path& path, std::vector<ir::Domain>* out) {
  in.Array(path, [&](const Path& at) { out->push_back(ReadDomain(in, at)); });
}

Json CompositeTypesJson(const std::vector<ir::CompositeType>& types) {
  Json out = Json::array();
  for (const ir::CompositeType& c : types) {
    Json type = Json::object();
    type["schema"] = c.name.schema;
    type["name"] = c.name.name;
    Json attributes = Json::array();
    for (const ir::CompositeAttribute& a : c.attributes) attributes.push_back(AttributeJson(a));
    type["attributes"] = std::move(attributes);
    if (!c.comment.empty()) type["comment"] = c.comment;
    out.push_back(std::move(type));
  }
  return out;
}

void ReadCompositeTypes(Reader& in, const Path& path, std::vector<ir::CompositeType>* out) {
  in.Array(path, [&](const Path& at) {
    ir::CompositeType type;
    in.Object(at, kCompositeKeys, [&](std::string_view key, const Path& field) {
      if (key == "schema") {
        type.name.schema = in.String(field);
      } else if (key == "name") {
        type.name.name = in.String(field);
      } else if (key == "attributes") {
        in.Array(field, [&](const Path& item) { type.attributes.push_back(ReadAttribute(in, item)); });
      } else {
        type.comment = in.String(field);
      }
    });
    out->push_back(std::move(type));
  });
}

}  // namespace schemac::json::internal
