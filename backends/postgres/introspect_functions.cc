// Functions as the catalog has them (introspect_functions.h): one query for every function of
// the selected schemas, with its arguments' types, modes, names and defaults, its settings,
// grants and comment, so that a schema with hundreds of functions costs one round trip.

#include "backends/postgres/introspect_functions.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "backends/postgres/introspect.h"

namespace schemac::pg {

namespace {

using Json = nlohmann::json;

// A type of an argument or a return, as [format_type of the element type, its typtype, its
// schema, its name, is an array, made by an extension]: the column reader's way (introspect.cc
// ReadColumns), so that a function's `public.t` and a column's read the same.
constexpr const char* kTypeJson =
    "json_build_array(format_type(e.oid, null), e.typtype, en.nspname, e.typname, "
    "t.typcategory = 'A' and t.typelem <> 0, exists (select 1 from pg_depend dep "
    "where dep.classid = 'pg_type'::regclass and dep.objid = e.oid and dep.deptype = 'e'))";

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
  // An argument's typmod is not kept by PostgreSQL (format_type with none prints none).
  out.modifiers.clear();
  out.array_dims = type[4].get<bool>() ? 1 : 0;
  return out;
}

ir::ArgMode ModeOf(const std::string& mode) {
  switch (mode.empty() ? 'i' : mode[0]) {
    case 'o':
      return ir::ArgMode::kOut;
    case 'b':
      return ir::ArgMode::kInOut;
    case 'v':
      return ir::ArgMode::kVariadic;
    case 't':
      return ir::ArgMode::kTable;
    default:
      return ir::ArgMode::kIn;
  }
}

std::string Text(const pqxx::field& field) { return field.is_null() ? "" : field.c_str(); }

Json JsonOf(const pqxx::field& field) {
  return field.is_null() ? Json::array() : Json::parse(field.c_str());
}

// PostgreSQL's own estimates when CREATE FUNCTION says none (CreateFunction in functioncmds.c):
// cost 1 for C and internal functions, 100 for the others; rows 1000 for a set-returning one.
double DefaultCost(const std::string& language) {
  return language == "c" || language == "internal" ? 1 : 100;
}

// Grants from the ACL (the built-in one, EXECUTE to PUBLIC and the owner, when it is NULL), the
// owner's own left out: [role, privilege] pairs, sorted by role.
std::vector<ir::Grant> GrantsOf(const Json& acl) {
  std::map<std::string, std::set<std::string>> privileges;
  for (const Json& entry : acl) {
    std::string privilege = entry[1].get<std::string>();
    std::transform(privilege.begin(), privilege.end(), privilege.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    privileges[entry[0].get<std::string>()].insert(privilege);
  }
  std::vector<ir::Grant> grants;
  for (auto& [role, set] : privileges) {
    grants.push_back({role, std::vector<std::string>(set.begin(), set.end()), {}});
  }
  return grants;
}

}  // namespace

std::string FunctionsSql() {
  // The types are formatted once per distinct type, not per argument.
  return std::string(
             "with fn as materialized (select p.* , p.oid as fn_oid from pg_proc p "
             "where p.prokind = 'f' and p.pronamespace = any($1::oid[]) "
             // An event trigger's function has no DSL form: listed as unmanaged
             // (introspect_unmanaged.cc), never dropped.
             "and p.prorettype <> 'event_trigger'::regtype "
             "and not exists (select 1 from pg_depend dep where dep.classid = "
             "'pg_proc'::regclass and dep.objid = p.oid and dep.deptype = 'e')), "
             "types as materialized (select ty.typ, ") +
         kTypeJson +
         " as info from (select distinct u.typ from fn, unnest(coalesce(fn.proallargtypes, "
         "fn.proargtypes::oid[]) || fn.prorettype) u(typ)) ty "
         "join pg_type t on t.oid = ty.typ "
         "join pg_type e on e.oid = case when t.typcategory = 'A' and t.typelem <> 0 "
         "  then t.typelem else t.oid end "
         "join pg_namespace en on en.oid = e.typnamespace) "
         "select n.nspname, fn.proname, l.lanname, fn.prosrc, "
         "case when fn.prosqlbody is not null then pg_get_function_sqlbody(fn.fn_oid) end, "
         "fn.provolatile, fn.proisstrict, fn.prosecdef, fn.proleakproof, fn.proparallel, "
         "fn.procost, fn.prorows, fn.proretset, "
         "(select rt.info from types rt where rt.typ = fn.prorettype), "
         "(select json_agg(json_build_array(coalesce(fn.proargmodes[a.i::int], 'i'), "
         "   coalesce(fn.proargnames[a.i::int], ''), at.info, "
         "   case when fn.pronargdefaults > 0 and coalesce(fn.proargmodes[a.i::int], 'i') "
         "     in ('i', 'b', 'v') then pg_get_function_arg_default(fn.fn_oid, a.i::int) end) "
         "   order by a.i) "
         " from unnest(coalesce(fn.proallargtypes, fn.proargtypes::oid[])) with ordinality "
         " a(typ, i) join types at on at.typ = a.typ), "
         "array_to_json(fn.proconfig), "
         // A NULL ACL is the built-in one: EXECUTE to PUBLIC and to the owner.
         "(select json_agg(json_build_array(case when a.grantee = 0 then 'public' "
         "   else pg_get_userbyid(a.grantee) end, a.privilege_type)) "
         " from aclexplode(coalesce(fn.proacl, acldefault('f', fn.proowner))) a "
         " where a.grantee <> fn.proowner), "
         "descr.description "
         "from fn join pg_namespace n on n.oid = fn.pronamespace "
         "join pg_language l on l.oid = fn.prolang "
         "left join pg_description descr on descr.objoid = fn.fn_oid "
         "  and descr.classoid = 'pg_proc'::regclass and descr.objsubid = 0";
}

void ReadFunctions(const pqxx::result& rows, std::vector<ir::Function>* functions) {
  size_t first = functions->size();
  for (const auto& row : rows) {
    ir::Function& f = functions->emplace_back();
    f.name = {row[0].c_str(), row[1].c_str()};
    f.language = row[2].c_str();
    f.body = row[4].is_null() ? Text(row[3]) : Text(row[4]);
    std::string volatility = row[5].c_str();
    f.volatility = volatility == "i"   ? ir::Volatility::kImmutable
                   : volatility == "s" ? ir::Volatility::kStable
                                       : ir::Volatility::kVolatile;
    f.strict = row[6].as<bool>();
    f.security_definer = row[7].as<bool>();
    f.leakproof = row[8].as<bool>();
    std::string parallel = row[9].c_str();
    f.parallel = parallel == "s"   ? ir::Parallel::kSafe
                 : parallel == "r" ? ir::Parallel::kRestricted
                                   : ir::Parallel::kUnsafe;
    f.returns_set = row[12].as<bool>();
    double cost = row[10].as<double>();
    double rows_estimate = row[11].as<double>();
    f.cost = cost == DefaultCost(f.language) ? 0 : cost;
    f.rows = rows_estimate == (f.returns_set ? 1000 : 0) ? 0 : rows_estimate;
    if (!row[13].is_null()) f.returns = TypeOf(Json::parse(row[13].c_str()));
    for (const Json& arg : JsonOf(row[14])) {
      ir::FunctionArg& a = f.args.emplace_back();
      a.mode = ModeOf(arg[0].get<std::string>());
      a.name = arg[1].get<std::string>();
      a.type = TypeOf(arg[2]);
      if (!arg[3].is_null()) a.default_sql = arg[3].get<std::string>();
    }
    for (const Json& setting : JsonOf(row[15])) {
      std::string text = setting.get<std::string>();
      size_t eq = text.find('=');
      f.settings.emplace_back(text.substr(0, eq),
                              eq == std::string::npos ? "" : text.substr(eq + 1));
    }
    std::sort(f.settings.begin(), f.settings.end());
    f.grants = GrantsOf(JsonOf(row[16]));
    f.comment = Text(row[17]);
  }
  // Each signature is computed once, not once per comparison.
  std::vector<std::pair<std::string, ir::Function>> keyed;
  keyed.reserve(functions->size() - first);
  for (size_t i = first; i < functions->size(); ++i) {
    std::string signature = (*functions)[i].Signature();
    keyed.emplace_back(std::move(signature), std::move((*functions)[i]));
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  functions->resize(first);
  for (auto& [signature, function] : keyed) functions->push_back(std::move(function));
}

}  // namespace schemac::pg
