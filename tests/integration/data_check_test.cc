// `plan` and `apply` check a plan against the rows a real database holds before anything runs
// (backends/postgres/data_check.h): each refusal (NOT NULL over NULL rows, a column added NOT
// NULL without a default, a cast the data cannot make, duplicates under a new unique constraint
// or index, rows violating a check or a foreign key, an enum value still held) stops `apply`
// with exit 1, its count and a sample key, and leaves the database exactly as it was; `plan`
// shows the same refusal in text and JSON. Steps the same plan makes valid are not flagged, and
// a check not made says why and how to force it.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "backends/json/ir_json.h"
#include "backends/postgres/connection.h"
#include "backends/postgres/introspect.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

// The structure (introspected, as IR JSON), every relation of public (an index left invalid by
// a failed build included) and every row of every table.
std::string State(const std::string& url) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  ir::Schema schema = pg::Introspect(*connection, {});
  std::string out = json::ToJsonText(schema);
  pqxx::read_transaction tx(*connection);
  out += tx.exec1(
               "select string_agg(relname || ':' || relkind::text, ',' order by relname) from "
               "pg_class "
               "where relnamespace = 'public'::regnamespace")[0]
             .c_str();
  for (const ir::Table& table : schema.tables) {
    std::string name = tx.quote_name(table.name.schema) + "." + tx.quote_name(table.name.name);
    pqxx::row row =
        tx.exec1("select string_agg(t::text, ';' order by t::text) from " + name + " t");
    out += "\n" + name + ": " + (row[0].is_null() ? "" : row[0].c_str());
  }
  return out;
}

struct Case {
  const char* name;
  const char* setup;    // SQL run on the database first.
  const char* schema;   // The .schema file.
  const char* refusal;  // The line of the refusal, after "  ": "<step>: <text>".
  int64_t rows;         // The count in the JSON (-1: unknown, null there).
  const char* sample;   // The sample key in the JSON.
  const char* flags = "";
};

// Runs `plan` (text and JSON) and `apply` on a database set up by `c.setup`, checking each
// refuses with the case's line, count and sample, and that nothing changed.
void ExpectRefusal(Engine engine, const std::string& dev_url, const Case& c) {
  INFO("case: " << c.name);
  ScratchDb db(engine);
  db.Exec(c.setup);
  TempDir dir;
  WriteFile(dir.path / "app.schema", c.schema);
  std::string args = "--db '" + db.url() + "' --schema '" + (dir.path / "app.schema").string() +
                     "' --dev-url '" + dev_url + "' " + c.flags;
  std::string before = State(db.url());

  RunResult plan = RunSchemac("plan " + args);
  INFO("plan: " << plan.out << plan.err);
  CHECK(plan.exit_code == 1);
  CHECK(plan.out.find("\nThe data refuses these steps (checked now):\n") != std::string::npos);
  CHECK(plan.out.find("\n  " + std::string(c.refusal) + "\n") != std::string::npos);
  CHECK(plan.err.find("schemac: error: the data refuses " + std::string(c.refusal) + "\n") !=
        std::string::npos);

  RunResult json = RunSchemac("plan --format json " + args);
  INFO("json: " << json.out << json.err);
  CHECK(json.exit_code == 1);
  nlohmann::json parsed = nlohmann::json::parse(json.out);
  bool found = false;
  for (const nlohmann::json& step : parsed.at("steps")) {
    if (!step.contains("data_checks")) continue;
    for (const nlohmann::json& check : step.at("data_checks")) {
      std::string line = step.at("description").get<std::string>() + ": ";
      if (!check.at("subject").get<std::string>().empty()) {
        line += check.at("subject").get<std::string>() + ": ";
      }
      if (check.at("result") != "refused" ||
          line + check.at("text").get<std::string>() != c.refusal) {
        continue;
      }
      found = true;
      if (c.rows < 0) {  // Unknown: the check itself failed on a row.
        CHECK(check.at("rows").is_null());
      } else {
        CHECK(check.at("rows") == c.rows);
      }
      CHECK(check.at("exact") == (c.rows >= 0));
      CHECK(check.at("sample") == c.sample);
    }
  }
  CHECK(found);

  RunResult apply = RunSchemac("apply --auto-approve " + args);
  INFO("apply: " << apply.out << apply.err);
  CHECK(apply.exit_code == 1);
  CHECK(apply.err.find("schemac: error: the data refuses " + std::string(c.refusal) + "\n") !=
        std::string::npos);
  CHECK(apply.err.ends_with("schemac: nothing was applied\n"));
  CHECK(State(db.url()) == before);
}

