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
