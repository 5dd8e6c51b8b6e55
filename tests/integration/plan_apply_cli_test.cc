// `schemac plan` and `schemac apply` against a real database: drift detection, confirmation,
// refusal of destructive steps with the database left as it was, and the project defaults
// (schemac.json, DATABASE_URL).

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
#include "backends/postgres/introspect.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

std::string DevUrl() { return "--dev-url '" + EngineUrl(Engine::kPostgres) + "'"; }

size_t TableCount(const std::string& url) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  return pg::Introspect(*connection, {}).tables.size();
}

}  // namespace

TEST_CASE("help apply states its exit statuses, interruptions included", "[plan]") {
  RunResult help = RunSchemac("help apply");
  INFO(help.err);
  REQUIRE(help.exit_code == 0);
  CHECK(help.out.find("Exit status: 0 applied (or nothing to do), 1 refused, failed or left "
                      "differing, 2 bad usage, 130 interrupted by SIGINT (Ctrl-C), 143 by "
                      "SIGTERM.") != std::string::npos);
}

TEST_CASE("plan shows drift, apply asks, applies and leaves nothing to do", "[pg][plan]") {
  ScratchDb db(Engine::kPostgres);
  TempDir dir;
  std::ofstream(dir.path / "app.schema")
      << "table notes {\n  id bigint primary key generated always as identity\n  body text\n}\n";
  std::string args = "--db '" + db.url() + "' --schema " + (dir.path / "app.schema").string() +
                     " " + DevUrl();

  RunResult plan = RunSchemac("plan --exit-code " + args);
  INFO("plan stderr: " << plan.err);
  CHECK(plan.exit_code == 2);
  CHECK(plan.out == "public.notes\n  + create table public.notes\n1 to add, 0 to change, 0 to drop\n");
  RunResult plain = RunSchemac("plan " + args);
  CHECK(plain.exit_code == 0);  // Without --exit-code: 0, the same plan.
  CHECK(plain.out == plan.out);
  RunResult sql = RunSchemac("plan --format sql " + args);
  CHECK(sql.out.find("CREATE TABLE IF NOT EXISTS public.notes") != std::string::npos);
  RunResult json = RunSchemac("plan --format json " + args);
  CHECK(json.exit_code == 0);
  {
    INFO(json.out);
    nlohmann::json parsed = nlohmann::json::parse(json.out);  // the whole output is JSON
    REQUIRE(parsed.size() == 2);  // "steps" and "unmanaged" (none here)
    CHECK(parsed.at("unmanaged").empty());
    REQUIRE(parsed.at("steps").size() == 1);
    const nlohmann::json& step = parsed.at("steps")[0];
    CHECK(step.size() == 3);
    CHECK(step.at("description") == "create table public.notes");
    CHECK(step.at("hazards") == nlohmann::json::array());
    CHECK(step.at("sql") ==
          "CREATE TABLE IF NOT EXISTS public.notes (\n  id bigint NOT NULL GENERATED ALWAYS AS "
          "IDENTITY,\n  body text NOT NULL,\n  CONSTRAINT notes_pkey PRIMARY KEY (id)\n);\n"
          "DO $schemac$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT c.oid, a.grantee FROM "
          "pg_class c, aclexplode(c.relacl) a WHERE c.oid = ANY (ARRAY[to_regclass("
          "'public.notes')]) AND a.grantee <> c.relowner LOOP EXECUTE format('REVOKE ALL ON "
          "TABLE %s FROM %s', r.oid::regclass, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE "
          "quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END $schemac$;\n");
  }

  // Not on a terminal and not approved: nothing happens.
  RunResult unapproved = RunSchemac("apply " + args + " < /dev/null");
  CHECK(unapproved.exit_code == 1);
  CHECK(unapproved.err.find("--auto-approve") != std::string::npos);
  CHECK(TableCount(db.url()) == 0);

  RunResult dry = RunSchemac("apply --dry-run " + args);
  CHECK(dry.exit_code == 0);
  CHECK(dry.out.find("CREATE TABLE IF NOT EXISTS public.notes") != std::string::npos);
  CHECK(TableCount(db.url()) == 0);

  RunResult applied = RunSchemac("apply --auto-approve " + args);
  INFO("apply stderr: " << applied.err);
  CHECK(applied.exit_code == 0);
  CHECK(applied.out.find("Applied 1 steps.") != std::string::npos);
  RunResult clean = RunSchemac("plan --exit-code " + args);
  CHECK(clean.exit_code == 0);
  CHECK(clean.out == "No changes: the database matches the schema.\n");

  // Dropping a column loses data: refused, nothing applied, unless allowed.
  std::ofstream(dir.path / "app.schema")
      << "table notes {\n  id bigint primary key generated always as identity\n}\n";
  RunResult refused = RunSchemac("apply --auto-approve " + args);
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("refused (DATA_LOSS, pass --allow-destructive): drop column public.notes.body") !=
        std::string::npos);
  RunResult still = RunSchemac("plan --exit-code " + args);  // Still there.
  CHECK(still.exit_code == 2);
  CHECK(still.out.find("  - drop column public.notes.body  [DATA_LOSS, ACCESS_EXCLUSIVE_LOCK]\n") !=
        std::string::npos);
  RunResult allowed = RunSchemac("apply --auto-approve --allow-destructive " + args);
  INFO("apply stderr: " << allowed.err);
  CHECK(allowed.exit_code == 0);
  CHECK(allowed.out.find("Applied 1 steps.") != std::string::npos);
  RunResult done = RunSchemac("plan --exit-code " + args);
  CHECK(done.exit_code == 0);
  CHECK(done.out == "No changes: the database matches the schema.\n");
}

