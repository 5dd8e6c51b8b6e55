#include "compiler/naming.h"

#include <catch2/catch.hpp>

namespace schemac {

TEST_CASE("makeObjectName joins the parts and cuts the longer one to 63 bytes", "[naming]") {
  REQUIRE(MakeObjectName("posts", "", "pkey") == "posts_pkey");
  REQUIRE(MakeObjectName("posts", "owner_id", "fkey") == "posts_owner_id_fkey");
  std::string table(60, 't');
  std::string column(10, 'c');
  std::string name = MakeObjectName(table, column, "key");
  REQUIRE(name.size() == 63);
  REQUIRE(name == std::string(48, 't') + "_" + column + "_key");
  // Equal lengths: the second part gives way first.
  REQUIRE(MakeObjectName(std::string(40, 'a'), std::string(40, 'b'), "idx") ==
          std::string(29, 'a') + "_" + std::string(29, 'b') + "_idx");
}

TEST_CASE("makeObjectName never splits a UTF-8 character", "[naming]") {
  std::string table;
  for (int i = 0; i < 40; ++i) table += "\xc3\xa9";  // é, 2 bytes each: 80 bytes.
  std::string name = MakeObjectName(table, "", "pkey");
  REQUIRE(name.size() <= 63);
  REQUIRE(name.size() == 58 + 5);  // 29 characters of 2 bytes, then "_pkey".
  REQUIRE(name.substr(name.size() - 5) == "_pkey");
}

TEST_CASE("ChooseName appends 1, 2, ... to the label on a collision", "[naming]") {
  NameSet relations = {"t_a_idx", "t_a_idx1"};
  NameSet constraints = {"t_a_key"};
  REQUIRE(ChooseName("t", "a", "idx", {&relations}) == "t_a_idx2");
  REQUIRE(ChooseName("t", "a", "key", {&relations, &constraints}) == "t_a_key1");
  REQUIRE(ChooseName("t", "a", "key", {&relations}) == "t_a_key");
}

TEST_CASE("NameAddition joins column names and stops past 63 bytes", "[naming]") {
  REQUIRE(NameAddition({"a", "b", "c"}) == "a_b_c");
  std::string long_name(40, 'x');
  REQUIRE(NameAddition({long_name, long_name, "c"}) == long_name + "_" + long_name);
}

TEST_CASE("expression index keys are named like PostgreSQL names them", "[naming]") {
  REQUIRE(ExpressionKeyName("lower(email)") == "lower");
  REQUIRE(ExpressionKeyName("public.f(a, b)") == "f");
  REQUIRE(ExpressionKeyName("(email)") == "email");
  REQUIRE(ExpressionKeyName("email::text") == "email");
  REQUIRE(ExpressionKeyName("'x'::text") == "text");
  REQUIRE(ExpressionKeyName("payload ->> 'a'") == "expr");
  REQUIRE(ExpressionKeyName("payload ->> 'a'::text") == "expr");  // As pg_get_indexdef prints it.
  REQUIRE(ExpressionKeyName("(payload ->> 'a')::text") == "text");
  REQUIRE(ExpressionKeyName("lower(email)::text") == "lower");
  REQUIRE(ExpressionKeyName("a + b") == "expr");
  REQUIRE(ExpressionKeyName("case when a then 1 else 2 end") == "case");
  REQUIRE(ExpressionKeyName("tags[1]") == "tags");
  REQUIRE(ExpressionKeyName("lower(a) || lower(b)") == "expr");
  REQUIRE(UniqueIndexColumnNames({"expr", "expr", "a", "expr"}) ==
          std::vector<std::string>{"expr", "expr1", "a", "expr2"});
}

TEST_CASE("referenced identifiers skip calls, qualified names, types, strings and comments",
          "[naming]") {
  REQUIRE(ReferencedIdentifiers("length(title) between 1 and 200") ==
          std::vector<std::string>{"title", "between", "and"});
  REQUIRE(ReferencedIdentifiers("\"Fee\" > 'fee' -- fee\n/* fee */ and x::numeric > 0") ==
          std::vector<std::string>{"Fee", "and", "x"});
  REQUIRE(ReferencedIdentifiers("auth.uid() = owner_id and $q$ owner $q$ <> E'it''s'") ==
          std::vector<std::string>{"owner_id", "and"});
}

TEST_CASE("names of PostgreSQL's own NOT NULL constraints are recognized", "[naming]") {
  CHECK(IsPostgresNotNullName("orders_note_not_null"));
  CHECK(IsPostgresNotNullName("orders_note_not_null12"));
  CHECK(IsPostgresNotNullName("_not_null"));
  CHECK_FALSE(IsPostgresNotNullName("note_required"));
  CHECK_FALSE(IsPostgresNotNullName("orders_not_null_note"));
  CHECK_FALSE(IsPostgresNotNullName("not_null"));
  CHECK_FALSE(IsPostgresNotNullName(""));
}

TEST_CASE("repeated index column names are numbered as PostgreSQL does, in linear time",
          "[naming]") {
  REQUIRE(UniqueIndexColumnNames({"a", "a", "a1", "a", "b"}) ==
          std::vector<std::string>{"a", "a1", "a11", "a2", "b"});
  // 20,000 times the same name took about N^3 steps before (minutes); now one pass.
  std::vector<std::string> names(20000, "id");
  std::vector<std::string> unique = UniqueIndexColumnNames(names);
  REQUIRE(unique.size() == 20000);
  REQUIRE(unique[1] == "id1");
  REQUIRE(unique.back() == "id19999");
}

TEST_CASE("deeply nested expressions are named without deep recursion", "[naming]") {
  const size_t depth = 200000;  // Deeper than any stack holds a frame per level.
  REQUIRE(ExpressionKeyName(std::string(depth, '(') + "email" + std::string(depth, ')')) ==
          "email");
  REQUIRE(ExpressionKeyName("((lower(email)))") == "lower");
  REQUIRE(ExpressionKeyName("((x)::text)::varchar") == "x");
  std::string casts = "x";
  for (int i = 0; i < 1000; ++i) casts = "(" + casts + ")::text";
  REQUIRE(ExpressionKeyName(casts) == "text");  // Past 64 casts deep: the type's name.
}

TEST_CASE("identifiers of a long expression are listed once each", "[naming]") {
  std::string sql;
  for (int i = 0; i < 100000; ++i) sql += (i ? " + x" : "x") + std::to_string(i % 50000);
  std::vector<std::string> idents = ReferencedIdentifiers(sql);
  REQUIRE(idents.size() == 50000);
  REQUIRE(idents[49999] == "x49999");
}

}  // namespace schemac
