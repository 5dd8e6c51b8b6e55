// Golden cases: tests/golden/<case>/input/*.schema together form one schema; expected/ holds
// the IR as JSON (ir.json), the diagnostics (diagnostics.txt, usually warnings or nothing), the
// TypeScript types of all its schemas without the helper types (types.ts) and the fmt output
// of every input file (fmt/<file>). Regenerate with --update-goldens.

#include <catch2/catch.hpp>

#include "backends/dsl/format.h"
#include "backends/json/ir_json.h"
#include "backends/typescript/typescript.h"
#include "compiler/diagnostics.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

namespace {

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

std::vector<fs::path> GoldenCases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(SourceDir() / "tests/golden")) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

}  // namespace

TEST_CASE("golden cases: IR, diagnostics and fmt output", "[golden]") {
  std::vector<fs::path> cases = GoldenCases();
  REQUIRE(cases.size() >= 8);
  for (const fs::path& dir : cases) {
    SECTION(dir.filename().string()) {
      std::vector<std::string> inputs = SchemaFilesUnder(dir, dir / "input");
      REQUIRE_FALSE(inputs.empty());
      Compiled compiled = CompileFiles(dir, inputs);
      CheckGolden(dir / "expected/diagnostics.txt", Joined(DiagnosticLines(compiled)));
      REQUIRE_FALSE(compiled.diagnostics.HasErrors());
      CheckGolden(dir / "expected/ir.json", json::ToJsonText(compiled.schema));
      typescript::Options types;
      types.schemas = typescript::AvailableSchemas(compiled.schema);
      types.helpers = false;  // The same text every time; the example goldens have it.
      CheckGolden(dir / "expected/types.ts", typescript::DatabaseTypes(compiled.schema, types));
      for (size_t i = 0; i < inputs.size(); ++i) {
        std::string formatted = dsl::FormatFile(compiled.files[i], compiled.sources);
        CheckGolden(dir / "expected/fmt" / fs::relative(inputs[i], "input"), formatted);
      }
    }
  }
}

TEST_CASE("golden cases: fmt output is stable and re-parses to the same IR", "[golden][roundtrip]") {
  std::vector<fs::path> cases = GoldenCases();
  REQUIRE(cases.size() >= 8);  // a directory that lost its cases must not pass
  for (const fs::path& dir : cases) {
    SECTION(dir.filename().string()) {
      std::vector<std::string> inputs = SchemaFilesUnder(dir, dir / "input");
      Compiled original = CompileFiles(dir, inputs);
      REQUIRE_FALSE(original.diagnostics.HasErrors());
      std::vector<std::pair<std::string, std::string>> formatted;
      for (size_t i = 0; i < inputs.size(); ++i) {
        formatted.emplace_back(inputs[i], dsl::FormatFile(original.files[i], original.sources));
      }
      Compiled again = CompileTexts(formatted);
      INFO(RenderText(again.diagnostics, again.sources, {}));
      REQUIRE_FALSE(again.diagnostics.HasErrors());
      REQUIRE(json::ToJsonText(again.schema) == json::ToJsonText(original.schema));
      for (size_t i = 0; i < inputs.size(); ++i) {
        REQUIRE(dsl::FormatFile(again.files[i], again.sources) == formatted[i].second);
      }
    }
  }
}

}  // namespace schemac::testing
