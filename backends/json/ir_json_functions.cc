// Functions in the IR JSON (ir_json_functions.h): written and read in one file so that the keys
// of the two sides are side by side.

#include "backends/json/ir_json_functions.h"

#include "backends/json/ir_json_names.h"
#include "backends/json/ir_json_parts.h"

namespace schemac::json::internal {

using Json = nlohmann::ordered_json;

namespace {

Json ArgJson(const ir::FunctionArg& arg) {
  Json out = Json::object();
  out["mode"] = NameOf(kArgModeNames, arg.mode);
  if (!arg.name.empty()) out["name"] = arg.name;
  out["type"] = arg.type.ToSql();
  out["type_kind"] = NameOf(kTypeKindNames, arg.type.kind);
  if (!arg.default_sql.empty()) out["default"] = arg.default_sql;
  return out;
}

constexpr Keys<5> kArgKeys{{
    {"mode", kRequired},
    {"name", kOptional},
    {"type", kRequired},
    {"type_kind", kRequired},
    {"default", kOptional},
}};

ir::FunctionArg ReadArg(Reader& in, const Path& path) {
  ir::FunctionArg out;
  std::string type;
  ir::TypeKind kind = ir::TypeKind::kBuiltin;
  in.Object(path, kArgKeys, [&](std::string_view key, const Path& at) {
    if (key == "mode") {
      out.mode = in.Enum(at, kArgModeNames);
    } else if (key == "name") {
      out.name = in.String(at);
    } else if (key == "type") {
      type = in.String(at);
    } else if (key == "type_kind") {
      kind = in.Enum(at, kTypeKindNames);
    } else {
      out.default_sql = in.String(at);
    }
  });
  out.type = ReadType(type, kind);
  return out;
}

constexpr Keys<19> kFunctionKeys{{
    {"schema", kRequired},
    {"name", kRequired},
    {"args", kRequired},
    {"returns", kRequired},
    {"returns_kind", kRequired},
    {"returns_set", kOptional},
    {"language", kRequired},
    {"body", kRequired},
    {"volatility", kRequired},
    {"strict", kOptional},
    {"security_definer", kOptional},
    {"leakproof", kOptional},
    {"parallel", kRequired},
    {"cost", kOptional},
    {"rows", kOptional},
    {"settings", kOptional},
    {"grants", kRequired},
    {"comment", kOptional},
    {"signature", kRequired},
}};

}  // namespace

Json FunctionJson(const ir::Function& function) {
  Json out = Json::object();
  out["schema"] = function.name.schema;
  out["name"] = function.name.name;
  Json args = Json::array();
  for (const ir::FunctionArg& arg : function.args) args.push_back(ArgJson(arg));
  out["args"] = std::move(args);
  out["returns"] = function.returns.ToSql();
  out["returns_kind"] = NameOf(kTypeKindNames, function.returns.kind);
  if (function.returns_set) out["returns_set"] = true;
  out["language"] = function.language;
  out["body"] = function.body;
  out["volatility"] = NameOf(kVolatilityNames, function.volatility);
  if (function.strict) out["strict"] = true;
  if (function.security_definer) out["security_definer"] = true;
  if (function.leakproof) out["leakproof"] = true;
  out["parallel"] = NameOf(kParallelNames, function.parallel);
  if (function.cost != 0) out["cost"] = function.cost;
  if (function.rows != 0) out["rows"] = function.rows;
  if (!function.settings.empty()) {
    Json settings = Json::object();
    for (const auto& [name, value] : function.settings) settings[name] = value;
    out["settings"] = std::move(settings);
  }
  Json grants = Json::array();
  for (const ir::Grant& grant : function.grants) grants.push_back(GrantToJson(grant));
  out["grants"] = std::move(grants);
  if (!function.comment.empty()) out["comment"] = function.comment;
  // For readers of the JSON (the identity of an overload); not read back.
  out["signature"] = function.Signature();
  return out;
}

ir::Function ReadFunction(Reader& in, const Path& path) {
  ir::Function out;
  std::string returns;
  ir::TypeKind returns_kind = ir::TypeKind::kBuiltin;
  in.Object(path, kFunctionKeys, [&](std::string_view key, const Path& at) {
    if (key == "schema") {
      out.name.schema = in.String(at);
    } else if (key == "name") {
      out.name.name = in.String(at);
    } else if (key == "args") {
      in.Array(at, [&](const Path& a) { out.args.push_back(ReadArg(in, a)); });
    } else if (key == "returns") {
      returns = in.String(at);
    } else if (key == "returns_kind") {
      returns_kind = in.Enum(at, kTypeKindNames);
    } else if (key == "returns_set") {
      out.returns_set = in.Bool(at);
    } else if (key == "language") {
      out.language = in.String(at);
    } else if (key == "body") {
      out.body = in.String(at);
    } else if (key == "volatility") {
      out.volatility = in.Enum(at, kVolatilityNames);
    } else if (key == "strict") {
      out.strict = in.Bool(at);
    } else if (key == "security_definer") {
      out.security_definer = in.Bool(at);
    } else if (key == "leakproof") {
      out.leakproof = in.Bool(at);
    } else if (key == "parallel") {
      out.parallel = in.Enum(at, kParallelNames);
    } else if (key == "cost") {
      out.cost = in.Number(at);
    } else if (key == "rows") {
      out.rows = in.Number(at);
    } else if (key == "settings") {
      in.Members(at, [&](const std::string& name, const Path& value) {
        out.settings.emplace_back(name, in.String(value));
      });
    } else if (key == "grants") {
      in.Array(at, [&](const Path& g) { out.grants.push_back(ReadGrantJson(in, g)); });
    } else if (key == "comment") {
      out.comment = in.String(at);
    } else {
      in.String(at);  // The signature, derived from the rest.
    }
  });
  out.returns = ReadType(returns, returns_kind);
  return out;
}

}  // namespace schemac::json::internal
