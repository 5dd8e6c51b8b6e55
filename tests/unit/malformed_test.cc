// The malformed-input corpus: next to every tests/malformed/NAME.schema, NAME.expected lists, in
// order and one per line, exactly the diagnostics `schemac check` must report for it
// (`line:col: severity: message`). A case passes only when the lists are equal. The .expected
// files are written and reviewed by hand: they are the specification of each message.

#include <catch2/catch.hpp>

#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

}  // namespace

TEST_CASE("malformed inputs report exactly the expected diagnostics", "[malformed]") {
  fs::path dir = SourceDir() / "tests/malformed";
  std::vector<std::string> cases = SchemaFilesUnder(dir, dir);
  REQUIRE(cases.size() >= 60);
  size_t with_errors = 0;
  for (const std::string& name : cases) {
    SECTION(name) {
      fs::path expected_path = dir / fs::path(name).replace_extension(".expected");
      REQUIRE(fs::exists(expected_path));
      std::vector<std::string> expected = Lines(ReadFile(expected_path));
      REQUIRE_FALSE(expected.empty());
      Compiled compiled = CompileTexts({{name, ReadFile(dir / name)}});
      REQUIRE(DiagnosticLines(compiled) == expected);
    }
    fs::path expected_path = dir / fs::path(name).replace_extension(".expected");
    if (fs::exists(expected_path) &&
        ReadFile(expected_path).find(": error: ") != std::string::npos) {
      ++with_errors;
    }
  }
  REQUIRE(with_errors >= 60);
}

}  // namespace schemac::testing