// `apply` of the schema succeeds (nothing flagged), and `plan` is empty afterwards.
void ExpectApplies(const std::string& setup, const std::string& schema) {
  INFO("schema: " << schema);
  ScratchDb db(Engine::kPostgres);
  db.Exec(setup);
  TempDir dir;
  WriteFile(dir.path / "app.schema", schema);
  std::string args = "--db '" + db.url() + "' --schema '" + (dir.path / "app.schema").string() +
                     "' --dev-url '" + EngineUrl(Engine::kPostgres) + "'";
  RunResult plan = RunSchemac("plan " + args);
  INFO("plan: " << plan.out << plan.err);
  CHECK(plan.exit_code == 0);
  CHECK(plan.out.find("The data refuses") == std::string::npos);
  CHECK(plan.out.find("Data checks not made") == std::string::npos);
  RunResult apply = RunSchemac("apply --auto-approve " + args);
  INFO("apply: " << apply.out << apply.err);
  CHECK(apply.exit_code == 0);
  RunResult after = RunSchemac("plan --exit-code " + args);
  CHECK(after.exit_code == 0);
}

}  // namespace

TEST_CASE("data checks: each refusal stops plan and apply before any change", "[pg][data-check]") {
  const Case cases[] = {
      {"not null over NULL rows",
       "create table t (id int primary key, email text);"
       "insert into t values (1, 'a'), (2, null), (3, null)",
       "table t {\n  id int primary key\n  email text\n}\n",
       "set not null on public.t.email: 2 rows hold NULL (for example id=2)", 2, "id=2"},
      {"a NOT NULL column added without a default",
       "create table t (id int primary key); insert into t values (1), (2)",
       "table t {\n  id int primary key\n  note text\n}\n",
       "add column public.t.note (text): 2 rows exist, where the new column would hold NULL (it "
       "has no default) (for example id=1)",
       2, "id=1"},
      {"a cast the data cannot make (not DATA_LOSS: it fails instead)",
       "create table t (id int primary key, n bigint not null);"
       "insert into t values (1, 1), (2, 3000000000), (3, 4000000000)",
       "table t {\n  id int primary key\n  n integer\n}\n",
       "change type of public.t.n from bigint to integer: 2 rows cannot be converted (for example "
       "id=2): integer out of range",
       2, "id=2"},
      {"a unique constraint over duplicates (NULLs distinct)",
       "create table t (id int primary key, email text);"
       "insert into t values (1, 'a'), (2, 'a'), (3, 'b'), (4, null), (5, null)",
       "table t {\n  id int primary key\n  email text? unique\n}\n",
       "add unique constraint t_email_key on public.t: 1 value occurs in more than one row (for "
       "example "
       "id=1 and id=2)",
       1, "id=1 and id=2"},
      {"a unique constraint checked while another column turns into an enum the plan creates",
       "create table t (id int primary key, a text, m text);"
       "insert into t values (1, 'x', 'calm'), (2, 'x', 'calm')",
       "enum mood ('calm')\ntable t {\n  id int primary key\n  a text? unique\n  m mood?\n}\n",
       "add unique constraint t_a_key on public.t: 1 value occurs in more than one row (for "
       "example id=1 and id=2)",
       1, "id=1 and id=2"},
      {"a partial unique index on an expression over duplicates",
       "create table t (id int primary key, email text, active boolean);"
       "insert into t values (1, 'A@x', true), (2, 'a@x', true), (3, 'a@x', false), "
       "(4, null, true), (5, null, true)",
       "table t {\n  id int primary key\n  email text?\n  active boolean\n"
       "  index t_email_active unique ((lower(email))) where (active)\n}\n",
       "create index t_email_active on public.t: 1 value occurs in more than one row (for "
       "example id=1 and id=2)",
       1, "id=1 and id=2"},
      {"a unique index over duplicates, on a renamed table and column, without a primary key",
       "create table old_t (a int, b int); insert into old_t values (1, 1), (1, 1), (1, 2)",
       "table t renamed from old_t {\n  x int renamed from a\n  b int\n  index t_x_b unique (x, "
       "b)\n}\n",
       "create index t_x_b on public.t: 1 value occurs in more than one row (for example ctid "
       "(0,1) and ctid (0,2))",
       1, "ctid (0,1) and ctid (0,2)"},
      {"a check that rows violate, after a type change in the same plan",
       "create table t (id int primary key, score text);"
       "insert into t values (1, '5'), (2, '-1'), (3, null)",
       "table t {\n  id int primary key\n  score int? check (score >= 0)\n}\n",
       "validate check t_score_check on public.t: 1 row violates it (for example id=2)", 1, "id=2",
       "--allow-destructive"},
      {"a deferrable foreign key that rows violate",
       "create table p (id int primary key); create table c (id int primary key, p_id int);"
       "insert into p values (1); insert into c values (1, 1), (2, 7), (3, null)",
       "table p {\n  id int primary key\n}\n"
       "table c {\n  id int primary key\n  p_id int? references p(id) deferrable initially "
       "deferred\n}\n",
       "validate foreign key c_p_id_fkey on public.c: 1 row references no row of public.p (for "
       "example id=2)",
       1, "id=2"},
      {"a primary key over NULLs",
       "create table t (id int, v text); insert into t values (1, 'a'), (null, 'b')",
       "table t {\n  id int\n  v text?\n  primary key (id)\n}\n",
       "add primary key t_pkey on public.t: 1 row holds NULL in the key (for example ctid (0,2))",
       1, "ctid (0,2)"},
      {"an enum value still held, the enum recreated",
       "create type mood as enum ('calm', 'busy', 'sad');"
       "create table t (id int primary key, m mood not null default 'calm');"
       "insert into t values (1, 'calm'), (2, 'busy'), (3, 'sad')",
       "enum mood ('calm', 'busy')\ntable t {\n  id int primary key\n  m mood default 'calm'\n}\n",
       "recreate enum public.mood with new values: column public.t.m: 1 row holds a value that "
       "enum public.mood "
       "no longer has (for example id=3)",
       1, "id=3", "--allow-enum-recreate"},
  };
  for (const Case& c : cases) ExpectRefusal(Engine::kPostgres, EngineUrl(Engine::kPostgres), c);
}

