// Triggers on a real server (15, 17 or 18 with --server N), in the Supabase environment: the
// signup trigger on auth.users and an updated_at trigger, created by a migration from the IR,
// read back by introspection, applied twice without change, working at run time (a sign-up
// creates the profile row, an update moves updated_at), and removed by the down migration.
// The trigger functions are created with SQL (declaring them is the `function` part of the
// DSL). Also: Supabase's own triggers on its tables are not read, and an error in a WHEN
// condition on the dev database points at its place in the .schema file.

#include <catch2/catch.hpp>

#include <pqxx/pqxx>
#include <string>

#include "backends/json/ir_json.h"
#include "backends/postgres/build_errors.h"
#include "backends/postgres/connection.h"
#include "backends/postgres/create_sql.h"
#include "backends/postgres/emit.h"
#include "backends/postgres/introspect.h"
#include "backends/postgres/runner.h"
#include "compiler/diff.h"
#include "tests/integration/pg_test_util.h"

namespace schemac::testing {
namespace {

constexpr const char* kProjectSql = R"(
create table public.profiles (
  id uuid primary key references auth.users(id) on delete cascade,
  email text,
  updated_at timestamptz not null default now()
);
create schema private;
create function public.handle_new_user() returns trigger language plpgsql security definer
  set search_path = '' as $$
begin
  insert into public.profiles (id, email) values (new.id, new.email);
  return new;
end $$;
create function private.set_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := clock_timestamp();
  return new;
end $$;
-- The platform's own: a trigger on its table calling its own function, not the project's.
create function auth.platform_hook() returns trigger language plpgsql as $$
begin return new; end $$;
create trigger platform_hook after insert on auth.users for each row
  execute function auth.platform_hook();
)";

// The database as read, without its dependency edges: the targets below are written by hand
// (the edges are read and tested in dependencies_test.cc).
ir::Schema Read(const std::string& url) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  ir::Schema schema = pg::Introspect(*connection, {});
  schema.dependencies.clear();
  return schema;
}

void Run(const std::string& url, const std::string& sql) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  pg::RunMigration(*connection, sql);
}

std::string Query(const std::string& url, const std::string& sql) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  pqxx::work tx(*connection);
  pqxx::result rows = tx.exec(sql);
  tx.commit();
  return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].c_str();
}

// The two staples, as the dev database's introspection writes them.
std::vector<ir::Trigger> Staples() {
  ir::Trigger signup;
  signup.name = "on_auth_user_created";
  signup.table = {"auth", "users"};
  signup.timing = ir::TriggerTiming::kAfter;
  signup.on_insert = true;
  signup.level = ir::TriggerLevel::kRow;
  signup.function = {"public", "handle_new_user"};
  signup.comment = "Creates the profile row of each new user.";
  ir::Trigger touch;
  touch.name = "set_updated_at";
  touch.table = {"public", "profiles"};
  touch.timing = ir::TriggerTiming::kBefore;
  touch.on_update = true;
  touch.level = ir::TriggerLevel::kRow;
  touch.when = "old.* IS DISTINCT FROM new.*";
  touch.function = {"private", "set_updated_at"};
  touch.arguments = {"updated_at"};
  return {signup, touch};  // Sorted by table: auth.users, public.profiles.
}

std::string Up(const ir::Schema& from, const ir::Schema& to) {
  return pg::EmitSql(Diff(from, to, {}), to, {});
}

}  // namespace

