// Triggers in the IR's JSON: written only when a schema has them, read back equal, and the
// reader's strictness on their keys and names.

#include <catch2/catch.hpp>

#include <string>

#include "backends/json/ir_json.h"

namespace schemac::json {
namespace {

ir::Trigger Full() {
  ir::Trigger t;
  t.name = "audit";
  t.table = {"app", "orders"};
  t.timing = ir::TriggerTiming::kInsteadOf;
  t.on_insert = t.on_update = t.on_delete = t.on_truncate = true;
  t.update_columns = {"a", "b"};
  t.level = ir::TriggerLevel::kRow;
  t.when = "new.a > 0";
  t.old_table = "o";
  t.new_table = "n";
  t.function = {"audit", "log"};
  t.arguments = {"x", ""};
  t.enabled = ir::TriggerEnabled::kReplica;
  t.comment = "Audits.";
  return t;
}

bool Same(const ir::Trigger& a, const ir::Trigger& b) {
  return a.name == b.name && a.table == b.table && a.timing == b.timing &&
         a.on_insert == b.on_insert && a.on_update == b.on_update &&
         a.on_delete == b.on_delete && a.on_truncate == b.on_truncate &&
         a.update_columns == b.update_columns && a.level == b.level && a.when == b.when &&
         a.old_table == b.old_table && a.new_table == b.new_table && a.function == b.function &&
         a.arguments == b.arguments && a.enabled == b.enabled && a.comment == b.comment;
}

}  // namespace

TEST_CASE("json: triggers round trip, and are left out when there are none", "[json][triggers]") {
  ir::Schema schema;
  CHECK(ToJsonText(schema).find("triggers") == std::string::npos);
  ir::Trigger bare;
  bare.name = "t";
  bare.table = {"public", "t"};
  bare.function = {"public", "f"};
  schema.triggers = {Full(), bare};
  std::string text = ToJsonText(schema);
  ir::Schema back = FromJsonText(text);
  REQUIRE(back.triggers.size() == 2);
  CHECK(Same(back.triggers[0], Full()));
  CHECK(Same(back.triggers[1], bare));
  CHECK(ToJsonText(back) == text);
  CHECK(text.find("\"timing\": \"instead of\"") != std::string::npos);
}

TEST_CASE("json: a trigger with an unknown event or key is refused, naming where",
          "[json][triggers]") {
  const std::string head =
      R"({"target": "postgres", "schemas": [], "extensions": [], "enums": [], "tables": [],
          "roles": [], "publications": [], "triggers": [{"name": "t",
          "table": {"schema": "public", "name": "t"}, "timing": "after", "level": "row",
          "function": {"schema": "public", "name": "f"}, )";
  CHECK_THROWS_WITH(FromJsonText(head + R"("events": ["upsert"]}]})"),
                    Catch::Contains("triggers[0].events: unknown event \"upsert\""));
  CHECK_THROWS_WITH(FromJsonText(head + R"("events": [], "fires": 1}]})"),
                    Catch::Contains("triggers[0].fires: unknown key"));
  CHECK(FromJsonText(head + R"("events": ["delete"]}]})").triggers.at(0).on_delete);
}

}  // namespace schemac::json
