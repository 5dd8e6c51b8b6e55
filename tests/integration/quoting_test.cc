// String literals against a database whose standard_conforming_strings is off: a comment, an
// enum value, a default or a policy holding backslashes and quotes stays what the schema says,
// whether schemac applies the migration or psql or a plain connection runs the file.

#include <catch2/catch.hpp>
#include <fstream>
#include <pqxx/pqxx>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

// Each holds `\'`: with the setting off, a plain '...' literal would end after it and run the
// rest as SQL.
constexpr const char* kTableComment = "x\\'; drop table victim; --";
constexpr const char* kColumnComment = "c\\'; drop table victim; --";
constexpr const char* kEnumComment = "e\\'; drop table victim; --";
constexpr const char* kPolicy = "p\\'; drop table victim; --";

// One `'` in each of the DSL's strings below is doubled; `\` is a plain character there.
constexpr const char* kSchema = R"(table victim {
  id int?
}

/// e\'; drop table victim; --
enum mood ('ok', 'x\', 'y\''; drop table victim; --')

/// x\'; drop table victim; --
table notes {
  id int primary key
  /// c\'; drop table victim; --
  body text default 'b\'
  mood mood default 'x\'
  rls
  policy "p\'; drop table victim; --" for select using (body <> 'u\')
}
)";

// A scratch database whose sessions start with standard_conforming_strings off, holding the
// victim table with one row.
void PrepareVictim(ScratchDb& db) {
  {
    pqxx::connection connection{db.url()};
    pqxx::nontransaction tx{connection};
    tx.exec("ALTER DATABASE " + tx.quote_name(connection.dbname()) +
            " SET standard_conforming_strings = off");
  }
  pqxx::connection connection{db.url()};
  pqxx::nontransaction tx{connection};
  REQUIRE(tx.exec1("SHOW standard_conforming_strings")[0].as<std::string>() == "off");
  tx.exec("CREATE TABLE victim (id int); INSERT INTO victim VALUES (1)");
}

std::string One(pqxx::nontransaction& tx, const std::string& query) {
  pqxx::row row = tx.exec1(query);
  return row[0].is_null() ? "<null>" : row[0].as<std::string>();
}

// The victim is there with its row, and every text reads back as the schema wrote it.
void RequireIntact(const std::string& url) {
  pqxx::connection connection{url};
  pqxx::nontransaction tx{connection};
  REQUIRE(One(tx, "SELECT to_regclass('public.victim')::text") == "victim");
  REQUIRE(One(tx, "SELECT count(*) FROM victim") == "1");
  CHECK(One(tx, "SELECT obj_description('public.notes'::regclass, 'pg_class')") == kTableComment);
  CHECK(One(tx, "SELECT col_description('public.notes'::regclass, 2)") == kColumnComment);
  CHECK(One(tx, "SELECT obj_description('public.mood'::regtype, 'pg_type')") == kEnumComment);
  CHECK(One(tx,
            "SELECT string_agg(enumlabel, ' | ' ORDER BY enumsortorder) FROM pg_enum "
            "WHERE enumtypid = 'public.mood'::regtype") ==
        "ok | x\\ | y\\'; drop table victim; --");
  CHECK(One(tx, "SELECT polname FROM pg_policy WHERE polrelid = 'public.notes'::regclass") ==
        kPolicy);
  tx.exec("INSERT INTO notes (id) VALUES (1)");
  CHECK(One(tx, "SELECT body || ' ' || mood FROM notes") == "b\\ x\\");
  // The policy's expression as PostgreSQL prints it with the setting on.
  tx.exec("SET standard_conforming_strings = on");
  CHECK(One(tx, "SELECT pg_get_expr(polqual, polrelid) FROM pg_policy") == "(body <> 'u\\'::text)");
  tx.exec("DELETE FROM notes");
}

}  // namespace

TEST_CASE("standard_conforming_strings off: hostile literals stay literals", "[pg][quoting]") {
  TempDir dir;
  std::ofstream(dir.path / "app.schema") << kSchema;
  std::string dev = "--dev-url '" + EngineUrl(Engine::kPostgres) + "'";
  std::string schema = (dir.path / "app.schema").string();

  SECTION("schemac apply, then plan sees nothing to do") {
    ScratchDb db(Engine::kPostgres);
    PrepareVictim(db);
    std::string args = "--db '" + db.url() + "' --schema " + schema + " " + dev;
    RunResult applied = RunSchemac("apply --auto-approve " + args);
    INFO("apply: " << applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    REQUIRE(applied.out.find("Applied") != std::string::npos);
    RequireIntact(db.url());
    // Read back with the setting off, canonical forms are the ones the dev database gives.
    RunResult plan = RunSchemac("plan --exit-code " + args);
    INFO("plan: " << plan.out << plan.err);
    CHECK(plan.exit_code == 0);
    CHECK(plan.out == "No changes: the database matches the schema.\n");
    // pull writes what the schema says, not the E'' forms PostgreSQL prints with the setting off.
    RunResult pull = RunSchemac("pull --db '" + db.url() + "'");
    INFO("pull: " << pull.out << pull.err);
    CHECK(pull.exit_code == 0);
    CHECK(pull.out.find("/// x\\'; drop table victim; --\ntable notes {") != std::string::npos);
    CHECK(pull.out.find("default ('b\\'::text)") != std::string::npos);
    CHECK(pull.out.find("using (body <> 'u\\'::text)") != std::string::npos);
    CHECK(pull.out.find("E'") == std::string::npos);
  }

  RunResult diff = RunSchemac("diff --from empty --to " + schema + " " + dev);
  INFO("diff: " << diff.err);
  REQUIRE(diff.exit_code == 0);  // Printed (changes found).
  // The file fixes the setting before anything else it runs.
  REQUIRE(diff.out.find("\nSET standard_conforming_strings = on;\n") == diff.out.find("\nSET "));
  std::ofstream(dir.path / "up.sql") << diff.out;

  SECTION("psql runs the file") {
    ScratchDb db(Engine::kPostgres);
    PrepareVictim(db);
    RunResult psql = RunShell("psql -X -q -v ON_ERROR_STOP=1 -d '" + db.url() + "' -f " +
                              (dir.path / "up.sql").string());
    INFO("psql: " << psql.out << psql.err);
    REQUIRE(psql.exit_code == 0);
    RequireIntact(db.url());
  }

  SECTION("a plain connection runs the file as one string") {
    // The server parses the whole string before it runs the file's SET: every literal must read
    // the same with the setting off.
    ScratchDb db(Engine::kPostgres);
    PrepareVictim(db);
    {
      pqxx::connection connection{db.url()};
      pqxx::nontransaction(connection).exec(diff.out);
    }
    RequireIntact(db.url());
  }
}

}  // namespace schemac::testing
