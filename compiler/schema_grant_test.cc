// `grant PRIVILEGE, ... on all tables in schema S to ROLE, ...`: parsed as a declaration (a
// table's own `grant` in column 1 stays an item), resolved into the grants of every table
// declared in S, written back by fmt, and written by pull for the grants every table of a schema
// shares. The malformed corpus (tests/malformed/*schema-grant*) holds its error messages.

#include <catch2/catch.hpp>

#include "backends/dsl/format.h"
#include "backends/dsl/from_ir.h"
#include "compiler/parse.h"
#include "tests/unit/test_util.h"

namespace schemac {

using testing::Compiled;
using testing::CompileTexts;

namespace {

Compiled Ok(const std::string& text) {
  Compiled c = CompileTexts({{"t.schema", text}});
  INFO(RenderText(c.diagnostics, c.sources, {}));
  REQUIRE_FALSE(c.diagnostics.HasErrors());
  return c;
}

std::vector<std::string> Privileges(const ir::Table& table, const std::string& role) {
  for (const ir::Grant& grant : table.grants) {
    if (grant.role == role) return grant.privileges;
  }
  return {};
}

std::string FormatText(const std::string& text) {
  SourceManager sources;
  uint32_t index = sources.Add("t.schema", text);
  Diagnostics diagnostics;
  ast::File file = Parse(sources, index, diagnostics);
  INFO(RenderText(diagnostics, sources, {}));
  REQUIRE_FALSE(diagnostics.HasErrors());
  return dsl::FormatFile(file, sources);
}

const char* kTwoSchemas = R"(target supabase
schema billing

grant select on all tables in schema public to anon
grant all on all tables in schema public to service_role
grant select, insert
  on all tables in schema billing
  to authenticated

table posts {
  id int primary key
  grant insert to anon
}

table comments {
  id int primary key
}

table billing.invoices {
  id int primary key
  grant update to authenticated
}

extern table billing.plans {
  id int primary key
}
)";

}  // namespace

TEST_CASE("schema grant: every table declared in the schema gets it, besides its own grants",
          "[resolve][schema-grant]") {
  Compiled c = Ok(kTwoSchemas);
  const ir::Table& posts = *c.schema.FindTable({"public", "posts"});
  const ir::Table& comments = *c.schema.FindTable({"public", "comments"});
  const ir::Table& invoices = *c.schema.FindTable({"billing", "invoices"});
  const ir::Table& plans = *c.schema.FindTable({"billing", "plans"});
  CHECK(Privileges(posts, "anon") == std::vector<std::string>{"select", "insert"});
  CHECK(Privileges(posts, "service_role").size() == 7);
  CHECK(Privileges(posts, "authenticated").empty());
  CHECK(Privileges(comments, "anon") == std::vector<std::string>{"select"});
  CHECK(Privileges(invoices, "authenticated") ==
        std::vector<std::string>{"select", "insert", "update"});
  CHECK(Privileges(invoices, "anon").empty());
  CHECK(plans.grants.empty());  // Extern: someone else's.
}

TEST_CASE("schema grant: a table grant in column 1 stays a table item", "[parse][schema-grant]") {
  Compiled c = Ok("target supabase\ntable t {\n  id int primary key\ngrant select to anon\n}\n");
  CHECK(Privileges(*c.schema.FindTable({"public", "t"}), "anon") ==
        std::vector<std::string>{"select"});
}

TEST_CASE("schema grant: fmt writes it on one line, lower case, idempotently",
          "[fmt][schema-grant]") {
  std::string once = FormatText(
      "target supabase\nGRANT Select, ALL On ALL Tables In Schema public TO anon,authenticated\n"
      "grant insert\n  on all tables in schema public\n  to service_role\n");
  CHECK(once ==
        "target supabase\n\n"
        "grant select, all on all tables in schema public to anon, authenticated\n"
        "grant insert on all tables in schema public to service_role\n");
  CHECK(FormatText(once) == once);
}

TEST_CASE("schema grant: pull writes what every table of a schema grants once",
          "[pull][schema-grant]") {
  ir::Schema schema = Ok(R"(target supabase
schema billing

table a {
  id int primary key
  grant all to anon, authenticated, service_role
}

table b {
  id int primary key
  grant all to anon, authenticated, service_role
  grant select to public
}

table c {
  id int primary key
  grant all to authenticated, service_role
  grant select to anon
}

table billing.solo {
  id int primary key
  grant select to anon
}
)").schema;
  std::map<std::string, std::string> files = dsl::SchemaFiles(schema);
  const std::string& pub = files["public.schema"];
  INFO(pub);
  CHECK(pub.find("grant select on all tables in schema public to anon\n") != std::string::npos);
  CHECK(pub.find("grant all on all tables in schema public to authenticated, service_role\n") !=
        std::string::npos);
  // Each table keeps only what goes beyond: b's extra grants, and nothing for a and c.
  CHECK(pub.find("  grant insert, update, delete, truncate, references, trigger to anon\n") !=
        std::string::npos);
  CHECK(pub.find("  grant select to public\n") != std::string::npos);
  size_t table_grants = 0;
  for (size_t at = pub.find("  grant "); at != std::string::npos; at = pub.find("  grant ", at + 1)) {
    ++table_grants;
  }
  CHECK(table_grants == 3);  // a and b: the rest of all to anon; b: select to public.
  // One table in billing: nothing to factor.
  INFO(files["billing.schema"]);
  CHECK(files["billing.schema"].find("on all tables") == std::string::npos);
  CHECK(files["billing.schema"].find("  grant select to anon\n") != std::string::npos);

  // The text compiles back to the same grants.
  std::vector<std::pair<std::string, std::string>> texts(files.begin(), files.end());
  Compiled again = CompileTexts(texts);
  REQUIRE_FALSE(again.diagnostics.HasErrors());
  for (const ir::Table& table : schema.tables) {
    INFO(table.name.ToString());
    const ir::Table& got = *again.schema.FindTable(table.name);
    REQUIRE(got.grants.size() == table.grants.size());
    for (const ir::Grant& grant : table.grants) {
      CHECK(Privileges(got, grant.role) == grant.privileges);
    }
  }
}

}  // namespace schemac