TEST_CASE("plan and apply --concurrent-indexes build indexes outside the transaction",
          "[pg][plan]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create table notes (id bigint primary key, body text not null);"
          "insert into notes values (1, 'a')");
  TempDir dir;
  std::ofstream(dir.path / "app.schema")
      << "table notes {\n  id bigint primary key\n  body text\n  note text?\n"
         "  index notes_body (body)\n}\n";
  std::string args = "--db '" + db.url() + "' --schema " + (dir.path / "app.schema").string() +
                     " " + DevUrl();

  // Without the flag the index blocks writes while it builds, and the plan says what helps.
  RunResult plain = RunSchemac("plan " + args);
  INFO("plan stderr: " << plain.err);
  CHECK(plain.out.find("  + create index notes_body on public.notes  [BLOCKS_WRITES]\n") !=
        std::string::npos);
  CHECK(plain.out.find("--concurrent-indexes builds them without") != std::string::npos);

  RunResult plan = RunSchemac("plan --concurrent-indexes " + args);
  CHECK(plan.exit_code == 0);
  CHECK(plan.out == "public.notes\n  + add column public.notes.note (text)\n"
                    "  + create index notes_body on public.notes  [NOT_TRANSACTIONAL]\n"
                    "2 to add, 0 to change, 0 to drop\n");
  RunResult sql = RunSchemac("plan --format sql --concurrent-indexes --lock-timeout 3s " + args);
  CHECK(sql.out.find("SET lock_timeout = '3s';\n") != std::string::npos);
  size_t commit = sql.out.find("COMMIT;\n\n-- schemac:segment no-transaction\n");
  size_t build = sql.out.find("CREATE INDEX CONCURRENTLY IF NOT EXISTS notes_body ON public.notes");
  CHECK(commit != std::string::npos);
  CHECK(build != std::string::npos);
  CHECK(commit < build);
  RunResult dry = RunSchemac("apply --dry-run --concurrent-indexes --lock-timeout 3s " + args);
  CHECK(dry.exit_code == 0);
  CHECK(dry.out.find(sql.out) != std::string::npos);  // The SQL plan showed, as apply runs it.

  RunResult applied = RunSchemac("apply --auto-approve --concurrent-indexes " + args);
  INFO("apply stderr: " << applied.err);
  CHECK(applied.exit_code == 0);
  CHECK(applied.out.find("  + create index notes_body on public.notes  [NOT_TRANSACTIONAL]\n") !=
        std::string::npos);
  CHECK(applied.out.find("--concurrent-indexes builds them") == std::string::npos);
  CHECK(applied.out.find("Applied 2 steps.") != std::string::npos);
  {
    std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
    pqxx::nontransaction tx(*connection);
    CHECK(tx.exec1("select indisvalid from pg_index where indexrelid = "
                   "'public.notes_body'::regclass")[0].as<bool>());
  }
  RunResult clean = RunSchemac("plan --exit-code " + args);
  CHECK(clean.exit_code == 0);
  CHECK(clean.out == "No changes: the database matches the schema.\n");
}

