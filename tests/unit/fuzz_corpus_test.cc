// Replays the fuzz seed corpus (and any crash reproducer added to it) through the fuzz oracle on
// every test run, so a fixed fuzz finding stays fixed without clang.

#include <catch2/catch.hpp>

#include "tests/fuzz/fuzz_oracle.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

TEST_CASE("fuzz corpus keeps the parser/fmt oracle", "[fuzz]") {
  size_t count = 0;
  for (const auto& entry : fs::directory_iterator(SourceDir() / "tests/fuzz/corpus")) {
    if (!entry.is_regular_file()) continue;
    ++count;
    INFO(entry.path().string());
    REQUIRE(fuzz::CheckOracle(ReadFile(entry.path())) == "");
  }
  REQUIRE(count >= 10);
}

}  // namespace schemac::testing
