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

TEST_CASE("every form of password libpq reads is masked", "[pg-offline]") {
  // The user info runs to the last @: libpq splits a password with an unescaped @ (or /) at the
  // first, and would print the rest as a host name or port.
  REQUIRE(MaskPassword("postgresql://app:hun@ter2@db/x") == "postgresql://app:***@db/x");
  REQUIRE(MaskPassword("postgresql://app:pa/ss@db/x") == "postgresql://app:***@db/x");
  REQUIRE(MaskPassword("postgresql://app:hunter2%zz@db/x") == "postgresql://app:***@db/x");
  REQUIRE(MaskPassword("postgresql://app:a b\"c@db/x") == "postgresql://app:***@db/x");
  REQUIRE(MaskPassword("postgresql://app:hunter2@h1:5432,h2:5433/x") ==
          "postgresql://app:***@h1:5432,h2:5433/x");
  REQUIRE(MaskPassword("POSTGRESQL://app:hunter2@db/x") == "POSTGRESQL://app:***@db/x");
  REQUIRE(MaskPassword("postgresql://app:@db/x") == "postgresql://app:***@db/x");
  // Without a scheme (libpq refuses it, quoting it whole).
  REQUIRE(MaskPassword("app:hunter2@db:5432/x") == "app:***@db:5432/x");
  REQUIRE(MaskPassword("app:hun ter2@db/x") == "app:***@db/x");
  REQUIRE(MaskPassword("schema/app.schema") == "schema/app.schema");
  // Query parameters: sslpassword, percent-encoded names, any case.
  REQUIRE(MaskPassword("postgresql://db/x?sslpassword=hunter2&sslmode=require") ==
          "postgresql://db/x?sslpassword=***&sslmode=require");
  REQUIRE(MaskPassword("postgresql://db/x?pass%77ord=hunter2") ==
          "postgresql://db/x?pass%77ord=***");
  REQUIRE(MaskPassword("postgresql://db/x?PASSWORD=hunter2") == "postgresql://db/x?PASSWORD=***");
  REQUIRE(MaskPassword("postgresql://db/x?user=me@corp&password=hunter2") ==
          "postgresql://db/x?user=me@corp&password=***");
  REQUIRE(MaskPassword("db/x?password=hunter2") == "db/x?password=***");
  // key=value: spaces around =, quoted values with escapes, sslpassword, a URL as dbname.
  REQUIRE(MaskPassword("host=db password = hunter2 dbname=x") == "host=db password = *** dbname=x");
  REQUIRE(MaskPassword("host=db password=hunter\\ 2 dbname=x") == "host=db password=*** dbname=x");
  REQUIRE(MaskPassword("host=db password ='hun ter\\'2' dbname=x") ==
          "host=db password =*** dbname=x");
  REQUIRE(MaskPassword("host=db sslpassword=hunter2") == "host=db sslpassword=***");
  REQUIRE(MaskPassword("password=hunter2") == "password=***");
  REQUIRE(MaskPassword("dbname=postgresql://app:hunter2@db/x") ==
          "dbname=postgresql://app:***@db/x");
  REQUIRE(MaskPassword("host=db dbname=x") == "host=db dbname=x");
}

TEST_CASE("libpq's messages lose every piece of the password they quote", "[pg-offline]") {
  REQUIRE(MaskPasswordsIn("invalid percent-encoded token: \"hunter2%zz\"",
                          "postgresql://app:hunter2%zz@db/x") ==
          "invalid percent-encoded token: \"***\"");
  REQUIRE(MaskPasswordsIn("forbidden value %00 in percent-encoded value: \"hunter%002\"",
                          "postgresql://app:hunter%002@db/x") ==
          "forbidden value %00 in percent-encoded value: \"***\"");
  REQUIRE(MaskPasswordsIn("could not translate host name \"ter2@db\" to address: Name or "
                          "service not known",
                          "postgresql://app:hun@ter2@db/x") ==
          "could not translate host name \"***\" to address: Name or service not known");
  REQUIRE(MaskPasswordsIn("invalid integer value \"pa\" for connection option \"port\"",
                          "postgresql://app:pa/ss@db/x") ==
          "invalid integer value \"***\" for connection option \"port\"");
  REQUIRE(MaskPasswordsIn("missing \"=\" after \"app:hunter2@db/x\" in connection info string",
                          "app:hunter2@db/x") ==
          "missing \"=\" after \"***\" in connection info string");
  // Decoded, or as libpq parsed it, unquoted too.
  REQUIRE(MaskPasswordsIn("password hunter@2 was refused", "postgresql://app:hunter%402@db/x") ==
          "password *** was refused");
  // What names no password stays, so the message still says what is wrong.
  REQUIRE(MaskPasswordsIn("database \"x\" does not exist", "postgresql://app:hunter2@db/x") ==
          "database \"x\" does not exist");
  REQUIRE(MaskPasswordsIn("invalid sslmode value: \"bogus\"",
                          "host=db password = 'hunter2' sslmode=bogus") ==
          "invalid sslmode value: \"bogus\"");
  // URLs and key=value pairs in the message itself.
  REQUIRE(MaskPasswordsIn("could not connect to \"postgres://app:x@db\" (password=y)", "") ==
          "could not connect to \"postgres://app:***@db\" (password=***");
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
  } catch (const UserError& e) {
    std::string message = e.what();
    REQUIRE(message.find("hunter2") == std::string::npos);
    REQUIRE(message.find("postgresql://app:***@127.0.0.1:1/x") != std::string::npos);
    REQUIRE(message.find('\n') == std::string::npos);
  }
}

}  // namespace schemac::pg
