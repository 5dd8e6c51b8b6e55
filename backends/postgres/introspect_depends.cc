// The dependency graph from pg_depend (introspect_depends.h).
//
// pg_depend names objects by catalog and oid; the query maps each end to the managed object it
// belongs to: a view's rewrite rule to its view, a column default (pg_attrdef) to its column,
// a table's row type (what a function returning `setof t` depends on) to its table, an array
// type to its element's. Only normal and automatic edges ('n', 'a') count: internal ones tie
// parts of one object together, extension ones are not the user's. Edges among tables,
// columns, constraints and indexes alone are left out (the plan's phases already order them);
// every edge with a view, function, trigger or policy at one end is kept, at column
// granularity (refobjsubid) where PostgreSQL records it.

#include "backends/postgres/introspect_depends.h"

#include <algorithm>
#include <string_view>

namespace schemac::pg {

namespace {

// The objects (kind, schema oid, name, member) that the ends (c, o, s: class id, object id,
// sub-id) in `ends` name: one join per catalog, not a lookup per edge. Triggers are looked up
// by oid from each end (a lateral subquery the planner cannot pull up): on a database built
// moments ago pg_trigger has no statistics, the planner expected one trigger and scanned every
// end once per trigger (60 of the query's 160 ms at 1,000 tables and 200 triggers). A
// function's member is its input argument types as ir::Function::Signature() spells them
// (ColumnType::ToSql): builtins as format_type prints them, other types qualified and quoted.
constexpr std::string_view kResolve = R"sql(
    select d.*, case when d.s <> 0 then 'column'
                     when c.relkind in ('v', 'm') then 'view' else 'table' end as kind,
           c.relnamespace as nsp, c.relname as name, coalesce(att.attname, '') as member
      from ends d join pg_class c on c.oid = d.o
      left join pg_attribute att on d.s <> 0 and att.attrelid = c.oid and att.attnum = d.s
     where d.c = 'pg_class'::regclass and c.relkind in ('r', 'p', 'v', 'm')
    union all
    select d.*, 'index', t.relnamespace, t.relname, ic.relname
      from ends d join pg_class ic on ic.oid = d.o join pg_index i on i.indexrelid = ic.oid
      join pg_class t on t.oid = i.indrelid
     where d.c = 'pg_class'::regclass and ic.relkind = 'i'
    union all
    select d.*, 'view', c.relnamespace, c.relname, ''
      from ends d join pg_rewrite rw on rw.oid = d.o join pg_class c on c.oid = rw.ev_class
     where d.c = 'pg_rewrite'::regclass and rw.rulename = '_RETURN'
    union all
    select d.*, 'column', c.relnamespace, c.relname, att.attname
      from ends d join pg_attrdef ad on ad.oid = d.o join pg_class c on c.oid = ad.adrelid
      join pg_attribute att on att.attrelid = ad.adrelid and att.attnum = ad.adnum
     where d.c = 'pg_attrdef'::regclass
    union all
    select d.*, 'constraint', c.relnamespace, c.relname, co.conname
      from ends d join pg_constraint co on co.oid = d.o join pg_class c on c.oid = co.conrelid
     where d.c = 'pg_constraint'::regclass
    union all
    select d.*, 'policy', c.relnamespace, c.relname, pol.polname
      from ends d join pg_policy pol on pol.oid = d.o join pg_class c on c.oid = pol.polrelid
     where d.c = 'pg_policy'::regclass
    union all
    select d.*, 'trigger', c.relnamespace, c.relname, tg.tgname
      from ends d cross join lateral (select t.tgname, t.tgrelid from pg_trigger t
                                       where t.oid = d.o and not t.tgisinternal offset 0) tg
      join pg_class c on c.oid = tg.tgrelid
     where d.c = 'pg_trigger'::regclass
    union all
    select d.*, 'function', p.pronamespace, p.proname, )sql" FUNCTION_MEMBER_SQL R"sql(
      from ends d join pg_proc p on p.oid = d.o
     where d.c = 'pg_proc'::regclass and p.prokind = 'f'
    union all
    select d.*, case when c.relkind in ('v', 'm') then 'view' else 'table' end,
           c.relnamespace, c.relname, ''
      from ends d join pg_type ty on ty.oid = d.o
      left join pg_type el on el.oid = ty.typelem and ty.typcategory = 'A'
      join pg_class c on c.oid = coalesce(nullif(el.typrelid, 0), ty.typrelid)
     where d.c = 'pg_type'::regclass and c.relkind in ('r', 'p', 'v', 'm')
    union all
    select d.*, 'type', e.typnamespace, e.typname, ''
      from ends d join pg_type ty on ty.oid = d.o
      join pg_type e on e.oid = case when ty.typtype = 'e' then ty.oid else ty.typelem end
     where d.c = 'pg_type'::regclass and e.typtype = 'e')sql";

ir::ObjectKind KindOf(std::string_view kind) {
  using ir::ObjectKind;
  if (kind == "view") return ObjectKind::kView;
  if (kind == "column") return ObjectKind::kColumn;
  if (kind == "index") return ObjectKind::kIndex;
  if (kind == "constraint") return ObjectKind::kConstraint;
  if (kind == "policy") return ObjectKind::kPolicy;
  if (kind == "trigger") return ObjectKind::kTrigger;
  if (kind == "function") return ObjectKind::kFunction;
  if (kind == "type") return ObjectKind::kEnum;
  return ObjectKind::kTable;
}

}  // namespace

