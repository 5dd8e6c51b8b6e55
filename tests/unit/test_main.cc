// Catch2 main with one extra switch: --update-goldens rewrites the expected files of the golden
// tests from the current output instead of comparing against them.

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "tests/unit/test_util.h"

namespace schemac::testing {
bool update_goldens = false;
}

int main(int argc, char* argv[]) {
  Catch::Session session;
  using Catch::clara::Opt;
  auto cli = session.cli() | Opt(schemac::testing::update_goldens)["--update-goldens"](
                                 "rewrite golden expectations from the current output");
  session.cli(cli);
  int rc = session.applyCommandLine(argc, argv);
  if (rc != 0) return rc;
  return session.run();
}
