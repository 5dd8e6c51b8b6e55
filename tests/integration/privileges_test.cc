// Table privileges on databases set up like Supabase's two privilege modes: classic default
// privileges (every new table in public fully granted to the API roles) and deny by default (no
// grants at all). apply converges on both, and the API roles reach exactly what the schema grants
// and its policies admit, switched to as PostgREST does (docs/dsl.md, "Privileges").

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
#include "backends/postgres/runner.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

enum class Mode { kClassic, kDenyByDefault };

// A table the anon role reads through a policy, next to agents.schema (which grants anon
// nothing).
constexpr const char* kFeed = R"(/// Posts anyone may read once published.
table feed_posts {
  id        bigint primary key identity always
  body      text
  published boolean default false

  rls
  grant select to anon
  grant all to service_role
  policy "anyone reads published posts" for select to anon using (published)
}
)";

constexpr const char* kUser1 = "11111111-1111-1111-1111-111111111111";
constexpr const char* kUser2 = "22222222-2222-2222-2222-222222222222";

// The Supabase-like environment (roles, auth, realtime publication), then the privilege mode
// stated here rather than taken from the environment's SQL: default privileges are the
// database's own (pg_default_acl), for tables the connecting role creates in public.
void SetUp(ScratchDb& db, Mode mode) {
  SqlFile supabase;
  supabase.needs = {"supabase"};
  db.LoadNeeds(supabase, true);
  std::string api = "anon, authenticated, service_role";
  std::string sql = "grant usage on schema public to " + api + ";\n";
  if (mode == Mode::kClassic) {
    sql += "alter default privileges in schema public grant all on tables to " + api + ";\n";
  } else {
    sql += "alter default privileges in schema public revoke all on tables from " + api + ";\n";
    sql += "alter default privileges revoke all on tables from " + api + ";\n";
  }
  db.Exec(sql);
}

// Default privileges for public outlive Reset on PGlite's single database unless removed.
void ClearDefaults(ScratchDb& db) {
  db.Exec("alter default privileges in schema public revoke all on tables from anon, "
          "authenticated, service_role");
}

// Runs `query` as PostgREST would for `role` with `sub`: claims set, role switched, in one
// transaction. Returns the first value, "permission denied", or the error's message.
std::string AsRole(const std::string& url, const std::string& role, const std::string& sub,
                   const std::string& query) {
  pqxx::connection connection{url};
  pqxx::work w{connection};
  std::string claims = R"({"sub":")" + sub + R"(","role":")" + role +
                       R"(","aal":"aal1","is_anonymous":false,"email":"","app_metadata":{},)"
                       R"("user_metadata":{}})";
  w.exec("select set_config('request.jwt.claims', " + w.quote(claims) + ", true)");
  w.exec("set local role " + role);
  try {
    return w.exec(query)[0][0].as<std::string>();
  } catch (const pqxx::sql_error& e) {
    std::string message = e.what();
    // libpqxx 6.4 leaves sqlstate() empty here: the message tells.
    if (message.find("permission denied for table") != std::string::npos) return "permission denied";
    return "error: " + message;
  }
}

void Seed(ScratchDb& db) {
  db.Exec(std::string("insert into auth.users (id) values ('") + kUser1 + "'), ('" + kUser2 +
          "');\n"
          "insert into agent_instances (owner_id, name, agent_type) values ('" +
          kUser1 + "', 'a', 'coder'), ('" + kUser2 + "', 'b', 'coder'), ('" + kUser2 +
          "', 'c', 'planner');\n"
          "insert into feed_posts (body, published) values ('draft', false), ('hello', true);\n");
}

