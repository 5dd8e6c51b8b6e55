// Domains and composite types as the catalog has them (introspect_types.h): one query for both,
// each type read as the column reader reads a column's (introspect.cc ReadColumns), so that a
// domain's base type and an attribute's type compare with what the DSL resolves.

#include "backends/postgres/introspect_types.h"

#include <nlohmann/json.hpp>

#include "backends/postgres/introspect.h"

namespace schemac::pg {

namespace {

using Json = nlohmann::json;

// [format_type of the element type with the typmod, its typtype, its schema, its name, is an
// array, made by an extension] of the type `t` with typmod `mod` (`e` its element type).
// Aliased apart from the outer query's (`xt`, `xe`, `xn`), which the subquery would shadow.
constexpr const char* kTypeJson =
    "json_build_array(format_type(xe.oid, {mod}), xe.typtype, xn.nspname, xe.typname, "
    "xt.typcategory = 'A' and xt.typelem <> 0, exists (select 1 from pg_depend dep "
    "where dep.classid = 'pg_type'::regclass and dep.objid = xe.oid and dep.deptype = 'e'))";

std::string TypeJson(const std::string& type_oid, const std::string& typmod) {
  std::string out = kTypeJson;
  out.replace(out.find("{mod}"), 5, typmod);
  return "(select " + out + " from pg_type xt join pg_type xe on xe.oid = case when "
         "xt.typcategory = 'A' and xt.typelem <> 0 then xt.typelem else xt.oid end "
         "join pg_namespace xn on xn.oid = xe.typnamespace where xt.oid = " + type_oid + ")";
}

ir::ColumnType TypeOf(const Json& type) {
  ir::ColumnType out;
  std::string formatted = type[0].get<std::string>();
  std::string schema = type[2].get<std::string>();
  std::string ignored_name;
  if (schema == "pg_catalog") {
    SplitFormattedType(formatted, &out.name, &out.modifiers);
  } else {
    SplitFormattedType(formatted, &ignored_name, &out.modifiers);
    out.schema = schema;
    out.name = type[3].get<std::string>();
    out.kind = type[1].get<std::string>() == "e" ? ir::TypeKind::kEnum
               : type[5].get<bool>()             ? ir::TypeKind::kExtension
                                                 : ir::TypeKind::kOther;
  }
  out.array_dims = type[4].get<bool>() ? 1 : 0;
  return out;
}

std::string Text(const pqxx::field& field) { return field.is_null() ? "" : field.c_str(); }

// `CHECK ((VALUE > 0)) NOT VALID` -> `VALUE > 0`.
std::string CheckExpression(std::string def) {
  constexpr std::string_view kNotValid = " NOT VALID";
  if (def.size() > kNotValid.size() && def.ends_with(kNotValid)) {
    def.resize(def.size() - kNotValid.size());
  }
  if (def.starts_with("CHECK ")) def = def.substr(6);
  return StripOuterParens(StripOuterParens(def));
}

}  // namespace

std::string TypesSql() {
  // A domain's collation only when it is not its base type's (as a column's, introspect.cc).
  return "select 'd', n.nspname, t.typname, " + TypeJson("t.typbasetype", "t.typtypmod") +
         ", t.typnotnull, pg_get_expr(t.typdefaultbin, 0), "
         "case when t.typcollation <> b.typcollation then co.collname end, "
         "obj_description(t.oid, 'pg_type'), "
         "(select json_agg(json_build_array(c.conname, pg_get_constraintdef(c.oid)) "
         "  order by c.conname) from pg_constraint c where c.contypid = t.oid "
         "  and c.contype = 'c') "
         "from pg_type t join pg_namespace n on n.oid = t.typnamespace "
         "join pg_type b on b.oid = t.typbasetype "
         "left join pg_collation co on co.oid = t.typcollation "
         "where t.typtype = 'd' and t.typnamespace = any($1::oid[]) "
         "and not exists (select 1 from pg_depend dep where dep.classid = 'pg_type'::regclass "
         "  and dep.objid = t.oid and dep.deptype = 'e') "
         "union all "
         "select 'c', n.nspname, t.typname, null, false, null, null, "
         "obj_description(t.oid, 'pg_type'), "
         "(select json_agg(json_build_array(a.attname, " + TypeJson("a.atttypid", "a.atttypmod") +
         ", case when a.attcollation <> at.typcollation then ac.collname end) "
         "  order by a.attnum) from pg_attribute a join pg_type at on at.oid = a.atttypid "
         "  left join pg_collation ac on ac.oid = a.attcollation "
         "  where a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped) "
         "from pg_type t join pg_namespace n on n.oid = t.typnamespace "
         "join pg_class r on r.oid = t.typrelid and r.relkind = 'c' "
         "where t.typtype = 'c' and t.typnamespace = any($1::oid[]) "
         "and not exists (select 1 from pg_depend dep where dep.classid = 'pg_type'::regclass "
         "  and dep.objid = t.oid and dep.deptype = 'e') "
         "order by 2, 3";
}

void ReadTypes(const pqxx::result& rows, ir::Schema& schema) {
  for (const pqxx::row& row : rows) {
    ir::QualifiedName name{row[1].c_str(), row[2].c_str()};
    std::string comment = Text(row[7]);
    Json list = row[8].is_null() ? Json::array() : Json::parse(row[8].c_str());
    if (std::string(row[0].c_str()) == "d") {
      ir::Domain domain;
      domain.name = std::move(name);
      if (row[3].is_null()) continue;  // A base type that went away under the snapshot.
      domain.type = TypeOf(Json::parse(row[3].c_str()));
      domain.not_null = row[4].as<bool>();
      domain.default_sql = Text(row[5]);
      domain.collation = Text(row[6]);
      domain.comment = std::move(comment);
      for (const Json& check : list) {
        ir::DomainCheck out;
        out.name = check[0].get<std::string>();
        out.expression = CheckExpression(check[1].get<std::string>());
        domain.checks.push_back(std::move(out));
      }
      schema.domains.push_back(std::move(domain));
    } else {
      ir::CompositeType type;
      type.name = std::move(name);
      type.comment = std::move(comment);
      for (const Json& attribute : list) {
        ir::CompositeAttribute out;
        out.name = attribute[0].get<std::string>();
        out.type = TypeOf(attribute[1]);
        if (!attribute[2].is_null()) out.collation = attribute[2].get<std::string>();
        type.attributes.push_back(std::move(out));
      }
      schema.composite_types.push_back(std::move(type));
    }
  }
}

}  // namespace schemac::pg
