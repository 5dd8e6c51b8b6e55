// Exclusion constraints from the catalog (introspect_exclusions.h). The elements come from the
// constraint's index as the index query reads keys (pg_get_indexdef for an expression, the
// operator class only when it is not the type's default), each with its operator
// (pg_constraint.conexclop, one-based).

#include "backends/postgres/introspect_exclusions.h"

#include "backends/postgres/introspect.h"

namespace schemac::pg {

const char* const kExclusionColumnSql =
    "case when co.contype = 'x' then json_build_array("
    "(select am.amname from pg_class ic join pg_am am on am.oid = ic.relam "
    " where ic.oid = co.conindid), "
    "(select json_agg(json_build_array(i.indkey[k.n], "
    "   case when i.indkey[k.n] = 0 then pg_get_indexdef(i.indexrelid, k.n + 1, true) end, "
    "   case when not opc.opcdefault then opc.opcname end, op.oprname) order by k.n) "
    " from generate_series(0, i.indnkeyatts - 1) k(n) "
    " left join pg_opclass opc on opc.oid = i.indclass[k.n] "
    " left join pg_operator op on op.oid = co.conexclop[k.n + 1]), "
    "(select json_agg(i.indkey[k.n] order by k.n) "
    " from generate_series(i.indnkeyatts, i.indnatts - 1) k(n)), "
    "pg_get_expr(i.indpred, i.indrelid)) end";

ir::ExclusionConstraint ReadExclusion(const std::string& name, const nlohmann::json& detail,
                                      const std::function<std::string(int)>& column_name) {
  ir::ExclusionConstraint out;
  out.name = name;
  out.method = detail[0].get<std::string>();
  for (const nlohmann::json& key : detail[1]) {
    ir::ExclusionElement element;
    int attnum = key[0].get<int>();
    if (attnum != 0) {
      element.column = column_name(attnum);
    } else {
      element.expression = StripOuterParens(key[1].get<std::string>());
    }
    if (!key[2].is_null()) element.opclass = key[2].get<std::string>();
    element.op = key[3].get<std::string>();
    out.elements.push_back(std::move(element));
  }
  if (detail[2].is_array()) {
    for (const nlohmann::json& attnum : detail[2]) out.include.push_back(column_name(attnum.get<int>()));
  }
  if (!detail[3].is_null()) out.where = StripOuterParens(detail[3].get<std::string>());
  return out;
}

}  // namespace schemac::pg