void CheckConverges(Engine engine, Mode mode) {
  ScratchDb db(engine);
  SetUp(db, mode);
  TempDir dir;
  std::filesystem::copy_file(SourceDir() / "schemas/agents.schema", dir.path / "agents.schema");
  std::ofstream(dir.path / "feed.schema") << kFeed;
  std::string args = "--db '" + db.url() + "' --schema " + dir.path.string() + " --dev-url '" +
                     EngineUrl(Engine::kPostgres) + "'";

  RunResult applied = RunSchemac("apply --auto-approve " + args);
  INFO("apply stdout: " << applied.out << "\napply stderr: " << applied.err);
  CHECK(applied.exit_code == 0);
  RunResult plan = RunSchemac("plan --exit-code " + args);
  INFO("plan stdout: " << plan.out << "\nplan stderr: " << plan.err);
  CHECK(plan.exit_code == 0);
  CHECK(plan.out == "No changes: the database matches the schema.\n");
  RunResult again = RunSchemac("apply --auto-approve " + args);
  INFO("second apply stderr: " << again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.out == "No changes: the database matches the schema.\n");

  Seed(db);
  // anon: the rows its policy admits, and nothing of the tables it has no grant on.
  CHECK(AsRole(db.url(), "anon", "", "select string_agg(body, ',') from feed_posts") == "hello");
  CHECK(AsRole(db.url(), "anon", "", "select count(*) from agent_instances") == "permission denied");
  CHECK(AsRole(db.url(), "anon", "", "select count(*) from agent_metrics") == "permission denied");
  CHECK(AsRole(db.url(), "anon", "", "insert into feed_posts (body) values ('x') returning 1") ==
        "permission denied");
  // authenticated: its own agents only.
  CHECK(AsRole(db.url(), "authenticated", kUser2,
               "select string_agg(name, ',' order by name) from agent_instances") == "b,c");
  CHECK(AsRole(db.url(), "authenticated", kUser1, "select count(*) from agent_instances") == "1");
  CHECK(AsRole(db.url(), "authenticated", kUser1, "select count(*) from feed_posts") ==
        "permission denied");
  // Nothing the schema does not declare, TRUNCATE and REFERENCES included.
  pqxx::connection connection{db.url()};
  pqxx::work w{connection};
  CHECK(w.exec("select string_agg(p, ',' order by p) from unnest(array['SELECT', 'INSERT', "
               "'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p where "
               "has_table_privilege('authenticated', 'public.agent_instances', p)")[0][0]
            .as<std::string>() == "DELETE,INSERT,SELECT,UPDATE");
  CHECK(w.exec("select has_table_privilege('anon', 'public.agent_instances', 'TRUNCATE')")[0][0]
            .as<bool>() == false);
  w.commit();
  if (mode == Mode::kClassic) ClearDefaults(db);
}

}  // namespace

TEST_CASE("apply converges with Supabase's classic default privileges", "[pg][privileges]") {
  CheckConverges(Engine::kPostgres, Mode::kClassic);
}

TEST_CASE("apply converges on a deny-by-default database", "[pg][privileges]") {
  CheckConverges(Engine::kPostgres, Mode::kDenyByDefault);
}

TEST_CASE("apply converges on PGlite in both privilege modes", "[pg][pglite][privileges]") {
  SECTION("classic") { CheckConverges(Engine::kPglite, Mode::kClassic); }
  SECTION("deny by default") { CheckConverges(Engine::kPglite, Mode::kDenyByDefault); }
}

TEST_CASE("diff --from empty SQL, run twice, converges on both privilege modes",
          "[pg][privileges][diff]") {
  RunResult up = RunSchemac("diff --dev-url '" + EngineUrl(Engine::kPostgres) +
                            "' --from empty --to " +
                            (SourceDir() / "schemas/agents.schema").string());
  INFO("stderr: " << up.err);
  REQUIRE(up.exit_code != 1);  // 2 or 0 when it prints a migration (issue 20 changes which).
  REQUIRE(up.out.find("CREATE TABLE") != std::string::npos);
  for (Mode mode : {Mode::kClassic, Mode::kDenyByDefault}) {
    INFO((mode == Mode::kClassic ? "classic" : "deny by default"));
    ScratchDb db(Engine::kPostgres);
    SetUp(db, mode);
    std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
    REQUIRE_NOTHROW(pg::RunMigration(*connection, up.out));
    REQUIRE_NOTHROW(pg::RunMigration(*connection, up.out));  // Twice: idempotent.
    RunResult again = RunSchemac("diff --dev-url '" + EngineUrl(Engine::kPostgres) + "' --from '" +
                                 db.url() + "' --to " +
                                 (SourceDir() / "schemas/agents.schema").string() +
                                 " --format text");
    INFO("stderr: " << again.err);
    CHECK(again.exit_code == 0);
    CHECK(again.out == "0 to add, 0 to change, 0 to drop\n");
    CHECK(AsRole(db.url(), "anon", "", "select count(*) from agent_executions") == "permission denied");
  }
}

}  // namespace schemac::testing
