#include "compiler/diagnostics.h"

#include <catch2/catch.hpp>

namespace schemac {

TEST_CASE("text diagnostics show file:line:col, the line and a caret") {
  SourceManager sources;
  uint32_t file = sources.Add("a.schema", "table t {\n  id integr\n}\n");
  Diagnostics diagnostics;
  Span span{file, sources.PositionAt(file, 15), sources.PositionAt(file, 21)};
  diagnostics.Error(span, "unknown type 'integr'");
  REQUIRE(RenderText(diagnostics, sources, {}) ==
          "a.schema:2:6: error: unknown type 'integr'\n"
          "    id integr\n"
          "       ^~~~~~\n");
}

TEST_CASE("json diagnostics carry positions and escape text") {
  SourceManager sources;
  uint32_t file = sources.Add("a.schema", "x\n");
  Diagnostics diagnostics;
  Span span{file, sources.PositionAt(file, 0), sources.PositionAt(file, 1)};
  diagnostics.Warning(span, "say \"hi\"");
  REQUIRE(RenderJson(diagnostics, sources) ==
          "[\n  {\"severity\":\"warning\",\"message\":\"say \\\"hi\\\"\",\"file\":\"a.schema\","
          "\"line\":1,\"column\":1,\"end_line\":1,\"end_column\":2,\"notes\":[]}\n]\n");
}

TEST_CASE("suggestions pick a close name and nothing far away") {
  std::vector<std::string> names = {"profiles", "posts", "comments"};
  REQUIRE(ClosestMatch("post", names) == "posts");
  REQUIRE(ClosestMatch("profile", names) == "profiles");
  REQUIRE_FALSE(ClosestMatch("users", names).has_value());
  REQUIRE(WithSuggestion("unknown table 'post'", "post", names) ==
          "unknown table 'post'; did you mean 'posts'?");
}

TEST_CASE("a swap of two adjacent letters is one edit") {
  REQUIRE(EditDistance("emial", "email") == 1);
  REQUIRE(EditDistance("abc", "ca") == 3);
  REQUIRE(EditDistance("", "abc") == 3);
  REQUIRE(ClosestMatch("emial", {"id", "email"}) == "email");
}

}  // namespace schemac

namespace schemac {

TEST_CASE("errors past the cap are counted, not kept, and the count is shown") {
  SourceManager sources;
  uint32_t file = sources.Add("a.schema", "x\n");
  Span span{file, sources.PositionAt(file, 0), sources.PositionAt(file, 1)};
  Diagnostics diagnostics;
  for (size_t i = 0; i < kMaxKeptDiagnostics + 5; ++i) {
    Diagnostic& d = diagnostics.Error(span, "e");
    d.notes.push_back({"a note", std::nullopt});  // Also on the ones not kept.
  }
  for (size_t i = 0; i < kMaxKeptDiagnostics + 1; ++i) diagnostics.Warning(span, "w");
  REQUIRE(diagnostics.error_count() == kMaxKeptDiagnostics + 5);
  REQUIRE(diagnostics.warning_count() == kMaxKeptDiagnostics + 1);
  REQUIRE(diagnostics.all().size() == 2 * kMaxKeptDiagnostics);
  REQUIRE(diagnostics.ErrorsFull());
  std::string text = RenderText(diagnostics, sources, {});
  REQUIRE(text.ends_with("a.schema:1:1: warning: w\n  x\n  ^\n"
                         "schemac: note: and 5 more errors and 1 more warning not shown\n"));
  REQUIRE(RenderJson(diagnostics, sources)
              .ends_with(",\n  {\"severity\":\"note\",\"message\":\"and 5 more errors and 1 more "
                         "warning not shown\",\"notes\":[]}\n]\n"));
}

TEST_CASE("a long source line is shown as a window around the caret") {
  SourceManager sources;
  std::string line = "a" + std::string(500, 'x') + "BAD" + std::string(500, 'y');
  uint32_t file = sources.Add("a.schema", line + "\n");
  Span span{file, sources.PositionAt(file, 501), sources.PositionAt(file, 504)};
  Diagnostics diagnostics;
  diagnostics.Error(span, "bad");
  // 40 bytes before the caret, 120 in all, "..." on each cut side.
  REQUIRE(RenderText(diagnostics, sources, {}) ==
          "a.schema:1:502: error: bad\n"
          "  ..." + std::string(40, 'x') + "BAD" + std::string(77, 'y') + "...\n"
          "     " + std::string(40, ' ') + "^~~\n");
  // At the start and at the end of the line, only one side is cut.
  Diagnostics start, end;
  start.Error(Span{file, sources.PositionAt(file, 0), sources.PositionAt(file, 1)}, "s");
  end.Error(Span{file, sources.PositionAt(file, 1003), sources.PositionAt(file, 1004)}, "e");
  REQUIRE(RenderText(start, sources, {}) == "a.schema:1:1: error: s\n  a" +
                                                std::string(119, 'x') + "...\n  ^\n");
  REQUIRE(RenderText(end, sources, {}) == "a.schema:1:1004: error: e\n  ..." +
                                              std::string(120, 'y') + "\n     " +
                                              std::string(119, ' ') + "^\n");
}

TEST_CASE("long quoted names in messages are cut, and whole messages bounded") {
  std::string name(5000, 'n');
  REQUIRE(BoundMessage("unknown type '" + name + "'; did you mean 'x'?") ==
          "unknown type '" + std::string(77, 'n') + "...'; did you mean 'x'?");
  REQUIRE(BoundMessage("short 'name'") == "short 'name'");
  std::string plain(5000, 'p');
  REQUIRE(BoundMessage(plain) == std::string(kMaxMessageBytes - 3, 'p') + "...");
  // A UTF-8 character is never split.
  std::string wide;
  for (int i = 0; i < 100; ++i) wide += "\xc3\xa9";  // é
  REQUIRE(BoundMessage("'" + wide + "'") == "'" + wide.substr(0, 76) + "...'");
}

TEST_CASE("suggestions skip names no identifier can be, and far lengths") {
  std::string huge(1 << 20, 'a');
  REQUIRE_FALSE(ClosestMatch(huge, {huge + "b", "a"}).has_value());
  REQUIRE(ClosestMatch("integr", {"integer", std::string(5000, 'i')}) == "integer");
  REQUIRE(EditDistance(std::string(3000, 'a'), std::string(3000, 'b')) == 3000);
  // A qualified name of two long identifiers still gets its suggestion.
  std::string schema(60, 's'), table(60, 't');
  REQUIRE(ClosestMatch(schema + "." + table + "x", {schema + "." + table}) == schema + "." + table);
}

TEST_CASE("a NUL byte in the source line is shown as a space") {
  SourceManager sources;
  uint32_t file = sources.Add("a.schema", std::string("a\0b\n", 4));
  Diagnostics diagnostics;
  diagnostics.Error(Span{file, sources.PositionAt(file, 1), sources.PositionAt(file, 2)}, "nul");
  REQUIRE(RenderText(diagnostics, sources, {}) == "a.schema:1:2: error: nul\n  a b\n   ^\n");
}

}  // namespace schemac
