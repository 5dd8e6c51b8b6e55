#include "compiler/identifiers.h"

#include <catch2/catch.hpp>

namespace schemac {

TEST_CASE("string literals mean the same whatever standard_conforming_strings is", "[quoting]") {
  // Without a backslash a plain literal reads the same under either setting.
  REQUIRE(QuoteSqlLiteral("plain") == "'plain'");
  REQUIRE(QuoteSqlLiteral("it's") == "'it''s'");
  REQUIRE(QuoteSqlLiteral("") == "''");
  // With one, only an E'' literal does: a plain 'x\' would end at the second quote with the
  // setting on, and run on past it with the setting off.
  REQUIRE(QuoteSqlLiteral("x\\'; drop table victim; --") == "E'x\\\\''; drop table victim; --'");
  REQUIRE(QuoteSqlLiteral("\\") == "E'\\\\'");
  REQUIRE(QuoteSqlLiteral("a\\\\b") == "E'a\\\\\\\\b'");
  // The standard form stays for canonical texts and the DSL.
  REQUIRE(QuoteSqlString("x\\'y") == "'x\\''y'");
}

TEST_CASE("SettingProofSql rewrites bare literals holding a backslash, and nothing else",
          "[quoting]") {
  REQUIRE(SettingProofSql("DEFAULT 'a\\b'::text") == "DEFAULT E'a\\\\b'::text");
  REQUIRE(SettingProofSql("CHECK (x <> 'x\\')") == "CHECK (x <> E'x\\\\')");
  REQUIRE(SettingProofSql("'it''s \\ here'") == "E'it''s \\\\ here'");
  // No backslash, already E'', or a prefixed literal: unchanged.
  for (const char* same :
       {"DEFAULT 'plain'::text", "SELECT E'a\\\\b\\'c'", "SELECT e'\\n'", "SELECT N'a\\b'",
        "SELECT U&'\\0041'", "SELECT B'101', X'1f'", "COMMENT ON TABLE t IS E'x\\\\''; --'"}) {
    REQUIRE(SettingProofSql(same) == same);
  }
  // Quoted identifiers, comments and dollar-quoted bodies are not literals.
  for (const char* same :
       {"SELECT 1 AS \"a'\\b\"", "SELECT 1 -- it's \\ here\n", "SELECT /* '\\' /* nested */ */ 1",
        "DO $$ BEGIN RAISE NOTICE 'a\\b'; END $$", "DO $t$ '\\' $t$", "SELECT $1, a$b"}) {
    REQUIRE(SettingProofSql(same) == same);
  }
  // A longer word before the quote is no prefix.
  REQUIRE(SettingProofSql("CASE WHEN a THEN 'x' ELSE'y\\' END") ==
          "CASE WHEN a THEN 'x' ELSE E'y\\\\' END");
  REQUIRE(SettingProofSql("SELECT u&'\\0041', xu&'\\'") == "SELECT u&'\\0041', xu&E'\\\\'");
  // What follows them is still read.
  REQUIRE(SettingProofSql("\"x\" = '\\' -- c\n AND $$'$$ = 'q\\'") ==
          "\"x\" = E'\\\\' -- c\n AND $$'$$ = E'q\\\\'");
  // A literal continued on the next line is one literal: all its segments read escapes.
  REQUIRE(SettingProofSql("'a'\n  'b\\'") == "E'a'\n  'b\\\\'");
  // An unterminated literal is left to the server to refuse.
  REQUIRE(SettingProofSql("'a\\b") == "E'a\\\\b");
  REQUIRE(SettingProofSql("E'a\\") == "E'a\\");
}

}  // namespace schemac
