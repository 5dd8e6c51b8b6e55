// Views from .schema text to the IR: the query verbatim and where it starts, options, the check
// option, grants, column comments and indexes of materialized views; and the same IR written
// back by pull (backends/dsl/from_ir_views.cc), compiled again: the same views.

#include <catch2/catch.hpp>

#include <string>

#include "backends/dsl/format.h"
#include "backends/dsl/from_ir.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {
namespace {

constexpr const char* kSchema = R"(extern role anon

table posts {
  id    bigint primary key
  title text
}

/// Posts,
/// titled.
view app_posts with (security_invoker, security_barrier) as (
    select id, title from posts -- the title (it's text)
) with local check option {
  /// The title.
  column title
  grant select, insert to anon
}

materialized view counts as (select count(*) as n from posts) {
  index counts_n unique (n desc) where (n > 0)
  grant select to anon
}
)";

const ir::View& ViewNamed(const ir::Schema& schema, const std::string& name) {
  for (const ir::View& view : schema.views) {
    if (view.name.name == name) return view;
  }
  FAIL("no view " << name);
  throw;
}

TEST_CASE("views resolve to the IR", "[resolve][views]") {
  Compiled compiled = CompileTexts({{"app.schema", kSchema}});
  INFO(testing::DiagnosticLines(compiled).size());
  REQUIRE(compiled.resolved);
  REQUIRE(compiled.schema.views.size() == 2);
  const ir::View& view = ViewNamed(compiled.schema, "app_posts");
  CHECK(view.name.schema == "public");
  CHECK_FALSE(view.materialized);
  CHECK(view.query == "\n    select id, title from posts -- the title (it's text)\n");
  CHECK(view.query_origin.line == 10);
  CHECK(view.query_origin.col == 62);
  CHECK(view.origin.line == 10);
  CHECK(view.comment == "Posts,\ntitled.");
  CHECK(view.security_invoker);
  CHECK(view.security_barrier);
  CHECK(view.check_option == ir::CheckOption::kLocal);
  CHECK(view.column_comments ==
        std::vector<std::pair<std::string, std::string>>{{"title", "The title."}});
  REQUIRE(view.grants.size() == 1);
  CHECK(view.grants[0].role == "anon");
  CHECK(view.grants[0].privileges == std::vector<std::string>{"select", "insert"});
  const ir::View& counts = ViewNamed(compiled.schema, "counts");
  CHECK(counts.materialized);
  CHECK(counts.query == "select count(*) as n from posts");
  REQUIRE(counts.indexes.size() == 1);
  CHECK(counts.indexes[0].name == "counts_n");
  CHECK(counts.indexes[0].unique);
  CHECK(counts.indexes[0].keys[0].order == ir::SortOrder::kDesc);
  CHECK(counts.indexes[0].where == "n > 0");
}

TEST_CASE("views: fmt keeps them and formats again to the same text", "[fmt][views]") {
  Compiled compiled = CompileTexts({{"app.schema", kSchema}});
  REQUIRE(compiled.resolved);
  std::string formatted = dsl::FormatFile(compiled.files[0], compiled.sources);
  CHECK(formatted.find("view app_posts with (security_invoker, security_barrier) as (\n"
                       "    select id, title from posts -- the title (it's text)\n"
                       ") with local check option {\n"
                       "  /// The title.\n"
                       "  column title\n"
                       "  grant select, insert to anon\n"
                       "}\n") != std::string::npos);
  Compiled again = CompileTexts({{"app.schema", formatted}});
  REQUIRE(again.resolved);
  CHECK(dsl::FormatFile(again.files[0], again.sources) == formatted);
  CHECK(again.schema.views.size() == 2);
}

TEST_CASE("views: pull writes them so that they compile to the same views", "[pull][views]") {
  // As introspection reads them: PostgreSQL's query text, columns with their comments.
  ir::Schema schema;
  ir::Table posts;
  posts.name = {"public", "posts"};
  posts.columns.push_back({});
  posts.columns[0].name = "id";
  posts.columns[0].type.name = "bigint";
  posts.primary_key = ir::PrimaryKey{"posts_pkey", {"id"}, {}};
  schema.tables.push_back(posts);
  schema.roles.push_back({"anon", true});
  ir::View base;
  base.name = {"public", "base"};
  base.query = "SELECT posts.id\n   FROM posts\n  WHERE posts.id > 0";
  base.columns.push_back({"id", posts.columns[0].type, true, "The id."});
  base.security_invoker = true;
  base.check_option = ir::CheckOption::kCascaded;
  base.grants = {{"anon", {"select"}, {}}};
  base.comment = "Base.";
  ir::View top = base;
  top.name.name = "top";
  top.query = "SELECT base.id\n   FROM base";
  top.columns[0].comment.clear();
  top.materialized = true;
  top.security_invoker = false;
  top.check_option = ir::CheckOption::kNone;
  top.grants.clear();
  top.comment.clear();
  ir::Index index;
  index.name = "top_id";
  index.keys.push_back({});
  index.keys[0].column = "id";
  index.keys[0].opclass = "int8_ops";
  index.keys[0].opclass_is_default = true;
  top.indexes = {index};
  schema.views = {top, base};  // Sorted by name, as introspected: written in build order.
  schema.Reindex();
  std::string text = dsl::SchemaText(schema);
  INFO(text);
  CHECK(text.find("/// Base.\nview base with (security_invoker) as (\n  SELECT posts.id\n"
                  "     FROM posts\n    WHERE posts.id > 0\n) with cascaded check option {\n"
                  "  /// The id.\n  column id\n  grant select to anon\n}\n") != std::string::npos);
  CHECK(text.find("view base") < text.find("materialized view top"));
  Compiled compiled = CompileTexts({{"public.schema", text}});
  REQUIRE(compiled.resolved);
  REQUIRE(compiled.schema.views.size() == 2);
  const ir::View& got = ViewNamed(compiled.schema, "base");
  CHECK(got.query == "\n  SELECT posts.id\n     FROM posts\n    WHERE posts.id > 0\n");
  CHECK(got.security_invoker);
  CHECK(got.check_option == ir::CheckOption::kCascaded);
  CHECK(got.column_comments == std::vector<std::pair<std::string, std::string>>{{"id", "The id."}});
  CHECK(got.comment == "Base.");
  const ir::View& got_top = ViewNamed(compiled.schema, "top");
  CHECK(got_top.materialized);
  REQUIRE(got_top.indexes.size() == 1);
  CHECK(got_top.indexes[0].name == "top_id");
  CHECK(got_top.indexes[0].keys[0].column == "id");
}

}  // namespace
}  // namespace schemac::testing
