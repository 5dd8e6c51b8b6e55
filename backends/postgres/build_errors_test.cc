// The pieces that put a dev database's error back at its place in the .schema files, without a
// database: CreateStatements' tags (and that they leave CreateSql's text as it was), libpq's
// "LINE n:" display read back into a position, and a failure described from it. The same against
// the real engines is in tests/integration/devdb_errors_test.cc.

#include "backends/postgres/build_errors.h"

#include <catch2/catch.hpp>
#include <string>

#include "backends/postgres/create_sql.h"
#include "tests/unit/test_util.h"

namespace schemac::pg {

namespace {

constexpr const char* kSchema =
    "enum mood ('ok', 'sad')\n"
    "table notes {\n"
    "  id bigint primary key\n"
    "  body text default ('x' ||\n"
    "    lpad('y', 2))\n"
    "  mood mood?\n"
    "  size int generated always as (length(body)) stored\n"
    "  check body_short (length(body) < 100)\n"
    "  check body_set (body <> '') not valid\n"
    "  index notes_lower (lower(body)) where (size > 1)\n"
    "  rls\n"
    "  policy \"mine\" for update using (id > 0) with check (\n"
    "    size < 5)\n"
    "}\n";

const TaggedStatement& Find(const std::vector<TaggedStatement>& statements,
                            const std::string& object) {
  for (const TaggedStatement& statement : statements) {
    if (statement.object == object) return statement;
  }
  FAIL("no statement of " << object);
  throw;
}

// libpq's display of an error at byte `at` of `sql` (all ASCII), cut as libpq cuts lines longer
// than 60 columns: "..." and the 60 columns that keep the position 10 from the right end.
std::string LibpqMessage(const std::string& primary, const std::string& sql, size_t at) {
  size_t line_begin = sql.rfind('\n', at == 0 ? 0 : at - 1);
  line_begin = line_begin == std::string::npos ? 0 : line_begin + 1;
  int line = 1;
  for (size_t i = 0; i < line_begin; ++i) line += sql[i] == '\n';
  size_t line_end = sql.find('\n', at);
  if (line_end == std::string::npos) line_end = sql.size();
  std::string text = sql.substr(line_begin, line_end - line_begin);
  size_t column = at - line_begin;
  std::string prefix = "LINE " + std::to_string(line) + ": ";
  std::string shown = text;
  size_t caret = prefix.size() + column;
  if (text.size() > 60) {
    if (60 >= column + 10) {
      shown = text.substr(0, 60) + "...";
    } else {
      size_t end = std::min(text.size(), column + 10);
      size_t begin = end - 60;
      shown = "..." + text.substr(begin, end - begin) + (end < text.size() ? "..." : "");
      caret = prefix.size() + 3 + column - begin;
    }
  }
  return "ERROR:  " + primary + "\n" + prefix + shown + "\n" + std::string(caret, ' ') + "^\n" +
         "HINT:  Try again.\n";
}

}  // namespace

TEST_CASE("build errors: tagged statements are CreateSql's text, each with its object",
          "[build-errors]") {
  testing::Compiled compiled = testing::CompileTexts({{"a.schema", kSchema}});
  REQUIRE(compiled.resolved);
  REQUIRE_FALSE(compiled.diagnostics.HasErrors());
  std::vector<TaggedStatement> statements = CreateStatements(compiled.schema);
  std::string joined;
  for (const TaggedStatement& statement : statements) joined += statement.sql;
  CHECK(joined == CreateSql(compiled.schema));

  const TaggedStatement& table = Find(statements, "table public.notes");
  CHECK(table.origin.line == 2);
  CHECK(table.provides == "public.notes");
  CHECK(table.needs == std::vector<std::string>{"public.mood"});
  const TaggedStatement& policy = Find(statements, "policy \"mine\" on public.notes");
  CHECK(policy.needs == std::vector<std::string>{"public.notes"});
  CHECK(Find(statements, "index notes_lower on public.notes").origin.line == 10);
  // Every verbatim part is the source's text where its origin says.
  size_t verbatim = 0;
  for (const TaggedStatement& statement : statements) {
    for (const SqlPart& part : statement.parts) {
      if (!part.verbatim) continue;
      ++verbatim;
      const SourceFile& file = compiled.sources.file(0);
      size_t at = file.line_starts[part.origin.line - 1] + part.origin.col - 1;
      std::string text = statement.sql.substr(part.begin, part.end - part.begin);
      CHECK(file.text.substr(at, text.size()) == text);
    }
  }
  // default, generated, two checks, index key and where, using, with check
  CHECK(verbatim == 8);
  CHECK(Find(statements, "check constraint body_set on public.notes").sql ==
        "ALTER TABLE public.notes ADD CONSTRAINT body_set CHECK (body <> '') NOT VALID;\n");
}

TEST_CASE("build errors: libpq's LINE display is read back into a byte of the statement",
          "[build-errors]") {
  std::string sum;
  for (int i = 1; i <= 20; ++i) sum += "c" + std::to_string(i) + " + ";
  std::string sql = "CREATE TABLE t (\n  a int,\n  b int CHECK (" + sum + "0 > 0 AND " +
                    "zz > 0)\n);\n";
  for (size_t at : {sql.find("a int"), sql.find("zz"), sql.find("CHECK"), sql.find("c13 "),
                    size_t{0}}) {
    INFO(LibpqMessage("column \"zz\" does not exist", sql, at));
    CHECK(ErrorPosition(LibpqMessage("column \"zz\" does not exist", sql, at), sql) == at);
  }
  CHECK_FALSE(ErrorPosition("ERROR:  relation \"x\" does not exist\n", sql));
  // A position in a function's body is not one in the statement.
  CHECK_FALSE(ErrorPosition("ERROR:  boom\nLINE 1: select 1\n        ^\nQUERY:  select 1\n", sql));
}

TEST_CASE("build errors: a failure is told at its object and at the byte the server meant",
          "[build-errors]") {
  testing::Compiled compiled = testing::CompileTexts({{"a.schema", kSchema}});
  REQUIRE(compiled.resolved);
  std::vector<TaggedStatement> statements = CreateStatements(compiled.schema);

  SECTION("inside a default written over two lines") {
    const TaggedStatement& table = Find(statements, "table public.notes");
    BuildFailure failure = DescribeFailure(
        table, LibpqMessage("function lpad(unknown, integer) does not exist", table.sql,
                            table.sql.find("lpad")));
    CHECK(failure.message ==
          "default of column public.notes.body: function lpad(unknown, integer) does not exist");
    CHECK(failure.origin.file == "a.schema");
    CHECK(failure.origin.line == 5);
    CHECK(failure.origin.col == 5);
    CHECK(failure.length == 4);
    CHECK(failure.notes == std::vector<std::string>{"hint: Try again."});
  }
  SECTION("at a column's type: the column") {
    const TaggedStatement& table = Find(statements, "table public.notes");
    BuildFailure failure = DescribeFailure(
        table, LibpqMessage("type \"mood\" does not exist", table.sql, table.sql.find("mood")));
    CHECK(failure.message == "column public.notes.mood: type \"mood\" does not exist");
    CHECK(failure.origin.line == 6);
    CHECK(failure.origin.col == 3);
  }
  SECTION("no position (CREATE POLICY gives none): the name the server misses") {
    const TaggedStatement& policy = Find(statements, "policy \"mine\" on public.notes");
    BuildFailure failure =
        DescribeFailure(policy, "ERROR:  column \"size\" does not exist\n");
    CHECK(failure.message == "policy \"mine\" on public.notes: column \"size\" does not exist");
    CHECK(failure.origin.line == 13);
    CHECK(failure.origin.col == 5);
    CHECK(failure.length == 4);
  }
  SECTION("no position and no name: the object's declaration") {
    const TaggedStatement& policy = Find(statements, "policy \"mine\" on public.notes");
    BuildFailure failure = DescribeFailure(policy, "ERROR:  permission denied\n");
    CHECK(failure.message == "policy \"mine\" on public.notes: permission denied");
    CHECK(failure.origin.line == 12);
    CHECK(failure.origin.col == 3);
    CHECK(failure.length == 0);
  }
}

}  // namespace schemac::pg
