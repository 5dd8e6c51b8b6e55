// Server versions: schemac refuses PostgreSQL older than 15 wherever it connects (a database, a
// dev database, the embedded server's binaries), and runs the embedded dev database from any
// server binaries of 15 or newer, npm's native ones included (tools/test.sh starts npm's
// PostgreSQL 14 only for this). The [pg] tests themselves run on 15, 17 and 18 (CMakeLists.txt).

#include <catch2/catch.hpp>
#include <cstdlib>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    FAIL(name << " is not set: run the tests through tools/test.sh, which starts the servers");
  }
  return value;
}

}  // namespace

TEST_CASE("servers older than PostgreSQL 15 are refused in one line, exit 1", "[versions]") {
  std::string url = Env("SCHEMAC_TEST_PG14_URL");
  const std::string refusal = " runs PostgreSQL 14.";
  const std::string why = "; schemac needs PostgreSQL 15 or newer\n";
  TempDir dir;
  WriteFile(dir.path / "s.schema", "table notes {\n  id bigint primary key\n}\n");
  std::string schema = "'" + (dir.path / "s.schema").string() + "'";
  for (const std::string& args :
       {"pull --db '" + url + "'", "plan --db '" + url + "' --schema " + schema,
        "diff --from '" + url + "' --to " + schema,
        "diff --dev-url '" + url + "' --from empty --to " + schema,
        "types --db '" + url + "'"}) {
    INFO(args);
    RunResult run = RunSchemac(args);
    CHECK(run.exit_code == 1);
    CHECK(run.out.empty());
    CHECK(run.err.starts_with("schemac: error: "));
    CHECK(run.err.find(refusal) != std::string::npos);
    CHECK(run.err.ends_with(why));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  }
}

TEST_CASE("the embedded dev database runs any server binaries of 15 or newer, npm's too",
          "[versions][devdb]") {
  TempDir tmp;
  TempDir cache;
  TempDir dir;
  WriteFile(dir.path / "s.schema", "table notes {\n  id bigint primary key\n  body text?\n}\n");
  std::string env = "TMPDIR='" + tmp.path.string() + "' XDG_CACHE_HOME='" +
                    cache.path.string() + "' ";
  std::string diff = " diff --from empty --to '" + (dir.path / "s.schema").string() + "'";

  RunResult old = RunShell(env + "SCHEMAC_PG_BINDIR='" + Env("SCHEMAC_TEST_PG14_BINDIR") + "' " +
                           SCHEMAC_BINARY + diff);
  CHECK(old.exit_code == 1);
  CHECK(old.err.starts_with("schemac: error: the embedded dev database needs PostgreSQL 15 or "
                            "newer, found PostgreSQL 14."));
  CHECK(std::filesystem::is_empty(tmp.path));

  // npm's PostgreSQL 18 brings its own libraries (LD_LIBRARY_PATH is set for it, not by us).
  RunResult doctor = RunShell(env + "SCHEMAC_PG_BINDIR='" + Env("SCHEMAC_TEST_PG18_BINDIR") +
                              "' " + SCHEMAC_BINARY + " doctor");
  INFO(doctor.out << doctor.err);
  CHECK(doctor.out.find("    server: PostgreSQL 18.") != std::string::npos);
  RunResult built = RunShell(env + "SCHEMAC_PG_BINDIR='" + Env("SCHEMAC_TEST_PG18_BINDIR") +
                             "' " + SCHEMAC_BINARY + diff);
  INFO(built.err);
  CHECK(built.exit_code == 0);  // Printed (changes found).
  CHECK(built.out.find("CREATE TABLE IF NOT EXISTS public.notes") != std::string::npos);
  CHECK(std::filesystem::is_empty(tmp.path));
}

}  // namespace schemac::testing

namespace schemac::testing {

TEST_CASE("a schema that needs PostgreSQL 18 is built on the PGlite engine when the embedded "
          "server is older, and refused in one line when that engine is missing",
          "[versions][devdb][pglite]") {
  TempDir tmp;
  TempDir dir;
  WriteFile(dir.path / "s.schema",
            "table orders {\n  id bigint primary key\n  cents bigint\n  quantity integer\n"
            "  total bigint generated always as (cents * quantity) virtual\n}\n");
  // Debian's PostgreSQL 15 as the embedded server; no cache, so each run builds.
  std::string env = "TMPDIR='" + tmp.path.string() + "' SCHEMAC_NO_CACHE=1 SCHEMAC_PG_BINDIR='" +
                    Env("SCHEMAC_TEST_PG_BINDIR") + "' ";
  std::string diff = std::string(SCHEMAC_BINARY) + " diff --from empty --to '" +
                     (dir.path / "s.schema").string() + "'";

  RunResult built = RunShell(env + diff);
  INFO(built.err);
  CHECK(built.exit_code == 0);  // Printed (changes found).
  CHECK(built.out.find("GENERATED ALWAYS AS ((cents * quantity)) VIRTUAL") != std::string::npos);
  CHECK(std::filesystem::is_empty(tmp.path));

  RunResult refused = RunShell(env + "SCHEMAC_PGLITE_PREFIX=/nonexistent " + diff);
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.empty());
  CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);
  CHECK(refused.err.find("s.schema:5:3) needs PostgreSQL 18, and the embedded PostgreSQL (") !=
        std::string::npos);
  CHECK(refused.err.find("the PGlite engine (PostgreSQL 18 with pgvector, citext) is not "
                         "installed") != std::string::npos);
  CHECK(std::filesystem::is_empty(tmp.path));
}

}  // namespace schemac::testing
