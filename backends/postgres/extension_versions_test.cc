// The order in which the error lists an extension's versions (extension_versions.h); the check
// itself runs against real servers in tests/integration/pull_roundtrip_test.cc.

#include "backends/postgres/extension_versions.h"

#include <catch2/catch.hpp>

namespace schemac::pg {

TEST_CASE("extension versions are listed in the order of their numbers", "[extension]") {
  std::vector<std::string> versions = {"1.10", "1.4", "2.0", "1.5", "2.0beta", "1.0.1", "01.6"};
  SortVersions(versions);
  CHECK(versions ==
        std::vector<std::string>{"1.0.1", "1.4", "1.5", "01.6", "1.10", "2.0", "2.0beta"});
}

}  // namespace schemac::pg
