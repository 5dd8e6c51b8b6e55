// Catch2 main with two extra switches: --update-goldens rewrites the expected files of the golden
// tests from the current output instead of comparing against them; --server N runs the
// PostgreSQL tests on the PostgreSQL N server tools/test.sh started (SCHEMAC_TEST_PG<N>_URL)
// instead of Debian's PostgreSQL 15 (SCHEMAC_TEST_PG_URL).

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "tests/unit/test_util.h"

namespace schemac::testing {
bool update_goldens = false;
std::string server;
}

int main(int argc, char* argv[]) {
  Catch::Session session;
  using Catch::clara::Opt;
  auto cli = session.cli() | Opt(schemac::testing::update_goldens)["--update-goldens"](
                                 "rewrite golden expectations from the current output") |
             Opt(schemac::testing::server, "major version")["--server"](
                 "run the PostgreSQL tests on that server (SCHEMAC_TEST_PG<N>_URL)");
  session.cli(cli);
  int rc = session.applyCommandLine(argc, argv);
  if (rc != 0) return rc;
  return session.run();
}
