// Golden migrations, checked against a real PostgreSQL 15.
//
// Hand-written change cases, tests/migrations/<case>/:
//   old.schema, new.schema   the schema before and after the change
//   args                     optional: diff options for the case (e.g. --allow-destructive)
//   assertions               optional: what the migration must do, whatever the goldens say:
//                              `up has TEXT`, `up lacks TEXT`, `down has TEXT`, `down lacks TEXT`,
//                              `down raises` (the down file refuses to run: data would be lost;
//                              without this line the down file must not raise),
//                              `after down refused TEXT` (the down file cannot undo the change:
//                              after it the database still reads back as new.schema, and
//                              `diff --from <database> --to old.schema` is refused with TEXT)
//   expected/up.sql          `schemac diff --from old.schema --to new.schema [args]`
//   expected/down.sql        the same with --down
//   expected/down.lossy.sql  for a raising down: the same with --down --allow-lossy-down
// expected/ is written by --update-goldens, never by hand. Each case is then run on a fresh
// database loaded with the Supabase environment: old is built (the migration from empty), up is
// applied twice (idempotent) and reading the database back leaves nothing to do against new;
// the down file is applied (a raising one must fail and change nothing; then its lossy form
// runs) twice, and nothing is left to do against old (or, for `after down refused`, against
// new).
//
// Example schemas, schemas/<example>.schema: migrations/<example>/up.sql and down.sql are the
// migration from empty and its down file, applied the same way.
//
// Regenerate (with PostgreSQL started and SCHEMAC_TEST_* exported, as tools/test.sh does):
//   build/schemac_tests --update-goldens '[migration-golden]'

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <pqxx/pqxx>
#include <sstream>

#include "backends/postgres/connection.h"
#include "backends/postgres/runner.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

namespace fs = std::filesystem;

constexpr const char* kRegenerate =
    "build/schemac_tests --update-goldens '[migration-golden]' (PostgreSQL and two PGlite "
    "started, SCHEMAC_TEST_PG_URL, SCHEMAC_TEST_PGLITE_URL, SCHEMAC_TEST_PGLITE_DEV_URL and "
    "SCHEMAC_TEST_SUPABASE_SQL exported, as tools/test.sh does)";

// What the down file raises when it cannot restore data (backends/postgres/emit.cc).
constexpr const char* kRaiseMarker = "this migration cannot be reversed without losing data";

std::string Quote(const std::string& text) { return "'" + text + "'"; }

// schemac diff with the dev database on `engine`: PostgreSQL 15, or for schemas that need
// pgvector a second PGlite (the first holds the database under test).
RunResult Diff(const std::string& args, Engine engine = Engine::kPostgres) {
  std::string dev = engine == Engine::kPglite ? PgliteDevUrl() : EngineUrl(Engine::kPostgres);
  return RunSchemac("diff --dev-url " + Quote(dev) + " " + args);
}

std::string Describe(const std::string& what, const RunResult& run) {
  return what + ": exit " + std::to_string(run.exit_code) + "\nstderr:\n" + run.err + "stdout:\n" +
         run.out;
}

// A fresh database with the Supabase environment in the tests' privilege mode
// (SCHEMAC_TEST_SUPABASE_PRIVILEGES), and a connection to it.
struct Database {
  explicit Database(Engine engine = Engine::kPostgres) : scratch(engine) {
    scratch.Exec(SupabaseSetupSql());
    connection = pg::Connect(scratch.url());
  }
  void Apply(const std::string& what, const std::string& sql) {
    INFO("applying " << what);
    try {
      pg::RunMigration(*connection, sql);
    } catch (const std::exception& e) {
      FAIL(what << " failed: " << e.what());
    }
  }
  ScratchDb scratch;
  std::unique_ptr<pqxx::connection> connection;
};

// `diff --from <database> --to TO` must find nothing to do.
void CheckConverged(const Database& db, const std::string& to, const std::string& what) {
  RunResult again = Diff("--from " + Quote(db.scratch.url()) + " --to " + to + " --format text",
                         db.scratch.engine());
  INFO(Describe("diff --from <database> --to " + to + " after " + what, again));
  CHECK(again.exit_code == 0);
  CHECK(again.out == "0 to add, 0 to change, 0 to drop\n");
}

// The options in a case's `args` file, on one line.
std::string CaseArgs(const fs::path& dir) {
  if (!fs::exists(dir / "args")) return "";
  std::istringstream in(ReadFile(dir / "args"));
  std::string word, out;
  while (in >> word) {
    INFO("args of " << dir.string() << " may hold only --options");
    REQUIRE(word.starts_with("--"));
    out += " " + word;
  }
  return out;
}

