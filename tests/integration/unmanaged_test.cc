// Nothing silent: the objects of a database that schemac does not model (rules, aggregates,
// foreign tables, event triggers, ...) are listed by pull (stderr
// and --json), plan and diff (text and JSON), never planned, and count as drift for
// `--exit-code` only with --fail-on-unmanaged. Runs on every server version tools/test.sh
// points SCHEMAC_TEST_PG_URL at.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

std::string DevUrl() { return "--dev-url '" + EngineUrl(Engine::kPostgres) + "'"; }

// One object of each kind the issue names, made by the project, in a database whose modeled
// objects are exactly what kSchema declares. The event trigger is database-wide: its name is
// unique to the scratch database, dropped with it.
constexpr const char* kObjects =
    "create table t (id integer primary key, note text);"
    "create rule r as on insert to t do also notify t;"
    "create aggregate total(integer) (sfunc = int4pl, stype = integer);"
    "create foreign data wrapper unmanaged_test_fdw;"
    "create server unmanaged_test_server foreign data wrapper unmanaged_test_fdw;"
    "create foreign table remote (a integer) server unmanaged_test_server;"
    "create function on_ddl() returns event_trigger language plpgsql as $$ begin end $$;";

constexpr const char* kSchema = "table t {\n  id integer primary key\n  note text?\n}\n";

const std::vector<std::string> kListed = {
    "not managed by schemac: aggregate public.total(integer)\n",
    "not managed by schemac: event trigger function public.on_ddl()\n",
    "not managed by schemac: foreign table public.remote\n",
    "not managed by schemac: rule public.r on public.t\n",
};

// The scratch database's event trigger: a name of its own (several tests run at once).
std::string EventTriggerName(const ScratchDb& db) {
  std::string name = "ddl_" + db.url().substr(db.url().rfind('/') + 1);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

void RequireListed(const std::string& text, const std::string& event_trigger) {
  for (const std::string& line : kListed) REQUIRE(text.find(line) != std::string::npos);
  REQUIRE(text.find("not managed by schemac: event trigger " + event_trigger + "\n") !=
          std::string::npos);
  REQUIRE(text.find("5 objects not managed by schemac: ") != std::string::npos);
}

}  // namespace

TEST_CASE("pull, plan and diff list what schemac does not manage", "[pg][unmanaged]") {
  ScratchDb db(Engine::kPostgres);
  std::string trigger = EventTriggerName(db);
  db.Exec(std::string(kObjects) + "create event trigger " + trigger +
          " on ddl_command_start execute function on_ddl();");
  TempDir temp;
  WriteFile(temp.path / "s.schema", kSchema);
  std::string schema = (temp.path / "s.schema").string();

  RunResult pull = RunSchemac("pull --db '" + db.url() + "'");
  INFO(pull.err);
  REQUIRE(pull.exit_code == 0);
  RequireListed(pull.err, trigger);
  REQUIRE(pull.err.find("5 objects not managed by schemac: not written\n") != std::string::npos);
  // The rule, the aggregate, ...: none is written as DSL.
  REQUIRE(pull.out.find("total") == std::string::npos);

  RunResult json = RunSchemac("pull --json --db '" + db.url() + "'");
  REQUIRE(json.exit_code == 0);
  nlohmann::json ir = nlohmann::json::parse(json.out);
  REQUIRE(ir["unmanaged"].size() == 5);
  REQUIRE(ir["unmanaged"][0] == nlohmann::json{{"kind", "aggregate"}, {"name", "public.total(integer)"}});

  std::string args = "--db '" + db.url() + "' --schema " + schema + " " + DevUrl();
  RunResult plan = RunSchemac("plan --exit-code " + args);
  INFO(plan.out << plan.err);
  // Nothing to change: the unmanaged objects are listed, not planned, and are no drift ...
  REQUIRE(plan.exit_code == 0);
  REQUIRE(plan.out.starts_with("No changes: the database matches the schema.\n"));
  RequireListed(plan.out, trigger);
  // ... unless asked.
  REQUIRE(RunSchemac("plan --exit-code --fail-on-unmanaged " + args).exit_code == 2);
  REQUIRE(RunSchemac("plan --fail-on-unmanaged " + args).exit_code == 2);  // needs --exit-code

  RunResult plan_json = RunSchemac("plan --format json " + args);
  REQUIRE(plan_json.exit_code == 0);
  nlohmann::json plan_doc = nlohmann::json::parse(plan_json.out);
  REQUIRE(plan_doc["steps"].empty());
  REQUIRE(plan_doc["unmanaged"].size() == 5);

  std::string diff_args = "--from '" + db.url() + "' --to " + schema + " " + DevUrl();
  RunResult diff = RunSchemac("diff --format text --exit-code " + diff_args);
  REQUIRE(diff.exit_code == 0);
  RequireListed(diff.out, trigger);
  RunResult diff_sql = RunSchemac("diff " + diff_args);
  REQUIRE(diff_sql.exit_code == 0);
  REQUIRE(diff_sql.out.find("not managed") == std::string::npos);  // the SQL stays SQL
  RequireListed(diff_sql.err, trigger);
  REQUIRE(RunSchemac("diff --exit-code --fail-on-unmanaged " + diff_args).exit_code == 2);
  nlohmann::json diff_doc =
      nlohmann::json::parse(RunSchemac("diff --format json " + diff_args).out);
  REQUIRE(diff_doc["unmanaged"].size() == 5);
  db.Exec("drop event trigger " + trigger);
}

TEST_CASE("objects of extensions and of modeled kinds are not listed as unmanaged",
          "[pg][unmanaged]") {
  ScratchDb db(Engine::kPostgres);
  // A serial's and an identity's sequences are their columns'; a view's _RETURN rule is the
  // view; an enum, a domain, a composite type and a sequence are modeled; citext's domain-free
  // objects are the extension's.
  db.Exec("create extension if not exists citext; create extension if not exists pg_trgm;"
          "create type mood as enum ('ok');"
          "create domain positive as integer check (value > 0);"
          "create type pair as (a integer, b positive); create sequence tickets;"
          "create table t (id serial primary key, n bigint generated always as identity, m mood);"
          "create view v as select id from t;");
  RunResult pull = RunSchemac("pull --json --db '" + db.url() + "'");
  INFO(pull.err);
  REQUIRE(pull.exit_code == 0);
  REQUIRE(pull.err.find("not managed by schemac") == std::string::npos);
  REQUIRE(!nlohmann::json::parse(pull.out).contains("unmanaged"));
}

}  // namespace schemac::testing
