// Policies on the platform's tables (introspect_platform_policies.h).

#include "backends/postgres/introspect_platform_policies.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "backends/postgres/introspect.h"
#include "compiler/identifiers.h"
#include "compiler/platform.h"

namespace schemac::pg {

std::string PlatformPoliciesSql() {
  std::string tables;
  for (const auto& [schema, name] : kPolicyPlatformTables) {
    tables += std::string(tables.empty() ? "" : ", ") + "(" +
              QuoteSqlLiteral(std::string(schema)) + ", " + QuoteSqlLiteral(std::string(name)) +
              ")";
  }
  // Only the policies: the table itself (columns, grants, RLS) is the platform's. A table of a
  // selected schema (`--schema storage`) is read with the others.
  return "select n.nspname, c.relname, "
         "(select json_agg(json_build_array(p.polname, p.polpermissive, p.polcmd, "
         "  (select json_agg(case when r = 0 then 'public' else pg_get_userbyid(r) end) "
         "   from unnest(p.polroles) r), "
         "  pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid), "
         "  d.description) order by p.polname) "
         " from pg_policy p left join pg_description d on d.objoid = p.oid "
         "  and d.classoid = 'pg_policy'::regclass and d.objsubid = 0 "
         " where p.polrelid = c.oid) "
         "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
         "where c.relkind in ('r', 'p') and (n.nspname, c.relname) in (" + tables + ") "
         "and not c.relnamespace = any($1::oid[]) order by 1, 2";
}

namespace {

ir::PolicyCommand CommandOf(const std::string& code) {
  if (code == "r") return ir::PolicyCommand::kSelect;
  if (code == "a") return ir::PolicyCommand::kInsert;
  if (code == "w") return ir::PolicyCommand::kUpdate;
  if (code == "d") return ir::PolicyCommand::kDelete;
  return ir::PolicyCommand::kAll;
}

std::string TextOf(const nlohmann::json& value) {
  return value.is_null() ? "" : value.get<std::string>();
}

}  // namespace

void ReadPlatformPolicies(const pqxx::result& rows, ir::Schema& schema,
                          std::set<std::string>& roles) {
  for (const pqxx::row& row : rows) {
    ir::Table table;
    table.name = {row[0].c_str(), row[1].c_str()};
    table.is_extern = true;
    nlohmann::json policies =
        row[2].is_null() ? nlohmann::json::array() : nlohmann::json::parse(row[2].c_str());
    for (const nlohmann::json& p : policies) {
      ir::Policy policy;
      policy.name = p[0].get<std::string>();
      policy.permissive = p[1].get<bool>();
      policy.command = CommandOf(p[2].get<std::string>());
      for (const nlohmann::json& role : p[3]) {
        policy.roles.push_back(role.get<std::string>());
        roles.insert(role.get<std::string>());
      }
      std::sort(policy.roles.begin(), policy.roles.end());
      policy.using_expr = StripOuterParens(TextOf(p[4]));
      policy.with_check = StripOuterParens(TextOf(p[5]));
      policy.comment = TextOf(p[6]);
      table.policies.push_back(std::move(policy));
    }
    schema.tables.push_back(std::move(table));
  }
}

}  // namespace schemac::pg
