// Privileges on a declared schema (`grant usage on schema api to anon`): applied exactly,
// read back, pulled, and a privilege granted behind the schema's back is drift that apply
// revokes (docs/dsl.md, "grant on schema"). A pulled schema keeps its API schema reachable.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

constexpr const char* kApi = R"(target supabase
schema api
grant usage on schema api to anon, authenticated
grant all on schema api to service_role

table api.notes {
  id   bigint primary key identity always
  body text

  grant select to anon
}
)";

// has_schema_privilege of `role` on api, for USAGE and CREATE: "usage,create", "usage", "".
std::string Privileges(ScratchDb& db, const std::string& role) {
  pqxx::connection connection{db.url()};
  pqxx::work w{connection};
  return w.exec("select concat_ws(',', case when has_schema_privilege(" + w.quote(role) +
                ", 'api', 'USAGE') then 'usage' end, case when has_schema_privilege(" +
                w.quote(role) + ", 'api', 'CREATE') then 'create' end)")[0][0]
      .as<std::string>();
}

}  // namespace

TEST_CASE("grants on a declared schema are applied exactly, read back and pulled",
          "[pg][privileges][supabase]") {
  ScratchDb db(Engine::kPostgres);
  SqlFile supabase;
  supabase.needs = {"supabase"};
  db.LoadNeeds(supabase, true);
  TempDir dir;
  std::ofstream(dir.path / "api.schema") << kApi;
  std::string args = "--db '" + db.url() + "' --schema " + dir.path.string() + " --dev-url '" +
                     EngineUrl(Engine::kPostgres) + "'";

  RunResult applied = RunSchemac("apply --auto-approve " + args);
  INFO("apply stdout: " << applied.out << "\napply stderr: " << applied.err);
  REQUIRE(applied.exit_code == 0);
  CHECK(applied.out.find("grant on schema api to anon") != std::string::npos);
  CHECK(Privileges(db, "anon") == "usage");
  CHECK(Privileges(db, "authenticated") == "usage");
  CHECK(Privileges(db, "service_role") == "usage,create");

  RunResult plan = RunSchemac("plan --exit-code " + args);
  INFO("plan stdout: " << plan.out << "\nplan stderr: " << plan.err);
  CHECK(plan.exit_code == 0);
  CHECK(plan.out == "No changes: the database matches the schema.\n");

  // A grant made behind the schema's back is drift; apply takes it back.
  db.Exec("grant create on schema api to anon");
  RunResult drift = RunSchemac("plan --exit-code " + args);
  INFO("drift stdout: " << drift.out);
  CHECK(drift.exit_code == 2);
  CHECK(drift.out.find("revoke on schema api from anon") != std::string::npos);
  REQUIRE(RunSchemac("apply --auto-approve " + args).exit_code == 0);
  CHECK(Privileges(db, "anon") == "usage");

  // pull writes the grants after the schema, so a database built from it is reachable too.
  TempDir pulled;
  RunResult pull = RunSchemac("pull --db '" + db.url() + "' --out " + pulled.path.string());
  INFO("pull stderr: " << pull.err);
  REQUIRE(pull.exit_code == 0);
  std::string text = ReadFile(pulled.path / "api.schema");
  CHECK(text.find("schema api\n\ngrant usage on schema api to anon, authenticated\n"
                  "grant usage, create on schema api to service_role\n") != std::string::npos);
  RunResult again = RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " +
                               pulled.path.string() + " --dev-url '" +
                               EngineUrl(Engine::kPostgres) + "'");
  INFO("plan of the pulled schema: " << again.out << again.err);
  CHECK(again.exit_code == 0);
}

TEST_CASE("grants on public or a platform schema are refused with their place", "[cli]") {
  TempDir dir;
  std::ofstream(dir.path / "a.schema") << "target supabase\ngrant usage on schema public to anon\n"
                                          "grant usage on schema auth to anon\n"
                                          "schema api\ngrant select on schema api to anon\n"
                                          "grant usage on all tables in schema api to anon\n";
  RunResult check = RunSchemac("check " + (dir.path / "a.schema").string());
  INFO(check.err);
  CHECK(check.exit_code == 1);
  CHECK(check.err.find("a.schema:2:23: error: the privileges on schema 'public' are not managed") !=
        std::string::npos);
  CHECK(check.err.find("a.schema:3:23: error: the privileges on schema 'auth' are not managed") !=
        std::string::npos);
  CHECK(check.err.find("a.schema:5:7: error: 'select' is not a privilege on a schema") !=
        std::string::npos);
  CHECK(check.err.find("a.schema:6:7: error: 'usage' is a privilege on a schema, not on its "
                       "tables") != std::string::npos);
}

}  // namespace schemac::testing
