// ViewColumnOrigins (view_origins.cc): the origins of the top-level target list of a stored
// view query, as PostgreSQL 15 prints pg_rewrite.ev_action (trimmed to the fields that matter).

#include "backends/postgres/view_origins.h"

#include <catch2/catch.hpp>

namespace schemac::pg {
namespace {

TEST_CASE("view column origins: plain columns, expressions, junk and nested queries",
          "[view-origins]") {
  // b.id, b.a_id, b.a_id again, an expression, a scalar subquery (its own target list must
  // not count), ORDER BY a column not selected (a resjunk entry), and a column name with
  // escaped delimiters in the range table.
  const char* tree =
      "({QUERY :commandType 1 :cteList <> :rtable ({RANGETBLENTRY :eref {ALIAS :aliasname a "
      ":colnames (\"id\" \"we\\}i\\(rd\")} :rtekind 0 :relid 16389} {RANGETBLENTRY :subquery "
      "{QUERY :targetList ({TARGETENTRY :expr {VAR :varno 1} :resno 1 :resname x :resorigtbl "
      "777 :resorigcol 9 :resjunk false})} :relid 0}) :jointree {FROMEXPR :fromlist <>} "
      ":targetList ({TARGETENTRY :expr {VAR :varno 3 :varattno 1} :resno 1 :resname id "
      ":ressortgroupref 0 :resorigtbl 16396 :resorigcol 1 :resjunk false} {TARGETENTRY :expr "
      "{VAR :varno 3 :varattno 2} :resno 2 :resname a_id :ressortgroupref 0 :resorigtbl 16396 "
      ":resorigcol 2 :resjunk false} {TARGETENTRY :expr {VAR :varno 3 :varattno 2} :resno 3 "
      ":resname again :ressortgroupref 0 :resorigtbl 16396 :resorigcol 2 :resjunk false} "
      "{TARGETENTRY :expr {CONST :consttype 25 :constvalue 8 [ 32 0 0 0 120 40 121 41 ]} :resno "
      "4 :resname lit :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} "
      "{TARGETENTRY :expr {SUBLINK :subselect {QUERY :targetList ({TARGETENTRY :resno 1 "
      ":resorigtbl 555 :resorigcol 3 :resjunk false})}} :resno 5 :resname sub :resorigtbl 0 "
      ":resorigcol 0 :resjunk false} {TARGETENTRY :expr {VAR :varno 4 :varattno 2} :resno 6 "
      ":resname <> :ressortgroupref 1 :resorigtbl 16389 :resorigcol 2 :resjunk true}) "
      ":override 0 :onConflict <> :returningList <> :groupClause <>})";
  std::vector<ViewColumnOrigin> origins = ViewColumnOrigins(tree);
  REQUIRE(origins.size() == 3);
  CHECK(origins[0].resno == 1);
  CHECK(origins[0].relation == 16396);
  CHECK(origins[0].column == 1);
  CHECK(origins[1].resno == 2);
  CHECK(origins[1].column == 2);
  CHECK(origins[2].resno == 3);
  CHECK(origins[2].relation == 16396);
  CHECK(origins[2].column == 2);
}

TEST_CASE("view column origins: an empty target list, and text that is not a query",
          "[view-origins]") {
  CHECK(ViewColumnOrigins("({QUERY :commandType 1 :targetList <> :rtable <>})").empty());
  CHECK(ViewColumnOrigins("").empty());
  CHECK(ViewColumnOrigins("({QUERY :targetList ({TARGETENTRY :resno 1 :resorigtbl 5").empty());
  CHECK(ViewColumnOrigins(")))}}} :targetList").empty());
}

}  // namespace
}  // namespace schemac::pg
