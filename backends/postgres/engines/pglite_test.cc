// The PGlite engine (pglite.h): what canonical forms built on it depend on.

#include "backends/postgres/engines/pglite.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "backends/postgres/devdb.h"
#include "tests/unit/test_util.h"

namespace schemac::pg {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

TEST_CASE("canonical forms are cached under the PGlite engine's packages too", "[devdb]") {
  testing::TempDir prefix;
  for (const char* package : {"pglite", "pglite-pgvector", "pglite-socket"}) {
    fs::path dir = prefix.path / "node_modules/@electric-sql" / package;
    fs::create_directories(dir);
    std::ofstream(dir / "package.json") << "{\"version\": \"1.0.0\"}\n";
  }
  const char* before = std::getenv("SCHEMAC_PGLITE_PREFIX");
  std::string saved = before != nullptr ? before : "";
  setenv("SCHEMAC_PGLITE_PREFIX", prefix.path.string().c_str(), 1);
  std::string first = PgliteIdentity();
  CHECK_THAT(first, Contains("pglite " + prefix.path.string()));  // node is on PATH
  CHECK(PgliteIdentity() == first);
  std::ofstream(prefix.path.string() + "/node_modules/@electric-sql/pglite/package.json")
      << "{\"version\": \"1.0.10\"}\n";  // an upgrade
  std::string upgraded = PgliteIdentity();
  CHECK(upgraded != first);
  CHECK_THAT(DevDatabase("").Identity(), Contains(upgraded));
  setenv("SCHEMAC_PGLITE_PREFIX", (prefix.path.string() + "/none").c_str(), 1);
  CHECK(PgliteIdentity() == "no PGlite engine");
  if (before != nullptr) {
    setenv("SCHEMAC_PGLITE_PREFIX", saved.c_str(), 1);
  } else {
    unsetenv("SCHEMAC_PGLITE_PREFIX");
  }
}

}  // namespace
}  // namespace schemac::pg
