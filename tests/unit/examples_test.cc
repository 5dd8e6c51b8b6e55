// The example schemas in schemas/ must check clean, be in fmt's canonical layout, and re-parse
// from their fmt output to the same IR. Their TypeScript types are golden files checked in
// tests/integration/types_test.cc: a view's columns need the dev database.

#include <catch2/catch.hpp>

#include "backends/dsl/format.h"
#include "backends/json/ir_json.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

TEST_CASE("example schemas check clean, are fmt-stable and round-trip", "[examples]") {
  fs::path dir = SourceDir() / "schemas";
  std::vector<std::string> schemas = SchemaFilesUnder(dir, dir);
  REQUIRE(schemas.size() >= 3);
  for (const std::string& name : schemas) {
    SECTION(name) {
      Compiled compiled = CompileFiles(dir, {name});
      INFO(RenderText(compiled.diagnostics, compiled.sources, {}));
      REQUIRE(compiled.diagnostics.all().empty());
      REQUIRE(compiled.schema.tables.size() >= 3);
      std::string formatted = dsl::FormatFile(compiled.files[0], compiled.sources);
      REQUIRE(formatted == compiled.sources.file(0).text);
      Compiled again = CompileTexts({{name, formatted}});
      REQUIRE(json::ToJsonText(again.schema) == json::ToJsonText(compiled.schema));
    }
  }
}

}  // namespace schemac::testing
