// What introspection reads but schemac does not model: the objects of the managed schemas that
// are neither written as DSL nor compared (rules, aggregates, procedures, operators, foreign
// tables, range and base types, statistics, collations,
// text search objects, operator classes, conversions, partitions, column grants), and the
// project's casts and event triggers. Listed by pull, plan and diff (ir::Schema::unmanaged),
// never created or dropped. Hooked into introspect.cc as one query of the snapshot.

#include "backends/postgres/introspect_unmanaged.h"

#include <algorithm>

#include "compiler/platform.h"

namespace schemac::pg {

std::string UnmanagedSql() {
  // One row per object: its kind, its name, and the schema of the function behind a cast or an
  // event trigger (what tells the platform's apart on Supabase). Each branch names its catalog
  // and oid so that extension members (pg_depend 'e') are left out once, at the end: one
  // anti-join instead of one per branch keeps the planning time of the union small. Sequences
  // are modeled (introspect_sequences.cc); an array type, a multirange or
  // the cast between a range and its multirange are PostgreSQL's, made with their type; a
  // view's `_RETURN` rule is the view. Functions, views and triggers are modeled, not listed.
  return
    "select x.kind, x.name, x.owner, "
    // Supabase, recognised as introspect.cc's kPlatform does: evaluated once (an initplan).
    "(select count(*) = 4 from pg_roles where rolname in "
    "  ('anon', 'authenticated', 'service_role', 'authenticator')) "
    "  and to_regclass('auth.users') is not null "
    "  and exists (select 1 from pg_publication where pubname = 'supabase_realtime') "
    "from ( "
    "select 'pg_rewrite'::regclass as classid, r.oid as objid, 'rule' as kind, "
    "  format('%I.%I on %I.%I', n.nspname, r.rulename, n.nspname, c.relname) as name, null::name as owner "
    "  from pg_rewrite r join pg_class c on c.oid = r.ev_class join pg_namespace n on n.oid = c.relnamespace "
    "  where c.relnamespace = any($1::oid[]) and r.rulename <> '_RETURN' "
    "union all "
    "select 'pg_proc'::regclass, p.oid, "
    "  case p.prokind when 'a' then 'aggregate' when 'p' then 'procedure' "
    "    when 'w' then 'window function' else 'event trigger function' end, "
    "  format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)), null "
    "  from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
    "  where p.pronamespace = any($1::oid[]) and (p.prokind in ('a', 'p', 'w') "
    "    or p.prorettype = 'event_trigger'::regtype) "
    "union all "
    "select 'pg_operator'::regclass, o.oid, 'operator', format('%I.%s(%s, %s)', n.nspname, o.oprname, "
    "    case when o.oprleft = 0 then 'none' else format_type(o.oprleft, null) end, "
    "    case when o.oprright = 0 then 'none' else format_type(o.oprright, null) end), null "
    "  from pg_operator o join pg_namespace n on n.oid = o.oprnamespace "
    "  where o.oprnamespace = any($1::oid[]) "
    "union all "
    "select 'pg_class'::regclass, c.oid, "
    "  case c.relkind when 'f' then 'foreign table' when 'S' then 'sequence' "
    "    else 'partition' end, "
    "  format('%I.%I', n.nspname, c.relname) || case when c.relispartition then coalesce(' of ' || "
    "    (select format('%I.%I', pn.nspname, pc.relname) from pg_inherits i "
    "     join pg_class pc on pc.oid = i.inhparent join pg_namespace pn on pn.oid = pc.relnamespace "
    "     where i.inhrelid = c.oid limit 1), '') else '' end, null "
    "  from pg_class c join pg_namespace n on n.oid = c.relnamespace "
    "  where c.relnamespace = any($1::oid[]) "
    "    and (c.relkind = 'f' or (c.relkind in ('r', 'p') and c.relispartition)) "
    "union all "
    "select 'pg_type'::regclass, t.oid, 'type', "
    "  format('%I.%I', n.nspname, t.typname), null "
    "  from pg_type t join pg_namespace n on n.oid = t.typnamespace "
    "  where t.typnamespace = any($1::oid[]) and (t.typtype = 'r' "
    "    or (t.typtype = 'b' and t.typcategory <> 'A')) "
    "union all "
    "select 'pg_statistic_ext'::regclass, s.oid, 'statistics', format('%I.%I', n.nspname, s.stxname), null "
    "  from pg_statistic_ext s join pg_namespace n on n.oid = s.stxnamespace "
    "  where s.stxnamespace = any($1::oid[]) "
    "union all "
    "select 'pg_collation'::regclass, co.oid, 'collation', format('%I.%I', n.nspname, co.collname), null "
    "  from pg_collation co join pg_namespace n on n.oid = co.collnamespace "
    "  where co.collnamespace = any($1::oid[]) "
    "union all "
    "select 'pg_ts_config'::regclass, cf.oid, 'text search configuration', "
    "  format('%I.%I', n.nspname, cf.cfgname), null "
    "  from pg_ts_config cf join pg_namespace n on n.oid = cf.cfgnamespace "
    "  where cf.cfgnamespace = any($1::oid[]) "
    "union all "
    "select 'pg_ts_dict'::regclass, dc.oid, 'text search dictionary', "
    "  format('%I.%I', n.nspname, dc.dictname), null "
    "  from pg_ts_dict dc join pg_namespace n on n.oid = dc.dictnamespace "
    "  where dc.dictnamespace = any($1::oid[]) "
    "union all "
    "select 'pg_opclass'::regclass, oc.oid, 'operator class', "
    "  format('%I.%I using %I', n.nspname, oc.opcname, am.amname), null "
    "  from pg_opclass oc join pg_namespace n on n.oid = oc.opcnamespace "
    "  join pg_am am on am.oid = oc.opcmethod "
    "  where oc.opcnamespace = any($1::oid[]) "
    "union all "
    "select 'pg_conversion'::regclass, cv.oid, 'conversion', format('%I.%I', n.nspname, cv.conname), null "
    "  from pg_conversion cv join pg_namespace n on n.oid = cv.connamespace "
    "  where cv.connamespace = any($1::oid[]) "
    "union all "
    "select 'pg_cast'::regclass, ca.oid, 'cast', "
    "  format('(%s as %s)', format_type(ca.castsource, null), format_type(ca.casttarget, null)), "
    "  (select pn.nspname from pg_proc pp join pg_namespace pn on pn.oid = pp.pronamespace "
    "   where pp.oid = ca.castfunc) "
    "  from pg_cast ca where ca.oid >= 16384 and not exists (select 1 from pg_depend d "
    "    where d.classid = 'pg_cast'::regclass and d.objid = ca.oid and d.deptype = 'i') "
    "union all "
    "select 'pg_event_trigger'::regclass, et.oid, 'event trigger', format('%I', et.evtname), "
    "  (select pn.nspname from pg_proc pp join pg_namespace pn on pn.oid = pp.pronamespace "
    "   where pp.oid = et.evtfoid) "
    "  from pg_event_trigger et "
    "union all "
    "select 'pg_class'::regclass, c.oid, 'column grant', "
    "  format('%s (%I) on %I.%I to %s', string_agg(lower(g.privilege_type), ', ' "
    "    order by g.privilege_type), a.attname, n.nspname, c.relname, "
    "    case when g.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(g.grantee)) end), null "
    "  from pg_attribute a join pg_class c on c.oid = a.attrelid "
    "  join pg_namespace n on n.oid = c.relnamespace cross join lateral aclexplode(a.attacl) g "
    "  where a.attacl is not null and c.relnamespace = any($1::oid[]) and a.attnum > 0 "
    "  group by c.oid, n.nspname, c.relname, a.attname, g.grantee "
    ") x where not exists (select 1 from pg_depend e "
    "  where e.classid = x.classid and e.objid = x.objid and e.deptype = 'e')";
}

void ReadUnmanaged(const pqxx::result& rows, ir::Schema& schema) {
  for (const pqxx::row& row : rows) {
    std::string owner = row[2].is_null() ? "" : row[2].c_str();
    // A Supabase project's platform installs event triggers (pgrst_ddl_watch, the grants of
    // pg_graphql, pg_cron, pg_net) with functions in its own schemas: not the project's.
    bool supabase = !row[3].is_null() && row[3].as<bool>();
    if (supabase && !owner.empty() && !IsSystemSchema(owner) && IsSupabasePlatformSchema(owner)) {
      continue;
    }
    schema.unmanaged.push_back({row[0].c_str(), row[1].c_str()});
  }
  std::sort(schema.unmanaged.begin(), schema.unmanaged.end());
}

}  // namespace schemac::pg
