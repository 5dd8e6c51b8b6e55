// The dependencies of a schema through JSON: written only when there are any, read back equal,
// strict about kinds and keys.

#include <catch2/catch.hpp>
#include <stdexcept>

#include "backends/json/ir_json.h"

namespace schemac::json {
namespace {

TEST_CASE("dependencies go through JSON and back, and are left out when there are none",
          "[json][dependents]") {
  ir::Schema schema;
  CHECK(!ToJson(schema).contains("dependencies"));
  schema.dependencies = {
      {{ir::ObjectKind::kColumn, {"public", "docs"}, "token"},
       {ir::ObjectKind::kFunction, {"public", "gen_token"}, "(integer)"}},
      {{ir::ObjectKind::kView, {"public", "names"}, ""},
       {ir::ObjectKind::kColumn, {"public", "users"}, "name"}},
  };
  auto json = ToJson(schema);
  CHECK(json["dependencies"][1].dump() ==
        R"({"dependent":{"kind":"view","schema":"public","name":"names"},)"
        R"("referenced":{"kind":"column","schema":"public","name":"users","member":"name"}})");
  CHECK(FromJsonText(ToJsonText(schema)).dependencies == schema.dependencies);
  json["dependencies"][0]["dependent"]["kind"] = "rule";
  CHECK_THROWS_WITH(FromJson(json),
                    Catch::Contains("dependencies[0].dependent.kind: unknown value \"rule\""));
}

}  // namespace
}  // namespace schemac::json
