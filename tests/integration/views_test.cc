// Views and materialized views on real engines: built from .schema files and read back
// (options, columns, comments, grants, indexes, updatability), applied and applied again with
// nothing left to do, pulled and built again to the same text, a change of columns under views
// that use the view planned as drop and create of both (up and down, each run twice), and an
// error in a view's query shown at its line in the .schema file.

#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "backends/postgres/connection.h"
#include "backends/postgres/introspect.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

namespace {

std::string DevUrl() { return " --dev-url '" + EngineUrl(Engine::kPostgres) + "'"; }

constexpr const char* kTables = R"(extern role anon
extern role authenticated

table posts {
  id bigint primary key
  owner_id bigint
  title text
  published boolean
}
)";

constexpr const char* kViews = R"(
/// Published posts.
view published_posts with (security_invoker) as (
  select id, owner_id, title from posts where published
) {
  /// The post's title.
  column title
  grant select to anon, authenticated
}

view recent_titles as (
    select title from published_posts where id > 10
) with local check option

materialized view post_counts as (
  select owner_id, count(*) as posts from posts group by owner_id
) {
  index post_counts_owner unique (owner_id)
  grant select to authenticated
}
)";

std::string Write(const TempDir& dir, const std::string& name, const std::string& text) {
  fs::path path = dir.path / name;
  std::ofstream(path) << text;
  return path.string();
}

const ir::View* FindView(const ir::Schema& schema, const std::string& name) {
  for (const ir::View& view : schema.views) {
    if (view.name.name == name) return &view;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("views: built, read back, applied twice, pulled and built to the same text",
          "[pg][views]") {
  ScratchDb db(Engine::kPostgres);
  TempDir dir;
  std::string schema = Write(dir, "app.schema", std::string(kTables) + kViews);
  std::string args = " --db '" + db.url() + "' --schema " + schema + DevUrl();

  RunResult applied = RunSchemac("apply --auto-approve" + args);
  INFO(applied.out << applied.err);
  REQUIRE(applied.exit_code == 0);
  RunResult again = RunSchemac("plan --exit-code" + args);
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);

  std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
  ir::Schema read = pg::Introspect(*connection, {});
  REQUIRE(read.views.size() == 3);
  const ir::View* published = FindView(read, "published_posts");
  REQUIRE(published != nullptr);
  CHECK(published->security_invoker);
  CHECK(published->comment == "Published posts.");
  // PostgreSQL 16 and later leave out the table's name when the query reads one table.
  CHECK((published->query.starts_with("SELECT posts.id") ||
         published->query.starts_with("SELECT id")));
  REQUIRE(published->columns.size() == 3);
  CHECK(published->columns[0].name == "id");
  CHECK(published->columns[0].type.name == "bigint");
  CHECK(published->columns[2].comment == "The post's title.");
  CHECK(published->insertable);
  CHECK(published->updatable);
  REQUIRE(published->grants.size() == 2);
  CHECK(published->grants[0].role == "anon");
  CHECK(published->grants[0].privileges == std::vector<std::string>{"select"});
  const ir::View* recent = FindView(read, "recent_titles");
  REQUIRE(recent != nullptr);
  CHECK(recent->check_option == ir::CheckOption::kLocal);
  const ir::View* counts = FindView(read, "post_counts");
  REQUIRE(counts != nullptr);
  CHECK(counts->materialized);
  CHECK_FALSE(counts->insertable);
  REQUIRE(counts->indexes.size() == 1);
  CHECK(counts->indexes[0].name == "post_counts_owner");
  CHECK(counts->indexes[0].unique);

  // Pull, check, build the pulled schema on a fresh database, pull again: the same text.
  fs::path first = dir.path / "first";
  RunResult pull = RunSchemac("pull --db '" + db.url() + "' --out " + first.string());
  INFO(pull.err);
  REQUIRE(pull.exit_code == 0);
  std::string text = ReadFile(first / "public.schema");
  INFO(text);
  CHECK((text.find("view published_posts with (security_invoker) as (\n  SELECT posts.id,") !=
             std::string::npos ||
         text.find("view published_posts with (security_invoker) as (\n  SELECT id,") !=
             std::string::npos));
  RunResult fmt = RunSchemac("fmt --check " + first.string());
  INFO(fmt.out << fmt.err);
  CHECK(fmt.exit_code == 0);
  RunResult same = RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " +
                              first.string() + DevUrl());
  INFO(same.out << same.err);
  CHECK(same.exit_code == 0);
  ScratchDb copy(Engine::kPostgres);
  RunResult build = RunSchemac("apply --auto-approve --db '" + copy.url() + "' --schema " +
                               first.string() + DevUrl());
  INFO(build.out << build.err);
  REQUIRE(build.exit_code == 0);
  fs::path second = dir.path / "second";
  RunResult pull2 = RunSchemac("pull --db '" + copy.url() + "' --out " + second.string());
  REQUIRE(pull2.exit_code == 0);
  CHECK(ReadFile(second / "public.schema") == text);
}