TEST_CASE("plan reads schemac.json and DATABASE_URL", "[pg][plan]") {
  ScratchDb db(Engine::kPostgres);
  TempDir dir;
  std::filesystem::create_directories(dir.path / "db");
  std::ofstream(dir.path / "db/app.schema") << "table t {\n  id int primary key\n}\n";
  std::ofstream(dir.path / "schemac.json")
      << "{\"schema\": \"db\", \"dev_url\": \"" << EngineUrl(Engine::kPostgres) << "\"}\n";
  RunResult run = RunShell("cd '" + dir.path.string() + "' && DATABASE_URL='" + db.url() +
                           "' NO_COLOR=1 " + SCHEMAC_BINARY + " plan --exit-code");
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.out.find("+ create table public.t") != std::string::npos);

  std::ofstream(dir.path / "schemac.json") << "{\"schemas\": \"db\"}\n";
  RunResult bad = RunShell("cd '" + dir.path.string() + "' && " + SCHEMAC_BINARY +
                           " plan --db '" + db.url() + "'");
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("schemac.json: unknown key \"schemas\"") != std::string::npos);

  std::ofstream(dir.path / "schemac.json") << "{\"schema\": \"db\"}\n";
  RunResult no_db = RunShell("cd '" + dir.path.string() + "' && env -u DATABASE_URL " +
                             SCHEMAC_BINARY + " plan");
  CHECK(no_db.exit_code == 1);
  CHECK(no_db.err == "schemac: error: no database: pass --db URL or set DATABASE_URL\n");
}

}  // namespace schemac::testing

namespace schemac::testing {

namespace {

std::string Labels(const std::string& url) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  pqxx::work tx(*connection);
  return tx.exec1("select string_agg(enumlabel, ',' order by enumsortorder) from pg_enum "
                  "where enumtypid = 'public.mood'::regtype")[0].c_str();
}

std::string Moods(const std::string& url) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  pqxx::work tx(*connection);
  return tx.exec1("select string_agg(m::text, ',' order by id) from t")[0].c_str();
}

}  // namespace

TEST_CASE("apply recreates an enum only when allowed, converting rows or failing loudly",
          "[pg][plan]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create type mood as enum ('calm', 'busy', 'sad');"
          "create table t (id int primary key, m mood not null default 'calm');"
          "insert into t values (1, 'calm'), (2, 'busy'), (3, 'sad')");
  TempDir dir;
  std::string file = (dir.path / "app.schema").string();
  std::string args = "--db '" + db.url() + "' --schema " + file + " " + DevUrl() + " --auto-approve";

  // 'sad' removed while a row holds it: refused without the flag, and by the data with it; the
  // database keeps its type and rows either way.
  std::ofstream(file) << "enum mood ('calm', 'busy')\n"
                         "table t {\n  id int primary key\n  m mood default 'calm'\n}\n";
  RunResult refused = RunSchemac("apply " + args);
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("enum public.mood loses value 'sad'") != std::string::npos);
  CHECK(refused.err.find("--allow-enum-recreate") != std::string::npos);
  RunResult failed = RunSchemac("apply --allow-enum-recreate " + args);
  CHECK(failed.exit_code == 1);
  // Refused by the data check before anything runs (tests/integration/data_check_test.cc).
  CHECK(failed.err.find("column public.t.m: 1 row holds a value that enum public.mood no longer "
                        "has (for example id=3)") != std::string::npos);
  CHECK(Labels(db.url()) == "calm,busy,sad");
  CHECK(Moods(db.url()) == "calm,busy,sad");

  // Reordered, 'busy' renamed by hint, 'sad' gone once no row holds it: rows follow.
  db.Exec("delete from t where id = 3");
  std::ofstream(file) << "enum mood ('hectic' renamed from 'busy', 'calm')\n"
                         "table t {\n  id int primary key\n  m mood default 'calm'\n}\n";
  RunResult applied = RunSchemac("apply --allow-enum-recreate " + args);
  INFO("stderr: " << applied.err);
  CHECK(applied.exit_code == 0);
  CHECK(Labels(db.url()) == "hectic,calm");
  CHECK(Moods(db.url()) == "calm,hectic");
  RunResult after = RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " + file + " " +
                               DevUrl());
  CHECK(after.exit_code == 0);
  CHECK(after.out == "No changes: the database matches the schema.\n");
}