std::string DependenciesSql() {
  // The edges first, without those no kept edge can come from: between objects initdb made
  // (oids below 16384, FirstNormalObjectId: the system views), and an index, a constraint or a
  // default on the columns of its own table (the most numerous).
  return "with edges as materialized (select distinct classid, objid, objsubid, refclassid, "
         "  refobjid, refobjsubid from pg_depend dep where deptype in ('n', 'a') "
         "  and (objid >= 16384 or refobjid >= 16384) "
         "  and classid in ('pg_class'::regclass, 'pg_rewrite'::regclass, "
         "    'pg_attrdef'::regclass, 'pg_constraint'::regclass, 'pg_policy'::regclass, "
         "    'pg_trigger'::regclass, 'pg_proc'::regclass) "
         "  and (classid in ('pg_rewrite'::regclass, 'pg_policy'::regclass, "
         "      'pg_trigger'::regclass, 'pg_proc'::regclass) "
         "    or refclassid in ('pg_proc'::regclass, 'pg_type'::regclass) "
         "    or (refclassid = 'pg_class'::regclass and refobjid in (select v.oid "
         "      from pg_class v where v.relkind in ('v', 'm'))))), "
         "ends as materialized (select classid as c, objid as o, objsubid as s from edges "
         "  union select refclassid, refobjid, refobjsubid from edges), "
         "objects as materialized (select r.*, r.c || ':' || r.o || ':' || r.s as k from ("
         + std::string(kResolve) + ") r), "
         // Joined on one key, one join per materialized step: on three columns the planner
         // (no statistics for CTEs) expected one row and took a nested loop over thousands.
         "dependents as materialized (select e.refclassid || ':' || e.refobjid || ':' || "
         "  e.refobjsubid as rk, a.kind, a.nsp, a.name, a.member from edges e "
         "  join objects a on a.k = e.classid || ':' || e.objid || ':' || e.objsubid) "
         "select a.kind, na.nspname, a.name, a.member, b.kind, nb.nspname, b.name, b.member "
         "from dependents a join objects b on b.k = a.rk "
         "join pg_namespace na on na.oid = a.nsp join pg_namespace nb on nb.oid = b.nsp "
         "where (a.nsp = any($1::oid[]) or b.nsp = any($1::oid[])) "
         "and na.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') "
         "and nb.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') "
         "and (a.kind in ('view', 'function', 'trigger', 'policy') "
         "  or b.kind in ('view', 'function', 'trigger', 'policy')) "
         "and (a.kind, a.nsp, a.name, a.member) is distinct from (b.kind, b.nsp, b.name, b.member)";
}

void ReadDependencies(const pqxx::result& rows, ir::Schema& schema) {
  std::vector<ir::Dependency>& out = schema.dependencies;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    ir::Dependency d;
    d.dependent = {KindOf(row[0].c_str()), {row[1].c_str(), row[2].c_str()}, row[3].c_str()};
    d.referenced = {KindOf(row[4].c_str()), {row[5].c_str(), row[6].c_str()}, row[7].c_str()};
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace schemac::pg
