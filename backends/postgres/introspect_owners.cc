// The owners of the managed objects (introspect_owners.h). The kinds are those schemac models
// as objects of their own: the schemas it declares (public is the database's), tables, views,
// functions and enums. What an extension installs is the extension's.

#include "backends/postgres/introspect_owners.h"

#include <algorithm>

#include "backends/postgres/introspect_depends.h"

namespace schemac::pg {

std::string OwnersSql() {
  return
    "select x.kind, x.nsp, x.name, x.member, pg_get_userbyid(x.owner) from ( "
    "select 'pg_namespace'::regclass as classid, n.oid as objid, 'schema' as kind, "
    "  n.nspname as nsp, ''::name as name, '' as member, n.nspowner as owner "
    "  from pg_namespace n where n.oid = any($1::oid[]) and n.nspname <> 'public' "
    "union all "
    "select 'pg_class'::regclass, c.oid, case when c.relkind in ('v', 'm') then 'view' "
    "  else 'table' end, n.nspname, c.relname, '', c.relowner "
    "  from pg_class c join pg_namespace n on n.oid = c.relnamespace "
    "  where c.relnamespace = any($1::oid[]) and c.relkind in ('r', 'p', 'v', 'm') "
    "    and not c.relispartition "
    "union all "
    "select 'pg_proc'::regclass, p.oid, 'function', n.nspname, p.proname, "
    FUNCTION_MEMBER_SQL ", p.proowner "
    "  from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
    "  where p.pronamespace = any($1::oid[]) and p.prokind = 'f' "
    "    and p.prorettype <> 'event_trigger'::regtype "
    "union all "
    "select 'pg_type'::regclass, t.oid, 'type', n.nspname, t.typname, '', t.typowner "
    "  from pg_type t join pg_namespace n on n.oid = t.typnamespace "
    "  where t.typnamespace = any($1::oid[]) and t.typtype = 'e' "
    ") x where not exists (select 1 from pg_depend e "
    "  where e.classid = x.classid and e.objid = x.objid and e.deptype = 'e')";
}

void ReadOwners(const pqxx::result& rows, ir::Schema& schema) {
  schema.owners.reserve(rows.size());
  for (const pqxx::row& row : rows) {
    std::string_view kind = row[0].c_str();
    ir::ObjectKind object_kind = kind == "schema"     ? ir::ObjectKind::kSchema
                                 : kind == "view"     ? ir::ObjectKind::kView
                                 : kind == "function" ? ir::ObjectKind::kFunction
                                 : kind == "type"     ? ir::ObjectKind::kEnum
                                                      : ir::ObjectKind::kTable;
    schema.owners.push_back(
        {{object_kind, {row[1].c_str(), row[2].c_str()}, row[3].c_str()}, row[4].c_str(), {}});
  }
  std::sort(schema.owners.begin(), schema.owners.end(),
            [](const ir::Owner& a, const ir::Owner& b) { return a.object < b.object; });
}

}  // namespace schemac::pg
