// The compare pipeline called as a library (compiler/compare.h) on the real engine: a .schema
// directory against a live database through pg::LiveCatalogReader, built on pg::DevDatabase
// (the test server as --dev-url). The up plan applied leaves nothing to do; the down plan
// applied gives back the database as it was, rows included.

#include "compiler/compare.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <pqxx/pqxx>

#include "backends/postgres/catalog_reader.h"
#include "backends/postgres/connection.h"
#include "backends/postgres/devdb.h"
#include "backends/postgres/emit.h"
#include "backends/postgres/runner.h"
#include "compiler/error.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

std::string Steps(const plan::Plan& plan) {
  std::string out;
  for (const plan::Step& step : plan.steps) out += step.Describe() + "\n";
  for (const std::string& error : plan.errors) out += "error: " + error + "\n";
  return out;
}

}  // namespace

TEST_CASE("compare as a library: a schema and a live database converge, and down restores",
          "[pg][compare]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(
      "create table authors (id int primary key, name text not null);"
      "insert into authors values (1, 'Ada'), (2, 'Grace');");
  TempDir dir;
  std::filesystem::create_directories(dir.path / "schema");
  std::ofstream(dir.path / "schema" / "app.schema")
      << "enum post_status ('draft', 'published')\n\n"
         "table authors {\n  id int primary key\n  name text\n  bio text?\n}\n";
  std::ofstream(dir.path / "schema" / "posts.schema")
      << "table posts {\n  id bigint primary key\n"
         "  author_id int references authors(id) on delete cascade\n"
         "  status post_status default 'draft'\n  title text\n\n"
         "  index posts_author (author_id)\n}\n";
  const std::string schema = (dir.path / "schema").string();
  pg::DevDatabase dev(EngineUrl(Engine::kPostgres));
  pg::LiveCatalogReader reader;
  CompareOptions options;

  Comparison first = Compare(db.url(), schema, options, reader, dev);
  INFO("up:\n" << Steps(first.up) << "down:\n" << Steps(first.down));
  REQUIRE(first.up.errors.empty());
  CHECK(first.from.server_version / 10000 == ExpectedServerMajor());
  CHECK(first.to.server_version == 0);
  std::string up = Steps(first.up);
  CHECK(up.find("create enum public.post_status\n") != std::string::npos);
  CHECK(up.find("add column public.authors.bio (text)\n") != std::string::npos);
  CHECK(up.find("create table public.posts\n") != std::string::npos);
  CHECK(up.find("drop") == std::string::npos);
  CHECK(first.down.errors.empty());
  // Nothing the up plan does loses data: the down plan can restore everything.
  CHECK(Irreversible(first).empty());

  std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
  REQUIRE_NOTHROW(pg::RunMigration(*connection, pg::EmitSql(first.up, first.to.schema, {})));
  pqxx::nontransaction(*connection)
      .exec("insert into posts (id, author_id, title) values (10, 1, 'Notes')");

  Comparison again = Compare(db.url(), schema, options, reader, dev);
  INFO("again:\n" << Steps(again.up));
  CHECK(again.up.steps.empty());
  CHECK(again.up.errors.empty());
  CHECK(again.down.steps.empty());

  // The down plan of the first comparison drops what the up plan made (posts and its row too:
  // allowed for a down migration), and gives back the database as read then.
  pg::EmitOptions down_options;
  down_options.title = "down";
  REQUIRE_NOTHROW(
      pg::RunMigration(*connection, pg::EmitSql(first.down, first.from.schema, down_options)));
  Source restored = LoadSource(db.url(), reader, dev, {});
  plan::Plan left = Diff(first.from.schema, restored.schema, {}, {true});
  INFO("left:\n" << Steps(left));
  CHECK(left.steps.empty());
  pqxx::result names =
      pqxx::nontransaction(*connection).exec("select name from authors order by id");
  REQUIRE(names.size() == 2);
  CHECK(names[0][0].as<std::string>() == "Ada");
  CHECK(names[1][0].as<std::string>() == "Grace");
}

TEST_CASE("compare as a library: the reader masks a refused look-alike and a failed connection",
          "[pg][compare]") {
  pg::LiveCatalogReader reader;
  pg::DevDatabase dev(EngineUrl(Engine::kPostgres));
  try {
    Compare("mysql://app:hunter2@db/x", "empty", {}, reader, dev);
    FAIL("not refused");
  } catch (const UserError& e) {
    CHECK(std::string(e.what()).starts_with("mysql://app:***@db/x is neither a file nor"));
  }
  // A server that is not there: the error names it without its password.
  try {
    Compare("postgresql://app:hunter2@127.0.0.1:1/x", "empty", {}, reader, dev);
    FAIL("no error");
  } catch (const UserError& e) {
    std::string message = e.what();
    CHECK(message.find("hunter2") == std::string::npos);
    CHECK(message.find("postgresql://app:***@127.0.0.1:1/x") != std::string::npos);
  }
}

}  // namespace schemac::testing
