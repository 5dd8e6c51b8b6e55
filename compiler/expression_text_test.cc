// Which outer parentheses of an expression PostgreSQL printed may be dropped: only those that
// group it, never a scalar subquery's or a row's (the texts are pg_get_expr's, seen on 15).

#include "compiler/expression_text.h"

#include <catch2/catch.hpp>

namespace schemac {

TEST_CASE("grouping parentheses go, all of them", "[expression]") {
  CHECK(StripGroupingParens("(a > 0)") == "a > 0");
  CHECK(StripGroupingParens("((a + b))") == "a + b");
  CHECK(StripGroupingParens("(( SELECT auth.uid() AS uid) = owner)") ==
        "( SELECT auth.uid() AS uid) = owner");
  CHECK(StripGroupingParens("(EXISTS ( SELECT 1\n   FROM t\n  WHERE (t.id = a)))") ==
        "EXISTS ( SELECT 1\n   FROM t\n  WHERE (t.id = a))");
  CHECK(StripGroupingParens("(ROW(a, b) < ROW(1, 2))") == "ROW(a, b) < ROW(1, 2)");
  CHECK(StripGroupingParens("((a = ANY (ARRAY[1, 2])) AND (b <> ALL ('{3,4}'::integer[])))") ==
        "(a = ANY (ARRAY[1, 2])) AND (b <> ALL ('{3,4}'::integer[]))");
  CHECK(StripGroupingParens("((a, b) IN ( SELECT t.x,\n    t.y\n   FROM t))") ==
        "(a, b) IN ( SELECT t.x,\n    t.y\n   FROM t)");
  // A type name with WITH, a comma inside brackets or a call: still one expression.
  CHECK(StripGroupingParens("(('2020-01-01'::timestamp with time zone > now()))") ==
        "'2020-01-01'::timestamp with time zone > now()");
  CHECK(StripGroupingParens("(tags[1:2] = ARRAY['a', 'b'])") == "tags[1:2] = ARRAY['a', 'b']");
  CHECK(StripGroupingParens("(COALESCE(a, 0) > 1)") == "COALESCE(a, 0) > 1");
}

TEST_CASE("parentheses that belong to the expression stay", "[expression]") {
  // A bare scalar subquery: the policy `using ((select private.is_member(id)))`.
  CHECK(StripGroupingParens("( SELECT private.is_member(teams.id) AS is_member)") ==
        "( SELECT private.is_member(teams.id) AS is_member)");
  CHECK(StripGroupingParens("((( SELECT 1)))") == "( SELECT 1)");
  CHECK(StripGroupingParens("(VALUES (1))") == "(VALUES (1))");
  CHECK(StripGroupingParens("(WITH c AS (SELECT 1) SELECT * FROM c)") ==
        "(WITH c AS (SELECT 1) SELECT * FROM c)");
  CHECK(StripGroupingParens("(TABLE t)") == "(TABLE t)");
  // A set operation whose first query is parenthesized, as PostgreSQL prints it.
  CHECK(StripGroupingParens("(( SELECT true\n LIMIT 1)\nUNION\n SELECT false\n LIMIT 1)") ==
        "(( SELECT true\n LIMIT 1)\nUNION\n SELECT false\n LIMIT 1)");
  // A row: `a, b` alone is no expression.
  CHECK(StripGroupingParens("(a, b)") == "(a, b)");
  CHECK(StripGroupingParens("((a, b))") == "(a, b)");
}

TEST_CASE("strings and quoted names are skipped", "[expression]") {
  CHECK(StripGroupingParens("(name = 'it''s ( select, union')") == "name = 'it''s ( select, union'");
  CHECK(StripGroupingParens("(\"select\" = 1)") == "\"select\" = 1");
  CHECK(StripGroupingParens("(\"a,b\" > 0)") == "\"a,b\" > 0");
  CHECK(StripGroupingParens("(x = E'\\')')") == "x = E'\\')'");
  CHECK(StripGroupingParens("(a) = (b)") == "(a) = (b)");
  CHECK(StripGroupingParens("(a).f") == "(a).f");
  CHECK(StripGroupingParens("(x = 'a)') AND (y)") == "(x = 'a)') AND (y)");
  CHECK(IsWholeExpression("\nCASE\n    WHEN (a > 0) THEN true\n    ELSE false\nEND"));
  CHECK_FALSE(IsWholeExpression(" SELECT 1"));
  CHECK_FALSE(IsWholeExpression("a, b"));
}

}  // namespace schemac
