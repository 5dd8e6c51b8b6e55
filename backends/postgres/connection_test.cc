#include "backends/postgres/connection.h"

#include <catch2/catch.hpp>

namespace schemac::pg {

TEST_CASE("passwords are masked in URLs and connection strings", "[pg-offline]") {
  REQUIRE(MaskPassword("postgresql://app:s3cr%40t@db.example:5432/x?sslmode=require") ==
          "postgresql://app:***@db.example:5432/x?sslmode=require");
  REQUIRE(MaskPassword("postgres://app@db/x") == "postgres://app@db/x");
  REQUIRE(MaskPassword("postgres://db/x?user=a&password=hunter2&sslmode=disable") ==
          "postgres://db/x?user=a&password=***&sslmode=disable");
  REQUIRE(MaskPassword("host=db password=hunter2 dbname=x") == "host=db password=*** dbname=x");
  REQUIRE(MaskPassword("host=db password='a b\\'c' dbname=x") == "host=db password=*** dbname=x");
  // libpq quotes the URL inside its own messages.
  REQUIRE(MaskPassword("invalid URI: \"postgresql://app:hunter2@[::1\"") ==
          "invalid URI: \"postgresql://app:***@[::1\"");
}

TEST_CASE("messages are put on one line", "[pg-offline]") {
  REQUIRE(OneLine("connection failed:\n\tFATAL:  no such  database\r\n") ==
          "connection failed: FATAL: no such database");
  REQUIRE(OneLine("  \n ") == "");
}

TEST_CASE("a connection failure is one line, names the URL, and hides the password",
          "[pg-offline]") {
  // Port 1 on localhost: nothing listens there.
  try {
    Connect("postgresql://app:hunter2@127.0.0.1:1/x?connect_timeout=2");
    FAIL("connected to port 1");
  } catch (const Error& e) {
    std::string message = e.what();
    REQUIRE(message.find("hunter2") == std::string::npos);
    REQUIRE(message.find("postgresql://app:***@127.0.0.1:1/x") != std::string::npos);
    REQUIRE(message.find('\n') == std::string::npos);
  }
}

}  // namespace schemac::pg
