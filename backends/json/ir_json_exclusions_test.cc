// Constraint options through the IR JSON: deferrability of keys, MATCH FULL, comments on
// constraints and indexes, and exclusion constraints (left out when a table has none), read
// back equal and strict about their keys.

#include <catch2/catch.hpp>
#include <stdexcept>

#include "backends/json/ir_json.h"

namespace schemac::json {
namespace {

ir::Schema OptionsSchema() {
  ir::Schema schema;
  ir::Table table;
  table.name = {"public", "t"};
  table.primary_key = ir::PrimaryKey{"t_pkey", {"id"}, {}};
  table.primary_key->deferrable = true;
  table.primary_key->initially_deferred = true;
  table.primary_key->comment = "The key.";
  ir::UniqueConstraint unique{"t_a_key", {"a"}, false, {}};
  unique.deferrable = true;
  unique.comment = "Unique a.";
  table.uniques.push_back(unique);
  ir::CheckConstraint check;
  check.name = "t_a_check";
  check.expression = "a > 0";
  check.comment = "Positive.";
  table.checks.push_back(check);
  ir::ExclusionConstraint exclusion;
  exclusion.name = "t_range_excl";
  exclusion.elements = {{"room", "", "", "="}, {"", "tstzrange(starts, ends)", "range_ops", "&&"}};
  exclusion.include = {"note"};
  exclusion.where = "room > 0";
  exclusion.deferrable = true;
  exclusion.initially_deferred = true;
  exclusion.comment = "No overlap.";
  table.exclusions.push_back(exclusion);
  ir::ForeignKey fk;
  fk.name = "t_a_fkey";
  fk.columns = {"a", "b"};
  fk.ref_table = {"public", "u"};
  fk.ref_columns = {"x", "y"};
  fk.match_full = true;
  fk.comment = "Both or none.";
  table.foreign_keys.push_back(fk);
  ir::Index index;
  index.name = "t_a_idx";
  ir::IndexKey key;
  key.column = "a";
  index.keys.push_back(key);
  index.comment = "By a.";
  table.indexes.push_back(index);
  schema.tables.push_back(table);
  return schema;
}

TEST_CASE("constraint options and exclusion constraints go through JSON and back",
          "[json][constraints]") {
  ir::Schema schema = OptionsSchema();
  auto json = ToJson(schema)["tables"][0];
  CHECK(json["primary_key"].dump() ==
        R"({"name":"t_pkey","columns":["id"],"deferrable":true,"initially_deferred":true,)"
        R"("comment":"The key."})");
  CHECK(json["exclusions"][0].dump() ==
        R"({"name":"t_range_excl","method":"gist","elements":[{"column":"room","operator":"="},)"
        R"j({"expression":"tstzrange(starts, ends)","opclass":"range_ops","operator":"&&"}],)j"
        R"("include":["note"],"where":"room > 0","deferrable":true,"initially_deferred":true,)"
        R"("comment":"No overlap."})");
  CHECK(json["foreign_keys"][0]["match_full"] == true);
  CHECK(json["indexes"][0]["comment"] == "By a.");
  ir::Schema back = FromJsonText(ToJsonText(schema));
  CHECK(ToJsonText(back) == ToJsonText(schema));
  const ir::Table& t = back.tables[0];
  CHECK(t.primary_key->initially_deferred);
  CHECK(t.uniques[0].deferrable);
  CHECK(t.uniques[0].comment == "Unique a.");
  CHECK(t.checks[0].comment == "Positive.");
  CHECK(t.foreign_keys[0].match_full);
  CHECK(t.foreign_keys[0].comment == "Both or none.");
  CHECK(t.indexes[0].comment == "By a.");
  REQUIRE(t.exclusions.size() == 1);
  CHECK(t.exclusions[0].elements == schema.tables[0].exclusions[0].elements);
  CHECK(t.exclusions[0].where == "room > 0");
}

TEST_CASE("a table without exclusion constraints writes no exclusions key", "[json][constraints]") {
  ir::Schema schema = OptionsSchema();
  schema.tables[0].exclusions.clear();
  CHECK(!ToJson(schema)["tables"][0].contains("exclusions"));
}

TEST_CASE("an exclusion element has exactly one of column and expression", "[json][constraints]") {
  auto json = ToJson(OptionsSchema());
  json["tables"][0]["exclusions"][0]["elements"][0]["expression"] = "a";
  CHECK_THROWS_WITH(FromJson(json), Catch::Contains("not allowed together"));
  json["tables"][0]["exclusions"][0]["elements"][0].erase("expression");
  json["tables"][0]["exclusions"][0]["elements"][0].erase("column");
  CHECK_THROWS_WITH(FromJson(json), Catch::Contains("missing required key"));
  json = ToJson(OptionsSchema());
  json["tables"][0]["exclusions"][0]["operators"] = "=";
  CHECK_THROWS_WITH(FromJson(json), Catch::Contains("operators"));
}

}  // namespace
}  // namespace schemac::json