TEST_CASE(
    "data checks: steps the same plan makes valid, and NOT VALID constraints, are not flagged",
    "[pg][data-check]") {
  const std::string rows =
      "create table t (id int primary key, v int); insert into t values (1, null), (2, -5)";
  // A NOT NULL column added with a default: every row gets it.
  ExpectApplies(rows, "table t {\n  id int primary key\n  v int?\n  note text default 'x'\n}\n");
  // A column added with its check: the rows hold NULL there, which a check admits.
  ExpectApplies(rows, "table t {\n  id int primary key\n  v int?\n  w int? check (w > 0)\n}\n");
  // A column added with a default and a unique index... over one row per value of id.
  ExpectApplies(rows,
                "table t {\n  id int primary key\n  v int?\n  k int default 1\n"
                "  index t_k_id unique (k, id)\n}\n");
  // A check the rows violate, declared NOT VALID: not checked, by design.
  ExpectApplies(
      rows, "table t {\n  id int primary key\n  v int?\n  check t_v_check (v > 0) not valid\n}\n");
  // A foreign key to a table the plan creates, on NULL rows only.
  ExpectApplies("create table c (id int primary key, p_id int); insert into c values (1, null)",
                "table p {\n  id int primary key\n}\n"
                "table c {\n  id int primary key\n  p_id int? references p(id)\n}\n");
}