TEST_CASE("triggers: the Supabase staples are created, read back, work, and go away down",
          "[pg][triggers]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(SupabaseSetupSql());
  db.Exec(kProjectSql);
  ir::Schema before = Read(db.url());
  // Supabase's own trigger on auth.users (its function in auth) is not the project's.
  CHECK(before.triggers.empty());
  ir::Schema target = before;
  target.triggers = Staples();

  std::string up = Up(before, target);
  INFO(up);
  CHECK(up.find("CREATE OR REPLACE TRIGGER on_auth_user_created AFTER INSERT ON auth.users") !=
        std::string::npos);
  REQUIRE_NOTHROW(Run(db.url(), up));
  REQUIRE_NOTHROW(Run(db.url(), up));  // Again: nothing changes, nothing fails.
  ir::Schema after = Read(db.url());
  CHECK(json::ToJsonText(after) == json::ToJsonText(target));
  CHECK(Diff(after, target, {}).steps.empty());

  // At run time: a sign-up creates the profile row; an update moves updated_at.
  db.Exec("insert into auth.users (id, email) values "
          "('00000000-0000-0000-0000-000000000001', 'a@example.com')");
  CHECK(Query(db.url(), "select email from public.profiles") == "a@example.com");
  db.Exec("update public.profiles set updated_at = '2000-01-01'");
  db.Exec("update public.profiles set email = 'b@example.com'");
  CHECK(Query(db.url(), "select updated_at > '2001-01-01' from public.profiles") == "t");

  // Disabled, then the comment changed: ALTER TABLE ... DISABLE TRIGGER, COMMENT ON TRIGGER.
  ir::Schema disabled = target;
  disabled.triggers[0].enabled = ir::TriggerEnabled::kDisabled;
  disabled.triggers[0].comment.clear();
  plan::Plan plan = Diff(after, disabled, {});
  REQUIRE(plan.steps.size() == 2);
  REQUIRE_NOTHROW(Run(db.url(), pg::EmitSql(plan, disabled, {})));
  CHECK(json::ToJsonText(Read(db.url())) == json::ToJsonText(disabled));
  db.Exec("insert into auth.users (id, email) values "
          "('00000000-0000-0000-0000-000000000002', 'c@example.com')");
  CHECK(Query(db.url(), "select count(*) from public.profiles") == "1");

  // A changed definition is replaced in place, enabled again.
  ir::Schema changed = target;
  changed.triggers[1].arguments.clear();
  changed.triggers[1].when.clear();
  REQUIRE_NOTHROW(Run(db.url(), Up(Read(db.url()), changed)));
  CHECK(json::ToJsonText(Read(db.url())) == json::ToJsonText(changed));

  // Down: the triggers go, the tables (auth.users above all) stay, the platform's trigger too.
  std::string down = Up(Read(db.url()), before);
  REQUIRE_NOTHROW(Run(db.url(), down));
  REQUIRE_NOTHROW(Run(db.url(), down));
  CHECK(json::ToJsonText(Read(db.url())) == json::ToJsonText(before));
  CHECK(Query(db.url(), "select count(*) from pg_trigger where tgname = 'platform_hook'") == "1");
}

TEST_CASE("triggers: an error in a WHEN condition points at it in the .schema file",
          "[pg][triggers][devdb-errors]") {
  ScratchDb db(Engine::kPostgres);
  std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
  ir::Schema schema;
  ir::Table table;
  table.name = {"public", "t"};
  ir::Column column;
  column.name = "a";
  column.type.name = "text";
  table.columns.push_back(column);
  table.origin = {"app.schema", 1, 1};
  schema.tables.push_back(table);
  ir::Trigger t;
  t.name = "check_a";
  t.table = table.name;
  t.timing = ir::TriggerTiming::kBefore;
  t.on_insert = true;
  t.level = ir::TriggerLevel::kRow;
  t.when = "new.a <> new.b";
  t.function = {"public", "f"};
  t.origin = {"app.schema", 4, 1};
  t.when_origin = {"app.schema", 5, 9};
  schema.triggers.push_back(t);
  schema.Reindex();
  std::string prefix =
      "create function public.f() returns trigger language plpgsql as $$ begin return new; "
      "end $$;\n";
  try {
    pg::RunCreate(*connection, prefix + pg::CreateSql(schema), prefix, schema);
    FAIL("the build did not fail");
  } catch (const BuildFailed& failed) {
    REQUIRE(failed.failures().size() == 1);
    const BuildFailure& f = failed.failures()[0];
    INFO(f.message);
    CHECK(f.message.find("b") != std::string::npos);
    CHECK(f.origin.file == "app.schema");
    CHECK(f.origin.line == 5);
    CHECK(f.origin.col == 9 + 9);  // At `new.b`, past `new.a <> `.
  }
}

}  // namespace schemac::testing