TEST_CASE("apply on a terminal: the plan in colour, then a question, and only yes applies",
          "[pg][plan]") {
  ScratchDb db(Engine::kPostgres);
  TempDir dir;
  std::ofstream(dir.path / "app.schema") << "table notes {\n  id bigint primary key\n}\n";
  std::string apply = std::string(SCHEMAC_BINARY) + " apply --db '" + db.url() + "' --schema " +
                      (dir.path / "app.schema").string() + " " + DevUrl();
  // script(1) runs the command on a pseudo-terminal and feeds it the answer.
  auto on_terminal = [&](const std::string& answer, const std::string& env) {
    return RunShell("printf '" + answer + "\\n' | env -u NO_COLOR " + env + " script -qec \"" +
                    apply + "\" /dev/null");
  };

  RunResult no = on_terminal("n", "");
  INFO(no.out);
  CHECK(no.exit_code == 1);
  CHECK(no.out.find("\x1b[1mpublic.notes\x1b[0m") != std::string::npos);
  CHECK(no.out.find("\x1b[32m+\x1b[0m create table public.notes") != std::string::npos);
  CHECK(no.out.find("Apply these 1 steps to " + pg::MaskPassword(db.url()) + "? [y/N] ") !=
        std::string::npos);
  CHECK(no.out.find("not applied") != std::string::npos);
  CHECK(TableCount(db.url()) == 0);

  RunResult plain = on_terminal("", "NO_COLOR=1");  // Enter alone is no; NO_COLOR: no colour.
  CHECK(plain.exit_code == 1);
  CHECK(plain.out.find("\x1b[") == std::string::npos);
  CHECK(plain.out.find("  + create table public.notes") != std::string::npos);
  CHECK(TableCount(db.url()) == 0);

  RunResult yes = on_terminal("y", "");
  INFO(yes.out);
  CHECK(yes.exit_code == 0);
  CHECK(yes.out.find("Applied 1 steps.") != std::string::npos);
  CHECK(TableCount(db.url()) == 1);
}

TEST_CASE("diff, plan and apply compare only the schemas asked for", "[pg][plan][diff]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create schema billing; create table billing.invoices (id int primary key);"
          "create table notes (id bigint primary key)");
  TempDir dir;
  std::string schema = (dir.path / "app.schema").string();
  std::ofstream(schema) << "table notes {\n  id bigint primary key\n}\n";
  std::string db_arg = "'" + db.url() + "'";
  std::string common = " --schema " + schema + " " + DevUrl();

  // Everything: billing.invoices is not in the files, so it would be dropped (refused).
  RunResult all = RunSchemac("diff --from " + db_arg + " --to " + schema + " " + DevUrl());
  CHECK(all.exit_code == 1);
  CHECK(all.err.find("drop table billing.invoices") != std::string::npos);
  for (const char* selection : {"--schema public", "--exclude-schema billing"}) {
    INFO(selection);
    RunResult diff = RunSchemac("diff --from " + db_arg + " --to " + schema + " " + DevUrl() +
                                " " + selection);
    CHECK(diff.exit_code == 0);
    CHECK(diff.out.find("billing") == std::string::npos);
  }
  RunResult everything = RunSchemac("plan --exit-code --db " + db_arg + common);
  CHECK(everything.exit_code == 2);
  CHECK(everything.out.find("- drop table billing.invoices") != std::string::npos);
  for (const char* selection : {"--only-schema public", "--exclude-schema billing"}) {
    INFO(selection);
    RunResult plan = RunSchemac("plan --exit-code --db " + db_arg + common + " " + selection);
    CHECK(plan.exit_code == 0);
    CHECK(plan.out == "No changes: the database matches the schema.\n");
    RunResult apply = RunSchemac("apply --auto-approve --allow-destructive --db " + db_arg +
                                 common + " " + selection);
    CHECK(apply.exit_code == 0);
    CHECK(apply.out == "No changes: the database matches the schema.\n");
  }
  CHECK(TableCount(db.url()) == 2);  // billing.invoices is still there.
}

}  // namespace schemac::testing
