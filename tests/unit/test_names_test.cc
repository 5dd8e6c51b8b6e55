// CTest learns the tests from their names (catch_discover_tests) and splits a name at ';': such a
// test is registered under a cut name that matches no test, runs nothing and passes.

#include <catch2/catch.hpp>

TEST_CASE("test names: no test case name holds a semicolon, which CTest would cut", "[meta]") {
  const auto& tests = Catch::getRegistryHub().getTestCaseRegistry().getAllTests();
  REQUIRE(tests.size() > 100);
  for (const Catch::TestCase& test : tests) {
    INFO(test.name);
    CHECK(test.name.find(';') == std::string::npos);
  }
}