struct Assertions {
  std::vector<std::pair<std::string, std::string>> up_has, up_lacks, down_has, down_lacks;
  bool down_raises = false;
  std::string after_down_refused;
};

Assertions CaseAssertions(const fs::path& dir) {
  Assertions a;
  if (!fs::exists(dir / "assertions")) return a;
  std::istringstream in(ReadFile(dir / "assertions"));
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line.starts_with("#")) continue;
    std::string where = "assertions:" + std::to_string(number);
    if (line == "down raises") {
      a.down_raises = true;
      continue;
    }
    if (line.starts_with("after down refused ")) {
      a.after_down_refused = line.substr(std::string("after down refused ").size());
      continue;
    }
    using List = std::vector<std::pair<std::string, std::string>>;
    const std::pair<const char*, List*> kinds[] = {{"up has ", &a.up_has},
                                                   {"up lacks ", &a.up_lacks},
                                                   {"down has ", &a.down_has},
                                                   {"down lacks ", &a.down_lacks}};
    for (auto [prefix, list] : kinds) {
      if (line.starts_with(prefix)) {
        list->emplace_back(where, line.substr(std::string(prefix).size()));
        line.clear();
        break;
      }
    }
    INFO(dir.string() << "/" << where
                      << ": not `(up|down) (has|lacks) TEXT`, `down raises` or `after down "
                         "refused TEXT`");
    REQUIRE(line.empty());
  }
  return a;
}

void CheckHas(const std::string& sql, const std::vector<std::pair<std::string, std::string>>& list,
              bool has, const char* file) {
  for (const auto& [where, text] : list) {
    INFO(where << ": " << file << (has ? " must contain: " : " must not contain: ") << text << "\n"
               << file << ":\n"
               << sql);
    CHECK((sql.find(text) != std::string::npos) == has);
  }
}

// A raising down file must raise before it changes anything: before its DO block, only session
// settings, BEGIN and comments (no segment of its own runs first).
void CheckRaisesFirst(const std::string& down) {
  std::istringstream in(down);
  std::string line;
  bool raised = false;
  while (std::getline(in, line)) {
    if (line.empty() || line.starts_with("--") || line.starts_with("SET ") || line == "BEGIN;") {
      continue;
    }
    INFO("first statement of the down file: " << line);
    CHECK(line.starts_with("DO "));
    CHECK(line.find(kRaiseMarker) != std::string::npos);
    raised = true;
    break;
  }
  CHECK(raised);
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(SourceDir() / "tests/migrations")) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

// Roles that example schemas declare `extern`: they exist on the server (roles are the
// cluster's, shared by every database, so the dev databases see them too).
void CreateExternRoles(const std::string& url) {
  pqxx::connection c{url};
  pqxx::nontransaction n{c};
  n.exec(
      "do $$ begin "
      "if not exists (select from pg_roles where rolname = 'app_user') then "
      "create role app_user nologin; end if; "
      "exception when duplicate_object or unique_violation then null; end $$");
}

}  // namespace

