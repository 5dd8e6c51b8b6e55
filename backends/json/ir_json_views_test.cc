// Views in the IR's JSON: read back equal, including which columns PostgreSQL can write through
// the view (the canonical cache stores the JSON, and the types' Insert and Update follow it).

#include <catch2/catch.hpp>
#include <string>

#include "backends/json/ir_json.h"

namespace schemac::json {

TEST_CASE("json: a view's columns keep whether they can be written through it", "[json][views]") {
  ir::Schema schema;
  ir::View view;
  view.name = {"public", "my_classes"};
  view.query = " SELECT c.id, (c.teacher_id = auth.uid()) AS teaching FROM classes c;";
  view.insertable = view.updatable = true;
  ir::ViewColumn id;
  id.name = "id";
  id.type.name = "uuid";
  id.updatable = true;
  ir::ViewColumn teaching;
  teaching.name = "teaching";
  teaching.type.name = "boolean";
  view.columns = {id, teaching};
  schema.views = {view};
  std::string text = ToJsonText(schema);
  CHECK(text.find("\"updatable_columns\": [\n        \"id\"\n      ]") != std::string::npos);
  ir::Schema back = FromJsonText(text);
  REQUIRE(back.views.size() == 1);
  REQUIRE(back.views[0].columns.size() == 2);
  CHECK(back.views[0].columns[0].updatable);
  CHECK_FALSE(back.views[0].columns[1].updatable);
  CHECK(back.views[0].insertable);
  CHECK(ToJsonText(back) == text);
}

}  // namespace schemac::json
