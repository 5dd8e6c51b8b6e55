// `schemac doctor`: the dev database engines it can really start here, their extensions, the
// cache; exit 1 when none can run. Nothing is left behind.

#include <catch2/catch.hpp>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

TEST_CASE("doctor lists the engines that start, their extensions and the cache",
          "[devdb][pglite][doctor]") {
  TempDir tmp;
  TempDir cache;
  std::string env = "TMPDIR='" + tmp.path.string() + "' XDG_CACHE_HOME='" +
                    cache.path.string() + "' ";
  RunResult run = RunShell(env + SCHEMAC_BINARY + " doctor --dev-url '" +
                           EngineUrl(Engine::kPostgres) + "'");
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("  embedded PostgreSQL: /") != std::string::npos);
  CHECK(run.out.find("    server: PostgreSQL 15.") != std::string::npos);
  CHECK(run.out.find("  PGlite engine (pgvector, citext): /") != std::string::npos);
  CHECK(run.out.find("    server: PostgreSQL 18.") != std::string::npos);
  CHECK(run.out.find(" vector") != std::string::npos);
  CHECK(run.out.find("; can create databases") != std::string::npos);
  CHECK(run.out.find("Cache: " + (cache.path / "schemac").string() + ": ") != std::string::npos);
  CHECK(std::filesystem::is_empty(tmp.path));

  RunResult none = RunShell(env + "SCHEMAC_PG_BINDIR=/nonexistent "
                            "SCHEMAC_PGLITE_PREFIX=/nonexistent " + SCHEMAC_BINARY + " doctor");
  CHECK(none.exit_code == 1);
  CHECK(none.out.find("embedded PostgreSQL: unavailable: no PostgreSQL server binaries") !=
        std::string::npos);
  CHECK(none.out.find("PGlite engine (pgvector, citext): unavailable: not installed") !=
        std::string::npos);
  CHECK(none.err == "schemac: error: no dev database engine can run here: install PostgreSQL 15 "
                    "or newer (tools/setup.sh), or pass --dev-url URL\n");
  CHECK(std::filesystem::is_empty(tmp.path));
}

}  // namespace schemac::testing
