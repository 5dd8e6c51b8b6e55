// A function body's error, as libpq prints what its language's validator reported, placed in
// the body as the .schema file has it (PlaceInBody), without a database. The same against the
// real engines is in tests/integration/devdb_function_errors_test.cc.

#include <catch2/catch.hpp>
#include <string>

#include "backends/postgres/build_errors.h"

namespace schemac::pg {

namespace {

TaggedStatement Validation(const std::string& body) {
  TaggedStatement statement;
  statement.sql = "SELECT pg_catalog.plpgsql_validator('public.f()'::regprocedure);\n";
  statement.object = "function public.f()";
  statement.origin = {"a.schema", 2, 1};
  statement.body = body;
  statement.body_origin = {"a.schema", 4, 12};  // the byte after `as $$`
  return statement;
}

}  // namespace

TEST_CASE("a position in a validated body is placed in the source", "[build-errors][functions]") {
  // As PostgreSQL 15 reports a PL/pgSQL syntax error (the body is the internal query).
  std::string body = "\nbegin\n  retrun 1;\nend\n";
  std::string message =
      "ERROR:  syntax error at or near \"retrun\"\nLINE 3:   retrun 1;\n          ^\n"
      "QUERY:  \nbegin\n  retrun 1;\nend\n\n";
  BuildFailure failure = DescribeFailure(Validation(body), message);
  CHECK(failure.message == "function public.f(): syntax error at or near \"retrun\"");
  CHECK(failure.origin.line == 6);
  CHECK(failure.origin.col == 3);
  CHECK(failure.length == 6);
  // On the first line of the body, the column counts from where the body starts.
  std::string one_line = "select count(*) from missing_table";
  std::string missing =
      "ERROR:  relation \"missing_table\" does not exist\n"
      "LINE 1: select count(*) from missing_table\n                             ^\n"
      "QUERY:  select count(*) from missing_table\n";
  failure = DescribeFailure(Validation(one_line), missing);
  CHECK(failure.origin.line == 4);
  CHECK(failure.origin.col == 12 + 21);
  CHECK(failure.length == 13);
}

TEST_CASE("a PL/pgSQL line in the context is placed at that line", "[build-errors][functions]") {
  std::string body = "\ndeclare\n  r record;\nbegin\n  perform 1;\nend\n";
  std::string message =
      "ERROR:  something without a position\n"
      "CONTEXT:  compilation of PL/pgSQL function \"f\" near line 5\n";
  BuildFailure failure = DescribeFailure(Validation(body), message);
  CHECK(failure.origin.line == 8);
  CHECK(failure.origin.col == 3);
}

TEST_CASE("an error outside the body stays on the function", "[build-errors][functions]") {
  BuildFailure failure =
      DescribeFailure(Validation("select 1"), "ERROR:  function \"f\" does not exist\n");
  CHECK(failure.origin.line == 2);
  CHECK(failure.origin.col == 1);
  TaggedStatement no_source = Validation("select 1");
  no_source.body_origin = {};
  CHECK_FALSE(PlaceInBody(no_source, "ERROR:  x\nLINE 1: select 1\n        ^\nQUERY:  select 1\n",
                          &failure));
}

}  // namespace schemac::pg
