// apply as a library (backends/postgres/apply.h) on a real PostgreSQL, without the CLI: the
// apply lock held by another session is waited for, then refused naming the holder; a migration
// that reaches its target is verified clean; one that falls short returns what still differs.

#include "backends/postgres/apply.h"

#include <catch2/catch.hpp>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "backends/postgres/connection.h"
#include "backends/postgres/emit.h"
#include "backends/postgres/introspect.h"
#include "compiler/diff.h"
#include "compiler/error.h"
#include "tests/integration/pg_test_util.h"

namespace schemac::testing {

namespace {

using Catch::Matchers::Contains;

// The schema a database reads as after `sql` ran on a fresh one.
ir::Schema SchemaOf(const std::string& sql) {
  ScratchDb db(Engine::kPostgres);
  db.Exec(sql);
  std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
  return pg::Introspect(*connection, {});
}

ir::Schema SchemaAt(const std::string& url) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  return pg::Introspect(*connection, {});
}

// The migration from what `url` holds now to `to`, as apply runs it.
std::string MigrationTo(const std::string& url, const ir::Schema& to) {
  return pg::EmitSql(Diff(SchemaAt(url), to, {}, {true}), to, {});
}

bool TableExists(const std::string& url, const std::string& table) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  return !pqxx::nontransaction(*connection)
              .exec1("select to_regclass('" + table + "')")[0]
              .is_null();
}

const char kNotes[] = "create table notes (id int primary key, body text not null)";
const char kTags[] = "create table tags (id int primary key, name text not null unique)";

TEST_CASE("apply library: the apply lock held elsewhere is refused, naming the holder",
          "[pg][apply]") {
  ScratchDb db(Engine::kPostgres);
  ir::Schema target = SchemaOf(kNotes);
  std::string sql = MigrationTo(db.url(), target);
  // Another session holds the apply lock (as another apply would) until the end of the test.
  std::unique_ptr<pqxx::connection> holder = pg::Connect(db.url());
  pqxx::nontransaction(*holder).exec("select pg_advisory_lock(" + std::to_string(pg::kApplyLock) +
                                     ")");
  std::string held_by = "pid " + std::to_string(holder->backendpid()) + " (user ";

  std::vector<std::string> notices;
  pg::ApplyRequest request{.url = db.url(), .sql = sql, .target = &target};
  request.timeouts.lock_ms = 300;
  request.on_lock_wait = [&](const std::string& holder_text) { notices.push_back(holder_text); };
  REQUIRE_THROWS_AS(pg::Apply(request), UserError);
  try {
    pg::Apply(request);
  } catch (const UserError& e) {
    CHECK_THAT(e.what(), Contains("another apply holds the apply lock on ") &&
                             Contains(": " + held_by) &&
                             Contains("gave up after 300ms (the lock timeout; --lock-timeout "
                                      "changes it); nothing was applied"));
  }
  // Told once per wait (two calls above), with the holder.
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].starts_with(held_by));
  CHECK_FALSE(TableExists(db.url(), "public.notes"));

  // Once the holder lets go, the same request applies.
  pqxx::nontransaction(*holder).exec("select pg_advisory_unlock_all()");
  notices.clear();
  pg::ApplyResult result = pg::Apply(request);
  CHECK(result.verified());
  CHECK(notices.empty());
  CHECK(TableExists(db.url(), "public.notes"));
}

TEST_CASE("apply library: a migration that reaches its target is verified clean", "[pg][apply]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(kNotes);
  ir::Schema target = SchemaOf(std::string(kNotes) + "; " + kTags +
                               "; alter table notes add column tag int references tags (id)");
  pg::ApplyRequest request{
      .url = db.url(), .sql = MigrationTo(db.url(), target), .target = &target};
  pg::ApplyResult result = pg::Apply(request);
  CHECK(result.verified());
  CHECK(result.left.steps.empty());
  CHECK(result.left.errors.empty());
  // What the check read is what is there: a second read diffs clean as well.
  CHECK(Diff(SchemaAt(db.url()), target, {}, {true}).steps.empty());
  // The apply lock went with the session.
  std::unique_ptr<pqxx::connection> other = pg::Connect(db.url());
  CHECK(pqxx::nontransaction(*other)
            .exec1("select pg_try_advisory_lock(" + std::to_string(pg::kApplyLock) + ")")[0]
            .as<bool>());
}

TEST_CASE("apply library: a migration that leaves a difference returns it", "[pg][apply]") {
  ScratchDb db(Engine::kPostgres);
  // The migration creates notes only; the target also has tags.
  std::string sql = MigrationTo(db.url(), SchemaOf(kNotes));
  ir::Schema target = SchemaOf(std::string(kNotes) + "; " + kTags);
  pg::ApplyRequest request{.url = db.url(), .sql = sql, .target = &target};
  pg::ApplyResult result = pg::Apply(request);
  CHECK(TableExists(db.url(), "public.notes"));  // the migration ran
  CHECK_FALSE(result.verified());
  REQUIRE_FALSE(result.left.steps.empty());
  std::string left;
  for (const plan::Step& step : result.left.steps) left += step.Describe() + "\n";
  INFO(left);
  CHECK_THAT(left, Contains("tags"));
  CHECK_THAT(left, !Contains("notes"));
}

}  // namespace

}  // namespace schemac::testing
