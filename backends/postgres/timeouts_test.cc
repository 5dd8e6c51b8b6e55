#include "backends/postgres/timeouts.h"

#include <catch2/catch.hpp>
#include <cstdlib>

#include "backends/postgres/connection.h"

namespace schemac::pg {

TEST_CASE("durations of the timeout flags: a unit, or 0 for no limit", "[pg-offline][waits]") {
  int64_t ms = -1;
  CHECK((ParseDuration("0", &ms) && ms == 0));
  CHECK((ParseDuration("500ms", &ms) && ms == 500));
  CHECK((ParseDuration("5s", &ms) && ms == 5000));
  CHECK((ParseDuration("2min", &ms) && ms == 120000));
  CHECK((ParseDuration("1h", &ms) && ms == 3600000));
  // A bare number means milliseconds to PostgreSQL and seconds to a reader: refused.
  for (const char* bad : {"5", "", "s", "5 s", "-1s", "1.5s", "5sec", "10d", "9999999999s"}) {
    INFO(bad);
    CHECK_FALSE(ParseDuration(bad, &ms));
  }
  CHECK(DurationText(0) == "0");
  CHECK(DurationText(500) == "500ms");
  CHECK(DurationText(5000) == "5s");
  CHECK(DurationText(125000) == "125s");
  CHECK(DurationText(900000) == "15min");
}

TEST_CASE("the connect timeout is added to URLs and key=value strings, never over the user's",
          "[pg-offline][waits]") {
  unsetenv("PGCONNECT_TIMEOUT");
  CHECK(WithConnectTimeout("postgresql://app@db/x", 10) ==
        "postgresql://app@db/x?connect_timeout=10");
  CHECK(WithConnectTimeout("postgres://db/x?sslmode=require", 3) ==
        "postgres://db/x?sslmode=require&connect_timeout=3");
  CHECK(WithConnectTimeout("host=db dbname=x", 10) == "host=db dbname=x connect_timeout=10");
  CHECK(WithConnectTimeout("", 10) == "connect_timeout=10");
  // The user's own value stays, in either form, and 0 adds nothing.
  CHECK(WithConnectTimeout("postgresql://db/x?connect_timeout=30", 10) ==
        "postgresql://db/x?connect_timeout=30");
  CHECK(WithConnectTimeout("host=db connect_timeout = 30", 10) == "host=db connect_timeout = 30");
  CHECK(WithConnectTimeout("postgresql://db/x", 0) == "postgresql://db/x");
  setenv("PGCONNECT_TIMEOUT", "30", 1);
  CHECK(WithConnectTimeout("postgresql://db/x", 10) == "postgresql://db/x");
  unsetenv("PGCONNECT_TIMEOUT");
}

}  // namespace schemac::pg