TEST_CASE("data checks: a table over the size limit is skipped, said, and forced by the flag",
          "[pg][data-check]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(
      "create table t (id int primary key, email text);"
      "insert into t values (1, 'a'), (2, null)");
  TempDir dir;
  WriteFile(dir.path / "app.schema", "table t {\n  id int primary key\n  email text\n}\n");
  std::string args = "--db '" + db.url() + "' --schema '" + (dir.path / "app.schema").string() +
                     "' --dev-url '" + EngineUrl(Engine::kPostgres) + "'";
  std::string before = State(db.url());
  const std::string step = "set not null on public.t.email";

  RunResult skipped = RunSchemac("plan --check-data-max-size 1kB " + args);
  INFO(skipped.out << skipped.err);
  CHECK(skipped.exit_code == 0);
  // The size is pg_table_size's (a page of heap, and what TOAST and the free space map take).
  CHECK(skipped.out.find("Data checks not made:\n  " + step + ": not checked: public.t holds ") !=
        std::string::npos);
  CHECK(skipped.out.find("kB, more than --check-data=auto reads (1kB; --check-data-max-size); "
                         "pass --check-data=always to check it\n") != std::string::npos);
  RunResult json = RunSchemac("plan --format json --check-data-max-size 1kB " + args);
  CHECK(json.exit_code == 0);
  nlohmann::json check = nlohmann::json::parse(json.out)["steps"][0]["data_checks"][0];
  CHECK(check["result"] == "skipped");
  CHECK(check["rows"].is_null());

  RunResult never = RunSchemac("plan --check-data=never " + args);
  CHECK(never.exit_code == 0);
  CHECK(never.out.find("  " + step + ": not checked: --check-data=never\n") != std::string::npos);

  RunResult forced =
      RunSchemac("apply --auto-approve --check-data=always --check-data-max-size 1kB " + args);
  CHECK(forced.exit_code == 1);
  CHECK(forced.err.find("schemac: error: the data refuses " + step +
                        ": 1 row holds NULL (for example id=2)\n") != std::string::npos);
  CHECK(State(db.url()) == before);

  RunResult bad = RunSchemac("plan --check-data=sometimes " + args);
  CHECK(bad.exit_code == 2);
}

TEST_CASE("data checks: a check expression that fails on a row is itself the refusal",
          "[pg][data-check]") {
  ExpectRefusal(Engine::kPostgres, EngineUrl(Engine::kPostgres),
                {"a check whose expression fails",
                 "create table t (id int primary key, code text);"
                 "insert into t values (1, '12'), (2, 'x')",
                 "table t {\n  id int primary key\n  code text check (code::integer > 0)\n}\n",
                 "validate check t_code_check on public.t: it fails on some row itself: "
                 "invalid input syntax for type integer: \"x\"",
                 -1, ""});
}

TEST_CASE("data checks: vector(3) to vector(4) over rows is refused on PGlite",
          "[pglite][data-check]") {
  ExpectRefusal(
      Engine::kPglite, PgliteDevUrl(),
      {"a vector of other dimensions",
       "create extension if not exists vector;"
       "create table docs (id bigint primary key, embedding vector(3));"
       "insert into docs values (1, '[1,2,3]'), (2, null), (3, '[4,5,6]')",
       "extension vector\ntable docs {\n  id bigint primary key\n  embedding vector(4)?\n}\n",
       "change type of public.docs.embedding from public.vector(3) to public.vector(4): 2 rows "
       "cannot be converted (for example id=1): expected 4 dimensions, not 3",
       2, "id=1"});
}

}  // namespace schemac::testing

namespace schemac::testing {

// PostgreSQL 18: a NOT NULL constraint added NOT VALID is checked when the schema validates it,
// and not while the schema keeps it NOT VALID.
TEST_CASE("data checks: a NOT VALID NOT NULL constraint validated over NULLs is refused",
          "[pg][data-check]") {
  if (ExpectedServerMajor() < 18) return;  // NOT NULL ... NOT VALID is new in 18.
  const char* setup =
      "create table t (id int primary key, v int); insert into t values (1, 5), (2, null);"
      "alter table t add constraint t_v_not_null not null v not valid";
  ExpectApplies(setup, "table t {\n  id int primary key\n  v int\n  not null (v) not valid\n}\n");
  ExpectRefusal(
      Engine::kPostgres, EngineUrl(Engine::kPostgres),
      {"a NOT VALID NOT NULL validated", setup, "table t {\n  id int primary key\n  v int\n}\n",
       "alter the not null constraint of public.t.v: 1 row holds NULL (for example id=2)", 1,
       "id=2"});
}

}  // namespace schemac::testing