TEST_CASE("views: a column change under a used view drops and creates both, up and down",
          "[pg][views]") {
  TempDir dir;
  std::string v1 = Write(dir, "v1.schema", std::string(kTables) + kViews);
  std::string changed = std::string(kViews);
  // `id` becomes an integer: a column of another type in its place.
  changed.replace(changed.find("select id, owner_id, title from posts"),
                  std::string("select id, owner_id, title from posts").size(),
                  "select id::integer as id, owner_id, title from posts");
  std::string v2 = Write(dir, "v2.schema", std::string(kTables) + changed);
  std::string from_to = " --from " + v1 + " --to " + v2 + DevUrl();
  RunResult plan = RunSchemac("diff" + from_to);
  INFO(plan.out << plan.err);
  REQUIRE(plan.exit_code == 0);
  CHECK(plan.out.find("- drop view public.recent_titles") != std::string::npos);
  CHECK(plan.out.find("- drop view public.published_posts") != std::string::npos);
  CHECK(plan.out.find("create view public.recent_titles") != std::string::npos);
  RunResult up = RunSchemac("diff --format sql" + from_to);
  RunResult down = RunSchemac("diff --format sql --down" + from_to);
  REQUIRE(up.exit_code == 0);
  REQUIRE(down.exit_code == 0);
  CHECK(up.out.find("CASCADE") == std::string::npos);

  ScratchDb db(Engine::kPostgres);
  RunResult applied = RunSchemac("apply --auto-approve --db '" + db.url() + "' --schema " + v1 +
                                 DevUrl());
  INFO(applied.out << applied.err);
  REQUIRE(applied.exit_code == 0);
  for (int run = 0; run < 2; ++run) db.Exec(up.out);
  RunResult at_v2 = RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " + v2 + DevUrl());
  INFO(at_v2.out << at_v2.err);
  CHECK(at_v2.exit_code == 0);
  for (int run = 0; run < 2; ++run) db.Exec(down.out);
  RunResult at_v1 = RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " + v1 + DevUrl());
  INFO(at_v1.out << at_v1.err);
  CHECK(at_v1.exit_code == 0);
}

TEST_CASE("views: a missing column in a view's query is reported at its .schema line",
          "[pg][views][devdb-errors]") {
  ScratchDb db(Engine::kPostgres);
  TempDir dir;
  std::string schema = Write(dir, "app.schema", std::string(kTables) +
                                                    "\nview broken as (\n"
                                                    "  select id, titel from posts\n"
                                                    ")\n");
  RunResult plan = RunSchemac("plan --db '" + db.url() + "' --schema " + schema + DevUrl());
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code == 1);
  CHECK(plan.err.find(schema + ":12:14: error: view public.broken: column \"titel\" does not "
                      "exist") != std::string::npos);
  CHECK(plan.err.find("LINE ") == std::string::npos);
}

}  // namespace schemac::testing