TEST_CASE("migration goldens: change cases, applied up and down on PostgreSQL",
          "[pg][golden][migration-golden][supabase]") {
  std::vector<fs::path> cases = Cases();
  REQUIRE(cases.size() >= 16);
  for (const fs::path& dir : cases) {
    SECTION(dir.filename().string()) {
      std::string old_schema = Quote((dir / "old.schema").string());
      std::string new_schema = Quote((dir / "new.schema").string());
      std::string args = CaseArgs(dir);
      Assertions assertions = CaseAssertions(dir);
      std::string pair = "--from " + old_schema + " --to " + new_schema + args;

      RunResult up = Diff(pair);
      INFO(Describe("diff " + pair, up));
      REQUIRE(up.exit_code == 0);
      CheckGolden(dir / "expected/up.sql", up.out, kRegenerate);
      CheckHas(up.out, assertions.up_has, true, "up.sql");
      CheckHas(up.out, assertions.up_lacks, false, "up.sql");

      RunResult down = Diff(pair + " --down");
      INFO(Describe("diff " + pair + " --down", down));
      REQUIRE(down.exit_code == 0);
      CheckGolden(dir / "expected/down.sql", down.out, kRegenerate);
      CheckHas(down.out, assertions.down_has, true, "down.sql");
      CheckHas(down.out, assertions.down_lacks, false, "down.sql");
      bool raises = down.out.find(kRaiseMarker) != std::string::npos;
      CHECK(raises == assertions.down_raises);

      RunResult lossy;
      if (raises) {
        CheckRaisesFirst(down.out);
        lossy = Diff(pair + " --down --allow-lossy-down");
        INFO(Describe("diff " + pair + " --down --allow-lossy-down", lossy));
        REQUIRE(lossy.exit_code == 0);
        CHECK(lossy.out.find(kRaiseMarker) == std::string::npos);
        CheckGolden(dir / "expected/down.lossy.sql", lossy.out, kRegenerate);
      } else if (update_goldens) {
        fs::remove(dir / "expected/down.lossy.sql");
      } else {
        INFO("stale golden file (the down file does not raise): " << kRegenerate);
        CHECK_FALSE(fs::exists(dir / "expected/down.lossy.sql"));
      }

      Database db;
      RunResult build = Diff("--from empty --to " + old_schema);
      INFO(Describe("diff --from empty --to " + old_schema, build));
      REQUIRE(build.exit_code == 0);
      db.Apply("the migration from empty to old.schema", build.out);
      CheckConverged(db, old_schema, "building old.schema");

      db.Apply("up.sql", up.out);
      db.Apply("up.sql again", up.out);
      CheckConverged(db, new_schema, "up.sql (twice)");

      if (raises) {
        INFO("the raising down.sql must fail and change nothing");
        CHECK_THROWS(pg::RunMigration(*db.connection, down.out));
        CheckConverged(db, new_schema, "the failed down.sql");
      }
      const std::string& applied = raises ? lossy.out : down.out;
      const char* name = raises ? "down.lossy.sql" : "down.sql";
      db.Apply(name, applied);
      db.Apply(std::string(name) + " again", applied);
      if (assertions.after_down_refused.empty()) {
        CheckConverged(db, old_schema, std::string(name) + " (twice)");
      } else {
        CheckConverged(db, new_schema, std::string(name) + " (twice), which cannot undo up.sql");
        RunResult back = Diff("--from " + Quote(db.scratch.url()) + " --to " + old_schema);
        INFO(Describe("diff --from <database> --to " + old_schema + " after " + name, back));
        CHECK(back.exit_code == 1);
        CHECK(back.out.empty());
        CHECK(back.err.find(assertions.after_down_refused) != std::string::npos);
      }
    }
  }
}

// learning.schema needs pgvector, which Debian's PostgreSQL 15 lacks: it is built and applied on
// PGlite (PostgreSQL 18 with pgvector).
TEST_CASE("migration goldens: example schemas from empty, up and down on PostgreSQL",
          "[pg][pglite][golden][migration-golden][supabase]") {
  CreateExternRoles(EngineUrl(Engine::kPostgres));
  std::vector<std::string> examples;
  for (const auto& entry : fs::directory_iterator(SourceDir() / "schemas")) {
    if (entry.path().extension() != ".schema") continue;
    examples.push_back(entry.path().stem().string());
  }
  std::sort(examples.begin(), examples.end());
  REQUIRE(examples.size() >= 3);
  for (const std::string& example : examples) {
    SECTION(example) {
      std::string schema = Quote((SourceDir() / "schemas" / (example + ".schema")).string());
      fs::path dir = SourceDir() / "migrations" / example;
      Engine engine = example == "learning" ? Engine::kPglite : Engine::kPostgres;

      RunResult up = Diff("--from empty --to " + schema, engine);
      INFO(Describe("diff --from empty --to " + schema, up));
      REQUIRE(up.exit_code == 0);
      CheckGolden(dir / "up.sql", up.out, kRegenerate);

      RunResult down = Diff("--from empty --to " + schema + " --down", engine);
      INFO(Describe("diff --from empty --to " + schema + " --down", down));
      REQUIRE(down.exit_code == 0);
      CheckGolden(dir / "down.sql", down.out, kRegenerate);
      CHECK(down.out.find(kRaiseMarker) == std::string::npos);

      Database db(engine);
      db.Apply("up.sql", up.out);
      db.Apply("up.sql again", up.out);
      CheckConverged(db, schema, "up.sql (twice)");
      db.Apply("down.sql", down.out);
      db.Apply("down.sql again", down.out);
      CheckConverged(db, "empty", "down.sql (twice)");
    }
  }
}

}  // namespace schemac::testing
