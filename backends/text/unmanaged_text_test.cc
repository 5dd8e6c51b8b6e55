// The text pull, plan and diff print about unmanaged objects, and the JSON they list them in.

#include "backends/text/unmanaged_text.h"

#include <catch2/catch.hpp>

#include "backends/json/ir_json.h"
#include "backends/json/ir_json_unmanaged.h"
#include "backends/text/plan_text.h"

namespace schemac::text {

TEST_CASE("unmanaged objects are one line each, then their count", "[unmanaged]") {
  std::vector<ir::UnmanagedObject> objects = {{"event trigger", "audit_ddl"},
                                              {"rule", "public.r on public.t"}};
  REQUIRE(UnmanagedText(objects, "not written") ==
          "not managed by schemac: event trigger audit_ddl\n"
          "not managed by schemac: rule public.r on public.t\n"
          "2 objects not managed by schemac: not written\n");
  REQUIRE(UnmanagedText({objects[1]}, kUnmanagedLeft) ==
          "not managed by schemac: rule public.r on public.t\n"
          "1 object not managed by schemac: left as they are (a plan never creates, changes or "
          "drops them)\n");
  REQUIRE(UnmanagedText({}, "not written").empty());
}

TEST_CASE("diff merges both sides' unmanaged objects, sorted, each once", "[unmanaged]") {
  std::vector<ir::UnmanagedObject> merged = MergeUnmanaged(
      {{"sequence", "public.s"}, {"domain", "public.d"}}, {{"sequence", "public.s"}});
  REQUIRE(merged == std::vector<ir::UnmanagedObject>{{"domain", "public.d"},
                                                     {"sequence", "public.s"}});
}

TEST_CASE("the plan JSON lists unmanaged objects only when asked", "[unmanaged]") {
  plan::Plan plan;
  REQUIRE(PlanJson(plan, false).find("unmanaged") == std::string::npos);
  std::vector<ir::UnmanagedObject> none;
  REQUIRE(PlanJson(plan, false, {}, {}, &none) == "{\n  \"steps\": [],\n  \"unmanaged\": []\n}\n");
  std::vector<ir::UnmanagedObject> one = {{"aggregate", "public.total(integer)"}};
  nlohmann::json doc = nlohmann::json::parse(PlanJson(plan, false, {}, {}, &one));
  REQUIRE(doc["unmanaged"] ==
          nlohmann::json::array({{{"kind", "aggregate"}, {"name", "public.total(integer)"}}}));
}

TEST_CASE("the IR JSON keeps unmanaged objects, and leaves the key out when there are none",
          "[unmanaged]") {
  ir::Schema schema;
  REQUIRE(json::ToJsonText(schema).find("unmanaged") == std::string::npos);
  schema.unmanaged = {{"foreign table", "public.remote"}, {"rule", "public.r on public.t"}};
  ir::Schema back = json::FromJsonText(json::ToJsonText(schema));
  REQUIRE(back.unmanaged == schema.unmanaged);
  REQUIRE_THROWS_WITH(json::FromJsonText(R"({"target": "postgres", "schemas": [], "extensions": [],
      "enums": [], "tables": [], "roles": [], "publications": [],
      "unmanaged": [{"kind": "rule"}]})"),
                      Catch::Contains("unmanaged[0]"));
}

}  // namespace schemac::text
