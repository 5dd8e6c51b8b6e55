// Functions in the IR JSON: every field written and read back, optional keys only when set,
// and the reader's strictness on function keys.

#include <catch2/catch.hpp>
#include <stdexcept>

#include "backends/json/ir_json.h"

namespace schemac::json {

namespace {

ir::ColumnType Builtin(const std::string& name, int array_dims = 0) {
  ir::ColumnType type;
  type.name = name;
  type.array_dims = array_dims;
  return type;
}

ir::ColumnType Qualified(ir::TypeKind kind, const std::string& schema, const std::string& name) {
  ir::ColumnType type;
  type.kind = kind;
  type.schema = schema;
  type.name = name;
  return type;
}

// Every field set away from its default.
ir::Function FullFunction() {
  ir::Function f;
  f.name = {"api", "search posts"};
  f.args.push_back(
      {ir::ArgMode::kIn, "query", Builtin("text"), "''::text", {"a.schema", 1, 2}, {}});
  f.args.push_back(
      {ir::ArgMode::kInOut, "", Qualified(ir::TypeKind::kEnum, "public", "status"), "", {}, {}});
  f.args.push_back({ir::ArgMode::kOut, "total", Builtin("bigint"), "", {}, {}});
  f.args.push_back({ir::ArgMode::kVariadic, "tags", Builtin("text", 1), "", {}, {}});
  f.args.push_back({ir::ArgMode::kTable, "id", Builtin("uuid"), "", {}, {}});
  f.args.push_back(
      {ir::ArgMode::kTable, "row", Qualified(ir::TypeKind::kOther, "public", "posts"), "", {}, {}});
  f.args.push_back({ir::ArgMode::kTable,
                    "v",
                    Qualified(ir::TypeKind::kExtension, "extensions", "vector"),
                    "",
                    {},
                    {}});
  f.returns = Builtin("record");
  f.returns_set = true;
  f.language = "plpgsql";
  f.body = "\nbegin\n  return query select 1; -- \"quoted\" \\ back\nend\n";
  f.volatility = ir::Volatility::kStable;
  f.strict = true;
  f.security_definer = true;
  f.leakproof = true;
  f.parallel = ir::Parallel::kRestricted;
  f.cost = 12.5;
  f.rows = 42;
  f.settings = {{"search_path", "\"\""}, {"work_mem", "64MB"}};
  f.grants = {{"authenticated", {"execute"}, {}}, {"public", {"execute"}, {}}};
  f.comment = "Finds posts.";
  f.origin = {"a.schema", 1, 1};
  f.body_origin = {"a.schema", 3, 1};
  return f;
}

// The defaults everywhere: a `returns void` SQL function with no arguments.
ir::Function PlainFunction() {
  ir::Function f;
  f.name = {"public", "noop"};
  f.returns = Builtin("void");
  f.body = "select";
  return f;
}

void CheckSame(const ir::Function& a, const ir::Function& b) {
  CHECK(a.Signature() == b.Signature());
  CHECK(a.name == b.name);
  REQUIRE(a.args.size() == b.args.size());
  for (size_t i = 0; i < a.args.size(); ++i) {
    INFO("argument " << i);
    CHECK(a.args[i].mode == b.args[i].mode);
    CHECK(a.args[i].name == b.args[i].name);
    CHECK(a.args[i].type == b.args[i].type);
    CHECK(a.args[i].default_sql == b.args[i].default_sql);
  }
  CHECK(a.returns == b.returns);
  CHECK(a.returns_set == b.returns_set);
  CHECK(a.language == b.language);
  CHECK(a.body == b.body);
  CHECK(a.volatility == b.volatility);
  CHECK(a.strict == b.strict);
  CHECK(a.security_definer == b.security_definer);
  CHECK(a.leakproof == b.leakproof);
  CHECK(a.parallel == b.parallel);
  CHECK(a.cost == b.cost);
  CHECK(a.rows == b.rows);
  CHECK(a.settings == b.settings);
  REQUIRE(a.grants.size() == b.grants.size());
  for (size_t i = 0; i < a.grants.size(); ++i) {
    CHECK(a.grants[i].role == b.grants[i].role);
    CHECK(a.grants[i].privileges == b.grants[i].privileges);
  }
  CHECK(a.comment == b.comment);
}

}  // namespace

TEST_CASE("functions round-trip through the IR JSON, every field", "[json][functions]") {
  ir::Schema schema;
  schema.functions = {FullFunction(), PlainFunction()};
  std::string text = ToJsonText(schema);
  ir::Schema back = FromJsonText(text);
  REQUIRE(back.functions.size() == 2);
  CheckSame(back.functions[0], schema.functions[0]);
  CheckSame(back.functions[1], schema.functions[1]);
  CHECK(ToJsonText(back) == text);
  // Origins are not part of the JSON.
  CHECK(text.find("a.schema") == std::string::npos);
  CHECK(back.functions[0].body_origin.file.empty());
}

TEST_CASE("a function writes its optional keys only when set", "[json][functions]") {
  ir::Schema schema;
  schema.functions = {PlainFunction()};
  nlohmann::ordered_json json = ToJson(schema);
  const nlohmann::ordered_json& f = json["functions"][0];
  std::vector<std::string> keys;
  for (const auto& item : f.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"schema", "name", "args", "returns", "returns_kind",
                                         "language", "body", "volatility", "parallel", "grants",
                                         "signature"});
  CHECK(f["signature"] == "public.noop()");
  CHECK(json["functions"][0]["volatility"] == "volatile");

  ir::Schema full_schema;
  full_schema.functions = {FullFunction()};
  nlohmann::ordered_json full = ToJson(full_schema)["functions"][0];
  CHECK(full["cost"] == 12.5);
  CHECK(full["rows"] == 42.0);
  CHECK(full["settings"]["search_path"] == "\"\"");
  CHECK(full["args"][1].contains("name") == false);
  CHECK(full["args"][0]["default"] == "''::text");
  CHECK(full["signature"] == "api.search posts(text, public.status, text[])");
}

TEST_CASE("a schema without functions has no functions key", "[json][functions]") {
  nlohmann::ordered_json json = ToJson(ir::Schema{});
  CHECK_FALSE(json.contains("functions"));
  CHECK(FromJsonText(json.dump()).functions.empty());
}

TEST_CASE("FromJson is strict about function keys", "[json][functions]") {
  ir::Schema schema;
  schema.functions = {FullFunction()};
  nlohmann::ordered_json json = ToJson(schema);

  nlohmann::ordered_json bad_mode = json;
  bad_mode["functions"][0]["args"][0]["mode"] = "sideways";
  CHECK_THROWS_WITH(FromJson(bad_mode), Catch::Contains("functions[0].args[0].mode"));

  nlohmann::ordered_json bad_cost = json;
  bad_cost["functions"][0]["cost"] = "12";
  CHECK_THROWS_WITH(FromJson(bad_cost), Catch::Contains("functions[0].cost: expected a number"));

  nlohmann::ordered_json unknown = json;
  unknown["functions"][0]["owner"] = "postgres";
  CHECK_THROWS_WITH(FromJson(unknown), Catch::Contains("unknown key"));

  nlohmann::ordered_json missing = json;
  missing["functions"][0].erase("body");
  CHECK_THROWS_WITH(FromJson(missing), Catch::Contains("missing required key \"body\""));
}

}  // namespace schemac::json
