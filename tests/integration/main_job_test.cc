// README command (1), the main job, exactly as a newcomer runs it: tools/run.sh on every example
// schema, checked by its output files.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

TEST_CASE("the main job (tools/run.sh) compiles every example, the pgvector one included",
          "[devdb][pglite][main-job]") {
  TempDir out;
  fs::path root = SourceDir();
  // tools/test.sh exports SCHEMAC_BUILD_DIR: the job builds nothing new and uses these binaries.
  RunResult run = RunShell("SCHEMAC_OUT='" + out.path.string() + "' '" +
                           (root / "tools/run.sh").string() + "' 2>&1");
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  std::vector<std::string> examples;
  for (const auto& entry : fs::directory_iterator(root / "schemas")) {
    if (entry.path().extension() == ".schema") examples.push_back(entry.path().stem().string());
  }
  REQUIRE(examples.size() >= 3);
  for (const std::string& name : examples) {
    INFO(name);
    fs::path dir = out.path / name;
    CHECK(ReadFile(dir / "up.sql") == ReadFile(root / "migrations" / name / "up.sql"));
    CHECK(ReadFile(dir / "down.sql") == ReadFile(root / "migrations" / name / "down.sql"));
    CHECK(ReadFile(dir / "database.types.ts") ==
          ReadFile(root / "tests/types" / name / "database.types.ts"));
    // The whole IR, as `schemac ir --json` prints it: valid JSON with the example's tables.
    std::string ir = ReadFile(dir / "ir.json");
    nlohmann::json parsed = nlohmann::json::parse(ir, nullptr, /*allow_exceptions=*/false);
    CHECK_FALSE(parsed.is_discarded());
    CHECK(parsed.is_object());
    CHECK(parsed.value("tables", nlohmann::json::array()).size() >= 3);
    CHECK(ir == RunSchemac("ir --json " + (root / "schemas" / (name + ".schema")).string()).out);
    CHECK(ReadFile(dir / "plan.txt") == "No changes: the database matches the schema.\n");
    std::string summary = ReadFile(dir / "summary.txt");
    CHECK(summary.starts_with(name + ": "));
    CHECK(run.out.find("  " + summary) != std::string::npos);
  }
  CHECK(run.out.find("learning: 5 tables, 2 enums, 10 policies, 5 functions, 1 view, 2 triggers; "
                     "up.sql: 72 steps") != std::string::npos);
  // The Supabase examples, one on each of Supabase's privilege modes, both converged.
  auto converged_on = [&](const std::string& name, const std::string& mode) {
    return ReadFile(out.path / name / "summary.txt")
               .find("; plan on a Supabase database (" + mode +
                     " privileges) built from it: No changes") != std::string::npos;
  };
  CHECK(converged_on("agents", "classic"));
  CHECK(converged_on("learning", "deny"));
}

}  // namespace schemac::testing
