#include "backends/postgres/introspect.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <set>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "backends/postgres/connection.h"
#include "backends/postgres/create_sql.h"
#include "backends/postgres/introspect_platform_policies.h"
#include "backends/postgres/introspect_owners.h"
#include "backends/postgres/introspect_types.h"
#include "backends/postgres/introspect_unmanaged.h"
#include "backends/postgres/introspect_functions.h"
#include "backends/postgres/introspect_depends.h"
#include "backends/postgres/introspect_exclusions.h"
#include "backends/postgres/introspect_sequences.h"
#include "backends/postgres/introspect_triggers.h"
#include "backends/postgres/introspect_views.h"
#include "backends/postgres/locks.h"
#include "compiler/expression_text.h"
#include "compiler/naming.h"
#include "compiler/platform.h"

namespace schemac::pg {

namespace {

using Json = nlohmann::json;

// Objects that belong to an extension (CREATE EXTENSION made them) are not user objects.
constexpr const char* kNotFromExtension =
    "not exists (select 1 from pg_depend dep where dep.classid = '{}'::regclass and "
    "dep.objid = {} and dep.deptype = 'e')";

// Sorted by name, one membership per publication (a table can be in a publication both by name
// and through its schema or FOR ALL TABLES: the named one, with its column list, counts).
void SortPublications(ir::Table& table) {
  auto& members = table.publications;
  std::stable_sort(members.begin(), members.end(),
                   [](const auto& a, const auto& b) { return a.name < b.name; });
  members.erase(std::unique(members.begin(), members.end(),
                            [](const auto& a, const auto& b) { return a.name == b.name; }),
                members.end());
}

// Names in printed expressions and types are relative to the search_path: every read sets the
// fixed one for its transaction only, so the session (a migration's SET, a PGlite backend that
// all connections share) is left as it was.
std::string CanonicalSearchPathSql() {
  return std::string("set local search_path to ") + kCanonicalSearchPath;
}

std::string Text(const pqxx::field& field) { return field.is_null() ? "" : field.c_str(); }

Json JsonOf(const pqxx::field& field) {
  return field.is_null() ? Json::array() : Json::parse(field.c_str());
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

ir::FkAction FkActionOf(const std::string& code) {
  switch (code.empty() ? 'a' : code[0]) {
    case 'r':
      return ir::FkAction::kRestrict;
    case 'c':
      return ir::FkAction::kCascade;
    case 'n':
      return ir::FkAction::kSetNull;
    case 'd':
      return ir::FkAction::kSetDefault;
    default:
      return ir::FkAction::kNoAction;
  }
}

ir::PolicyCommand PolicyCommandOf(const std::string& code) {
  switch (code.empty() ? '*' : code[0]) {
    case 'r':
      return ir::PolicyCommand::kSelect;
    case 'a':
      return ir::PolicyCommand::kInsert;
    case 'w':
      return ir::PolicyCommand::kUpdate;
    case 'd':
      return ir::PolicyCommand::kDelete;
    default:
      return ir::PolicyCommand::kAll;
  }
}

// The catalog queries after the schemas', one per kind of object. $1 is the array of the
// selected schemas' oids.
enum Query {
  kExtensions,
  kEnums,
  kTables,
  kColumns,
  kConstraints,
  kIndexes,
  kPolicies,
  kPublications,
  kPlatformPolicies,
  kFunctions,
  kPlatform,
  kUnmanaged,
  kDependencies,
  kTriggers,
  kOwners,
  kSequences,
  kTypes,  // Domains and composite types (introspect_types.cc).
  kQueryCount
};

// The longer queries of SqlOf, each in a function of its own.
std::string TablesSql() {
  return "select c.oid, n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity, "
    "c.relreplident, descr.description, "
    "(select json_agg(json_build_array(case when a.grantee = 0 then 'public' "
    "  else pg_get_userbyid(a.grantee) end, a.privilege_type)) "
    " from aclexplode(c.relacl) a where a.grantee <> c.relowner), "
    "(select json_agg(json_build_array(p.pubname, "
    "   (select json_agg(a.attname order by k.ord) from unnest(pr.prattrs) with ordinality "
    "    k(attnum, ord) join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum), "
    "   pg_get_expr(pr.prqual, pr.prrelid)) order by p.pubname) "
    " from pg_publication_rel pr join pg_publication p on p.oid = pr.prpubid "
    " where pr.prrelid = c.oid), "
    // Publications FOR TABLES IN SCHEMA (PostgreSQL 15+) take every table of the schema.
    "(select json_agg(p.pubname) from pg_publication_namespace pn "
    " join pg_publication p on p.oid = pn.pnpubid where pn.pnnspid = c.relnamespace) "
    "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
    "left join pg_description descr on descr.objoid = c.oid "
    "  and descr.classoid = 'pg_class'::regclass and descr.objsubid = 0 "
    "where c.relkind in ('r', 'p') and not c.relispartition "
    "and c.relnamespace = any($1::oid[]) and c.oid between $2::oid and $3::oid and " +
    fmt::format(kNotFromExtension, "pg_class", "c.oid") + " order by n.nspname, c.relname";
}

std::string ColumnsSql() {
  // Per-row function calls dominate this query on large schemas: format_type runs once per
  // distinct (type, typmod), comments come from a join instead of col_description(), and
  // defaults without column references are deparsed without building a relation context
  // (pg_get_expr(expr, 0)), which is most of its cost. Defaults, collations and comments
  // are joined before the types: joined after, the planner expects a handful of rows and
  // looks each one up by index. Rows are sorted by the client: the server's sort spills to
  // disk on large schemas.
  return "with cols as materialized ("
    "  select a.attrelid, a.attnum, a.attname, a.attnotnull, a.attidentity, a.attgenerated, "
    "  a.atttypid, a.atttypmod, a.attcollation, d.adbin, co.collname, descr.description "
    "  from pg_attribute a join pg_class c on c.oid = a.attrelid "
    "  left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum "
    "  left join pg_collation co on co.oid = a.attcollation "
    "  left join pg_description descr on descr.objoid = a.attrelid "
    "    and descr.classoid = 'pg_class'::regclass and descr.objsubid = a.attnum "
    "  where a.attnum > 0 and not a.attisdropped "
    "  and c.relkind in ('r', 'p', 'v', 'm') and c.relnamespace = any($1::oid[]) "
    "  and a.attrelid between $2::oid and $3::oid), "
    "types as materialized ("
    "  select ty.atttypid, ty.atttypmod, format_type(e.oid, ty.atttypmod) as formatted, "
    "  e.typtype, en.nspname, e.typname, t.typcategory = 'A' and t.typelem <> 0 as is_array, t.typcollation, "
    "  exists (select 1 from pg_depend dep where dep.classid = 'pg_type'::regclass "
    "    and dep.objid = e.oid and dep.deptype = 'e') as ext "
    "  from (select distinct atttypid, atttypmod from cols) ty "
    "  join pg_type t on t.oid = ty.atttypid "
    "  join pg_type e on e.oid = case when t.typcategory = 'A' and t.typelem <> 0 "
    "    then t.typelem else t.oid end "
    "  join pg_namespace en on en.oid = e.typnamespace) "
    "select a.attrelid, a.attnum, a.attname, a.attnotnull, a.attidentity, a.attgenerated, "
    "ty.formatted, ty.typtype, ty.nspname, ty.typname, ty.is_array, "
    "case when a.adbin::text like '%{VAR %' then pg_get_expr(a.adbin, a.attrelid) "
    "  else pg_get_expr(a.adbin, 0) end, "
    "case when a.attcollation <> ty.typcollation then a.collname end, "
    "a.description, ty.ext, a.attcollation "
    "from cols a join types ty on ty.atttypid = a.atttypid and ty.atttypmod = a.atttypmod";
}

std::string ConstraintsSql() {
  return "select co.conrelid, co.conname, co.contype, array_to_json(co.conkey), co.confrelid, "
    "fn.nspname, fc.relname, "
    // A referenced table outside the schemas read (auth.users) has its columns named here;
    // the others' come from the column query.
    "case when co.contype = 'f' and not (fc.relkind in ('r', 'p') "
    "  and fc.relnamespace = any($1::oid[])) then (select json_agg(a.attname order by k.ord) "
    " from unnest(co.confkey) with ordinality k(attnum, ord) "
    " join pg_attribute a on a.attrelid = co.confrelid and a.attnum = k.attnum) end, "
    "co.confupdtype, co.confdeltype, "
    "co.condeferrable, co.condeferred, co.convalidated, co.connoinherit, "
    "case when co.contype = 'c' then pg_get_expr(co.conbin, co.conrelid) end, "
    "coalesce(i.indnullsnotdistinct, false), array_to_json(co.confkey), co.confmatchtype, "
    "descr.description, " + std::string(kExclusionColumnSql) + " "
    "from pg_constraint co join pg_class c on c.oid = co.conrelid "
    "left join pg_class fc on fc.oid = co.confrelid "
    "left join pg_namespace fn on fn.oid = fc.relnamespace "
    "left join pg_index i on i.indexrelid = co.conindid and co.contype in ('p', 'u', 'x') "
    "left join pg_description descr on descr.objoid = co.oid "
    "  and descr.classoid = 'pg_constraint'::regclass and descr.objsubid = 0 "
    "where (co.contype in ('p', 'u', 'c', 'f', 'x') or (co.contype = 'n' and (not co.convalidated "
    "  or co.connoinherit or co.conname !~ '_not_null[0-9]*$'))) and c.relnamespace = any($1::oid[]) "
    "and co.conrelid between $2::oid and $3::oid "
    "order by co.conrelid, co.conname";
}

std::string IndexesSql() {
  return "select i.indrelid, ic.relname, i.indisunique, am.amname, i.indnkeyatts, "
    "i.indnullsnotdistinct, pg_get_expr(i.indpred, i.indrelid), "
    "array_to_json(ic.reloptions), "
    "(select json_agg(json_build_array(i.indkey[k.n], "
    "   case when i.indkey[k.n] = 0 then pg_get_indexdef(i.indexrelid, k.n + 1, true) end, "
    "   opc.opcname, opc.opcdefault, i.indoption[k.n], "
    "   i.indcollation[k.n]::int8, coll.collname) order by k.n) "
    " from generate_series(0, i.indnatts - 1) k(n) "
    " left join pg_opclass opc on opc.oid = i.indclass[k.n] and k.n < i.indnkeyatts "
    " left join pg_collation coll on coll.oid = i.indcollation[k.n]) "
    ", i.indisvalid, descr.description "
    "from pg_index i join pg_class ic on ic.oid = i.indexrelid "
    "join pg_class c on c.oid = i.indrelid join pg_am am on am.oid = ic.relam "
    "left join pg_description descr on descr.objoid = i.indexrelid "
    "  and descr.classoid = 'pg_class'::regclass and descr.objsubid = 0 "
    "where c.relkind in ('r', 'p', 'm') and c.relnamespace = any($1::oid[]) "
    "and i.indrelid between $2::oid and $3::oid "
    "and not exists (select 1 from pg_constraint co where co.conindid = i.indexrelid "
    "  and co.conrelid = i.indrelid and co.contype in ('p', 'u', 'x')) "
    "order by i.indrelid, ic.relname";
}

std::string SqlOf(Query query) {
  switch (query) {
    case kExtensions:
      return "select e.extname, n.nspname, e.extversion from pg_extension e "
        "join pg_namespace n on n.oid = e.extnamespace where e.extname <> 'plpgsql' "
        "order by e.extname";
    case kEnums:
      return "select n.nspname, t.typname, obj_description(t.oid, 'pg_type'), "
        "(select json_agg(e.enumlabel order by e.enumsortorder) from pg_enum e "
        " where e.enumtypid = t.oid) "
        "from pg_type t join pg_namespace n on n.oid = t.typnamespace "
        "where t.typtype = 'e' and t.typnamespace = any($1::oid[]) and " +
        fmt::format(kNotFromExtension, "pg_type", "t.oid") + " order by n.nspname, t.typname";
    case kTables:
      return TablesSql();
    case kColumns:
      return ColumnsSql();
    case kConstraints:
      return ConstraintsSql();
    case kIndexes:
      return IndexesSql();
    case kPolicies:
      return "select p.polrelid, p.polname, p.polpermissive, p.polcmd, "
        "(select json_agg(case when r = 0 then 'public' else pg_get_userbyid(r) end) "
        " from unnest(p.polroles) r), "
        "pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid), "
        "descr.description "
        "from pg_policy p join pg_class c on c.oid = p.polrelid "
        // A join, not obj_description(): that SQL function costs more than the rest of the row.
        "left join pg_description descr on descr.objoid = p.oid "
        "  and descr.classoid = 'pg_policy'::regclass and descr.objsubid = 0 "
        "where c.relnamespace = any($1::oid[]) and p.polrelid between $2::oid and $3::oid "
        "order by p.polrelid, p.polname";
    case kPublications:
      return "select pubname, puballtables from pg_publication order by 1";
    case kFunctions:
      return FunctionsSql();
    case kPlatform:
      return "select (select count(*) from pg_roles where rolname in "
        "('anon', 'authenticated', 'service_role', 'authenticator')), "
        "to_regclass('auth.users') is not null";
    case kUnmanaged:
      return UnmanagedSql();
    case kOwners:
      return OwnersSql();
    case kPlatformPolicies:
      return PlatformPoliciesSql();
    case kDependencies:
      return DependenciesSql();
    case kTriggers:
      return TriggersSql();
    case kSequences:
      return SequencesSql();
    case kTypes:
      return TypesSql();
    case kQueryCount:
      break;
  }
  return "";
}

// The order results are processed in: tables before what belongs to them, columns before what
// names columns by number.
constexpr std::array<Query, kQueryCount> kProcessOrder = {
    kTables, kColumns, kSequences, kConstraints, kIndexes, kPolicies,
    kEnums,  kExtensions, kPublications, kPlatformPolicies, kFunctions, kPlatform, kUnmanaged,
    kTriggers, kOwners, kDependencies, kTypes};

// The queries that read the tables whose oids are between $2 and $3, and so can run in two
// halves. Their cost is mostly the server opening each table to deparse expressions
// (pg_get_expr, pg_get_indexdef), once per table and backend: split by table, two backends
// share that work instead of both doing it. The halves are oid ranges, not oid parity: the
// planner estimates a range from the catalog's statistics, and a parity test as a few rows,
// for which it picks index lookups per row over hash joins.
bool Splittable(Query query) {
  return query == kTables || query == kColumns || query == kConstraints || query == kIndexes ||
         query == kPolicies;
}

// Below this many tables a second connection costs more than it saves.
constexpr int kParallelMinTables = 200;

using SnapshotTransaction = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

// Runs the queries of one introspection and counts them. Constraints, indexes and policies come
// sorted by name: their creation order is history, not schema, and two databases with the same
// schema must read back the same.
//
// Every query reads one snapshot: a repeatable-read transaction. A worker thread runs the
// queries while this thread processes each result in kProcessOrder as soon as it is there. On
// large schemas, and when the URL is known, a second connection imports the snapshot
// (pg_export_snapshot) and a second worker runs the second half of each splittable query on it,
// then the dependency query (WorkerOf). The second worker opens that connection itself, while
// the first already runs queries; if it cannot, the first worker runs its queries too. Engines
// where connections share one backend (PGlite) and standbys (no snapshot export) stay on one
// connection.
class Reader {
 public:
  Reader(pqxx::connection_base& connection, const IntrospectOptions& options)
      : tx_(connection), options_(options) {}

  ir::Schema Run(int* queries) {
    std::string snapshot = ReadSchemas();
    halves_ = !snapshot.empty();
    workers_[0] = std::jthread([this](std::stop_token stop) {
      if (Fetch(tx_, 0, stop) && halves_ && !SecondConnected()) Fetch(tx_, 1, stop);
    });
    if (halves_) {
      workers_[1] = std::jthread([this, snapshot](std::stop_token stop) {
        if (OpenSecondConnection(snapshot)) Fetch(*second_tx_, 1, stop);
      });
    }
    for (Query query : kProcessOrder) {
      for (int part = 0; part < Parts(query); ++part) {
        const pqxx::result& rows = Result(query, part);
        switch (query) {
          case kTables: ReadTables(rows); break;
          case kColumns: ReadColumns(rows); break;
          case kConstraints: ReadConstraints(rows); break;
          case kIndexes: ReadIndexes(rows); break;
          case kPolicies: ReadPolicies(rows); break;
          case kEnums: ReadEnums(rows); break;
          case kExtensions: ReadExtensions(rows); break;
          case kPublications: ReadPublications(rows); break;
          case kPlatformPolicies: ReadPlatformPolicies(rows, schema_, referenced_roles_); break;
          case kFunctions: ReadFunctions(rows, &schema_.functions); break;
          case kPlatform: ReadPlatform(rows); break;
          case kUnmanaged: ReadUnmanaged(rows, schema_); break;
          case kDependencies: ReadDependencies(rows, schema_); break;
          case kTriggers: ReadTriggers(rows, schema_); break;
          case kOwners: ReadOwners(rows, schema_); break;
          case kSequences: ReadSequences(rows, schema_); break;
          case kTypes: ReadTypes(rows, schema_); break;
          case kQueryCount: break;
        }
        ++queries_;
      }
    }
    // Views last, in the same snapshot, once the workers are done with the transaction.
    for (std::jthread& worker : workers_) {
      if (worker.joinable()) worker.join();
    }
    ReadViews(tx_, schema_oids_, relation_parts_, schema_);
    ++queries_;
    // Roles only views' grants name are referenced too (after the tables', in name order).
    std::set<std::string> view_roles;
    for (const ir::View& view : schema_.views) {
      for (const ir::Grant& grant : view.grants) view_roles.insert(grant.role);
    }
    view_roles.erase("public");
    for (const ir::Role& role : schema_.roles) view_roles.erase(role.name);
    for (const std::string& role : view_roles) schema_.roles.push_back({role, true});
    // The halves of the table query come one after the other: sorted as one query sorts them.
    std::sort(schema_.tables.begin(), schema_.tables.end(),
              [](const ir::Table& a, const ir::Table& b) { return a.name < b.name; });
    schema_.Reindex();
    if (queries != nullptr) *queries = queries_;
    return std::move(schema_);
  }

 private:
  // A column as the column query read it, for what names columns by number.
  struct Attribute {
    std::string name;
    uint32_t collation = 0;  // attcollation
  };

  int Parts(Query query) const { return halves_ && Splittable(query) ? 2 : 1; }

  // Opens the second connection on `snapshot` and tells whether it could.
  bool OpenSecondConnection(const std::string& snapshot) {
    bool opened = false;
    try {
      second_ = Connect(options_.url);
      second_tx_ = std::make_unique<SnapshotTransaction>(*second_);
      second_tx_->exec("set transaction snapshot " + second_tx_->quote(snapshot) + "; " +
                       CanonicalSearchPathSql());
      opened = true;
    } catch (const std::exception&) {
      second_tx_.reset();
    }
    std::lock_guard lock(mutex_);
    second_state_ = opened ? SecondState::kOpen : SecondState::kFailed;
    ready_changed_.notify_all();
    return opened;
  }

  // Waits until the second connection is open or has failed to open; true when it is open.
  bool SecondConnected() {
    std::unique_lock lock(mutex_);
    ready_changed_.wait(lock, [&] { return second_state_ != SecondState::kPending; });
    return second_state_ == SecondState::kOpen;
  }

  // Which worker runs part `part` of `query`: the second halves go to the second, and so does
  // the dependency query, the longest of the whole ones (pg_depend resolved to objects: about
  // as long as the second connection's five halves together on 1,000 tables), so that it runs
  // while the first connection reads the small kinds instead of after them.
  int WorkerOf(Query query, int part) const {
    return part == 1 || (halves_ && query == kDependencies) ? 1 : 0;
  }

  // A worker: runs the parts of the queries that WorkerOf gives it (`worker`), in kProcessOrder,
  // and hands each result (or the failure) over. False when it stopped early (a failure, or
  // asked to stop).
  bool Fetch(pqxx::transaction_base& tx, int worker, const std::stop_token& stop) {
    for (Query query : kProcessOrder) {
      for (int part = 0; part < Parts(query); ++part) {
        if (WorkerOf(query, part) != worker) continue;
        if (stop.stop_requested()) return false;
        pqxx::result rows;
        std::exception_ptr failure;
        try {
          rows = Exec(tx, query, part);
        } catch (...) {
          failure = std::current_exception();
        }
        std::lock_guard lock(mutex_);
        results_[query][part] = std::move(rows);
        ready_[query][part] = true;
        if (failure && !failure_) failure_ = failure;  // The first one says what went wrong.
        ready_changed_.notify_all();
        if (failure) return false;
      }
    }
    return true;
  }

  // Part `part` of the result of `query`, once a worker has it.
  const pqxx::result& Result(Query query, int part) {
    std::unique_lock lock(mutex_);
    ready_changed_.wait(lock, [&] { return ready_[query][part] || failure_ != nullptr; });
    if (failure_) std::rethrow_exception(failure_);
    return results_[query][part];
  }

  pqxx::result Exec(pqxx::transaction_base& tx, Query query, int part) const {
    std::string sql = SqlOf(query);
    if (Splittable(query)) {
      // Table oids [0, split) for the first half, [split, max] for the second.
      constexpr uint32_t kMaxOid = 0xFFFFFFFF;
      bool halves = Parts(query) == 2;
      uint32_t low = halves && part == 1 ? split_oid_ : 0;
      uint32_t high = halves && part == 0 ? split_oid_ - 1 : kMaxOid;
      return tx.exec_params(sql, schema_oids_, low, high);
    }
    return sql.find("$1") == std::string::npos ? tx.exec(sql) : tx.exec_params(sql, schema_oids_);
  }

  bool Selected(const std::string& schema) const {
    const auto& only = options_.schemas;
    const auto& excluded = options_.exclude_schemas;
    if (std::find(excluded.begin(), excluded.end(), schema) != excluded.end()) return false;
    if (!only.empty()) return std::find(only.begin(), only.end(), schema) != only.end();
    return !IsSupabasePlatformSchema(schema);
  }

  // Reads the schemas and returns the snapshot to share with a second connection: empty when
  // there is no URL, few tables, a standby, or PGlite. Sets split_oid_, where the second half
  // of the tables begins: the median oid of the tables users made (oid 16384 and up), so that
  // each half reads about as many of them.
  std::string ReadSchemas() {
    ++queries_;
    std::string snapshot =
        options_.url.empty()
            ? "null"
            : fmt::format("(select case when not pg_is_in_recovery() "
                          "and version() not like '%PGlite%' and (select count(*) from pg_class "
                          "where relkind in ('r', 'p')) >= {} then pg_export_snapshot() end)",
                          kParallelMinTables);
    std::string split =
        "(select percentile_disc(0.5) within group (order by c.oid) from pg_class c "
        "where c.relkind in ('r', 'p') and c.oid >= 16384)";
    // The search_path is set in the same round trip as the first query, before any other.
    pqxx::result rows = tx_.exec(
        CanonicalSearchPathSql() + "; select n.oid, n.nspname, " +
        fmt::format(kNotFromExtension, "pg_namespace", "n.oid") + " as user_object, " +
        snapshot + ", " + split + ", "
        "(select json_agg(json_build_array(case when a.grantee = 0 then 'public' "
        "  else pg_get_userbyid(a.grantee) end, lower(a.privilege_type))) "
        " from aclexplode(n.nspacl) a where a.grantee <> n.nspowner) "
        "from pg_namespace n order by n.nspname");
    std::string oids;
    for (const auto& row : rows) {
      std::string name = row[1].c_str();
      if (!row[2].as<bool>() || !Selected(name)) continue;
      oids += (oids.empty() ? "" : ",") + std::string(row[0].c_str());
      if (name == "public") continue;
      schema_.schemas.push_back(name);
      // Privileges on the schema (grant usage on schema): the owner's own are implied.
      std::map<std::string, std::set<std::string>> grants;
      for (const Json& grant : JsonOf(row[5])) {
        grants[grant[0].get<std::string>()].insert(grant[1].get<std::string>());
      }
      for (auto& [role, privileges] : grants) {
        ir::SchemaGrant g{name, role, {}, {}};
        for (const char* p : {"usage", "create"}) {
          if (privileges.count(p)) g.privileges.push_back(p);
        }
        schema_.schema_grants.push_back(std::move(g));
      }
    }
    schema_oids_ = "{" + oids + "}";
    if (rows.empty()) return "";
    split_oid_ = rows[0][4].is_null() ? 0 : rows[0][4].as<uint32_t>();
    return split_oid_ == 0 ? "" : Text(rows[0][3]);
  }

  void ReadExtensions(const pqxx::result& rows) {
    for (const auto& row : rows) {
      ir::Extension extension;
      extension.name = row[0].c_str();
      extension.schema = row[1].c_str();
      extension.version = row[2].c_str();
      schema_.extensions.push_back(std::move(extension));
    }
  }

  void ReadEnums(const pqxx::result& rows) {
    for (const auto& row : rows) {
      ir::Enum e;
      e.name = {row[0].c_str(), row[1].c_str()};
      e.comment = Text(row[2]);
      for (const Json& label : JsonOf(row[3])) e.values.push_back({label.get<std::string>(), {}});
      schema_.enums.push_back(std::move(e));
    }
  }

  void ReadTables(const pqxx::result& rows) {
    for (const auto& row : rows) {
      ir::Table table;
      table.name = {row[1].c_str(), row[2].c_str()};
      table.rls_enabled = row[3].as<bool>();
      table.rls_forced = row[4].as<bool>();
      table.replica_identity =
          Text(row[5]) == "f" ? ir::ReplicaIdentity::kFull : ir::ReplicaIdentity::kDefault;
      table.comment = Text(row[6]);
      std::map<std::string, std::set<std::string>> grants;
      for (const Json& grant : JsonOf(row[7])) {
        grants[grant[0].get<std::string>()].insert(Lower(grant[1].get<std::string>()));
      }
      for (auto& [role, privileges] : grants) {
        table.grants.push_back(ir::Grant{role, CanonicalPrivileges(privileges), {}});
      }
      for (const Json& member : JsonOf(row[8])) {
        ir::PublicationMember m;
        m.name = member[0].get<std::string>();
        if (!member[1].is_null()) m.columns = member[1].get<std::vector<std::string>>();
        if (!member[2].is_null()) m.row_filter = StripOuterParens(member[2].get<std::string>());
        table.publications.push_back(std::move(m));
      }
      for (const Json& name : JsonOf(row[9])) table.publications.push_back({name.get<std::string>(), {}, {}});
      SortPublications(table);
      table_by_oid_[row[0].as<uint32_t>()] = schema_.tables.size();
      schema_.tables.push_back(std::move(table));
    }
  }

  ir::Table* TableOf(const pqxx::field& oid) {
    auto it = table_by_oid_.find(oid.as<uint32_t>());
    return it == table_by_oid_.end() ? nullptr : &schema_.tables[it->second];
  }

  void ReadColumns(const pqxx::result& rows) {
    // In (attrelid, attnum) order: the query leaves sorting to the client.
    std::vector<std::tuple<uint32_t, int, pqxx::result::size_type>> ordered;
    for (pqxx::result::size_type i = 0; i < rows.size(); ++i) {
      ordered.emplace_back(rows[i][0].as<uint32_t>(), rows[i][1].as<int>(), i);
    }
    std::sort(ordered.begin(), ordered.end());
    for (const auto& [relation, attnum, index] : ordered) {
      const pqxx::row row = rows[index];
      // Named for foreign keys too, which may reference a table that is not read (a partition).
      std::vector<Attribute>& attributes = attributes_[relation];
      if (attributes.size() <= static_cast<size_t>(attnum)) attributes.resize(attnum + 1);
      attributes[attnum] = {row[2].c_str(), row[15].as<uint32_t>()};
      ir::Table* table = TableOf(row[0]);
      ir::Column column;
      column.name = row[2].c_str();
      column.nullable = !row[3].as<bool>();
      std::string identity = Text(row[4]);
      if (identity == "a") column.identity = ir::Identity::kAlways;
      if (identity == "d") column.identity = ir::Identity::kByDefault;
      std::string formatted = row[6].c_str();
      std::string typtype = row[7].c_str();
      std::string type_schema = row[8].c_str();
      ir::ColumnType& type = column.type;
      std::string ignored_name;
      if (type_schema == "pg_catalog") {
        SplitFormattedType(formatted, &type.name, &type.modifiers);
      } else {
        SplitFormattedType(formatted, &ignored_name, &type.modifiers);
        type.schema = type_schema;
        type.name = row[9].c_str();
        type.kind = typtype == "e"          ? ir::TypeKind::kEnum
                    : row[14].as<bool>()    ? ir::TypeKind::kExtension
                                            : ir::TypeKind::kOther;
      }
      type.array_dims = row[10].as<bool>() ? 1 : 0;
      std::string generated = Text(row[5]);
      std::string expression = Text(row[11]);
      if (generated == "s" || generated == "v") {
        column.generated = generated == "s" ? ir::Generated::kStored : ir::Generated::kVirtual;
        column.generated_sql = expression;
      } else {
        column.default_sql = expression;
      }
      column.collation = Text(row[12]);
      column.comment = Text(row[13]);
      // A view's (introspect_views.cc), or a relation not read (a partition): kept by oid.
      auto& columns = table != nullptr ? table->columns : relation_parts_.columns[relation];
      columns.push_back(std::move(column));
    }
  }

  // Column `attnum` of `relation`; an empty one when the column query did not read it.
  const Attribute& AttributeOf(uint32_t relation, int attnum) const {
    static const Attribute kNone;
    auto found = attributes_.find(relation);
    if (found == attributes_.end() || attnum < 0 ||
        static_cast<size_t>(attnum) >= found->second.size()) {
      return kNone;
    }
    return found->second[attnum];
  }

  std::vector<std::string> ColumnNames(uint32_t relation, const Json& attnums) const {
    std::vector<std::string> names;
    for (const Json& attnum : attnums) names.push_back(AttributeOf(relation, attnum.get<int>()).name);
    return names;
  }

  void ReadConstraints(const pqxx::result& rows) {
    // contype 'n' (NOT NULL, PostgreSQL 18 only): nullability itself is read from pg_attribute
    // (attnotnull, true for a NOT VALID one too); the constraint gives its name (PostgreSQL's
    // own `..._not_null[N]` names are taken for unnamed, see ir::Column), NO INHERIT and NOT VALID.
    // The query leaves out the plain ones (valid, inheritable, PostgreSQL's name): one per NOT
    // NULL column, they would double its rows.
    for (const auto& row : rows) {
      ir::Table* table = TableOf(row[0]);
      if (table == nullptr) continue;
      uint32_t relation = row[0].as<uint32_t>();
      std::string name = row[1].c_str();
      char kind = row[2].c_str()[0];
      std::vector<std::string> columns = ColumnNames(relation, JsonOf(row[3]));
      if (kind == 'n') {
        if (columns.size() != 1) continue;
        auto column = std::find_if(table->columns.begin(), table->columns.end(),
                                   [&](const ir::Column& c) { return c.name == columns.front(); });
        if (column == table->columns.end()) continue;
        if (!IsPostgresNotNullName(name)) column->not_null_name = name;
        column->not_null_no_inherit = row[13].as<bool>();
        column->not_null_not_valid = !row[12].as<bool>();
      } else if (kind == 'p') {
        table->primary_key = ir::PrimaryKey{name, columns, {}};
        table->primary_key->deferrable = row[10].as<bool>();
        table->primary_key->initially_deferred = row[11].as<bool>();
        table->primary_key->comment = Text(row[18]);
      } else if (kind == 'u') {
        ir::UniqueConstraint unique{name, columns, row[15].as<bool>(), {}};
        unique.deferrable = row[10].as<bool>();
        unique.initially_deferred = row[11].as<bool>();
        unique.comment = Text(row[18]);
        table->uniques.push_back(std::move(unique));
      } else if (kind == 'c') {
        ir::CheckConstraint check;
        check.comment = Text(row[18]);
        check.name = name;
        check.expression = StripOuterParens(Text(row[14]));
        check.no_inherit = row[13].as<bool>();
        check.not_valid = !row[12].as<bool>();
        table->checks.push_back(std::move(check));
      } else if (kind == 'x') {
        ir::ExclusionConstraint exclusion = ReadExclusion(
            name, JsonOf(row[19]), [&](int attnum) { return AttributeOf(relation, attnum).name; });
        exclusion.deferrable = row[10].as<bool>();
        exclusion.initially_deferred = row[11].as<bool>();
        exclusion.comment = Text(row[18]);
        table->exclusions.push_back(std::move(exclusion));
      } else {
        ir::ForeignKey fk;
        fk.name = name;
        fk.columns = columns;
        fk.ref_table = {Text(row[5]), Text(row[6])};
        if (row[7].is_null()) {
          fk.ref_columns = ColumnNames(row[4].as<uint32_t>(), JsonOf(row[16]));
        } else {
          for (const Json& column : JsonOf(row[7])) fk.ref_columns.push_back(column.get<std::string>());
        }
        fk.on_update = FkActionOf(Text(row[8]));
        fk.on_delete = FkActionOf(Text(row[9]));
        fk.deferrable = row[10].as<bool>();
        fk.initially_deferred = row[11].as<bool>();
        fk.not_valid = !row[12].as<bool>();
        fk.match_full = Text(row[17]) == "f";
        fk.comment = Text(row[18]);
        table->foreign_keys.push_back(std::move(fk));
      }
    }
  }

  void ReadIndexes(const pqxx::result& rows) {
    // Keys in order: [attnum, expression, opclass, opclass is the default, indoption bits,
    // collation oid, collation name]. The collation is said when it is not the column's (for an
    // expression: not the database default, oid 100). Constraint-backed indexes are the
    // constraints'.
    for (const auto& row : rows) {
      ir::Table* table = TableOf(row[0]);
      uint32_t relation = row[0].as<uint32_t>();
      ir::Index index;
      index.name = row[1].c_str();
      index.unique = row[2].as<bool>();
      index.method = row[3].c_str();
      int key_count = row[4].as<int>();
      index.nulls_not_distinct = row[5].as<bool>();
      index.where = StripOuterParens(Text(row[6]));
      // An invalid index (what a failed CREATE INDEX CONCURRENTLY leaves) is read, so that the
      // plan says so and drops it, building it again when the schema declares it (diff.cc).
      index.invalid = !row[9].as<bool>();
      index.comment = Text(row[10]);
      for (const Json& option : JsonOf(row[7])) {
        std::string text = option.get<std::string>();
        size_t eq = text.find('=');
        index.with.emplace_back(text.substr(0, eq),
                                eq == std::string::npos ? "" : text.substr(eq + 1));
      }
      int position = 0;
      for (const Json& key : JsonOf(row[8])) {
        int attnum = key[0].get<int>();
        if (position++ >= key_count) {
          index.include.push_back(AttributeOf(relation, attnum).name);
          continue;
        }
        ir::IndexKey k;
        if (attnum != 0) {
          k.column = AttributeOf(relation, attnum).name;
        } else {
          k.expression = StripOuterParens(key[1].get<std::string>());
        }
        if (!key[2].is_null()) {
          k.opclass = key[2].get<std::string>();
          k.opclass_is_default = key[3].get<bool>();
        }
        int options = key[4].is_null() ? 0 : key[4].get<int>();
        k.order = (options & 1) ? ir::SortOrder::kDesc : ir::SortOrder::kAsc;
        k.nulls_first = (options & 2) != 0;
        constexpr uint32_t kDefaultCollation = 100;
        uint32_t collation = key[5].get<uint32_t>();
        uint32_t natural = attnum != 0 ? AttributeOf(relation, attnum).collation : kDefaultCollation;
        if (collation != 0 && collation != natural && !key[6].is_null()) {
          k.collation = key[6].get<std::string>();
        }
        index.keys.push_back(std::move(k));
      }
      // A materialized view's (introspect_views.cc), or a partition's: kept by oid.
      auto& indexes = table != nullptr ? table->indexes : relation_parts_.indexes[relation];
      indexes.push_back(std::move(index));
    }
  }

  void ReadPolicies(const pqxx::result& rows) {
    for (const auto& row : rows) {
      ir::Table* table = TableOf(row[0]);
      if (table == nullptr) continue;
      ir::Policy policy;
      policy.name = row[1].c_str();
      policy.permissive = row[2].as<bool>();
      policy.command = PolicyCommandOf(Text(row[3]));
      for (const Json& role : JsonOf(row[4])) {
        policy.roles.push_back(role.get<std::string>());
        referenced_roles_.insert(role.get<std::string>());
      }
      std::sort(policy.roles.begin(), policy.roles.end());
      policy.using_expr = StripOuterParens(Text(row[5]));
      policy.with_check = StripOuterParens(Text(row[6]));
      policy.comment = Text(row[7]);
      table->policies.push_back(std::move(policy));
    }
  }

  void ReadPublications(const pqxx::result& rows) {
    for (const auto& row : rows) {
      std::string name = row[0].c_str();
      publications_.insert(name);
      if (!row[1].as<bool>()) continue;
      for (ir::Table& table : schema_.tables) {
        table.publications.push_back({name, {}, {}});
        SortPublications(table);
      }
    }
  }

  // Supabase is recognised by its roles, auth.users and the realtime publication; its platform
  // objects are then declared the way `target supabase` declares them.
  void ReadPlatform(const pqxx::result& rows) {
    bool supabase = rows[0][0].as<int>() == 4 && rows[0][1].as<bool>() &&
                    publications_.count("supabase_realtime") > 0;
    for (ir::Table& table : schema_.tables) {
      for (const ir::Grant& grant : table.grants) referenced_roles_.insert(grant.role);
    }
    for (const ir::SchemaGrant& grant : schema_.schema_grants) referenced_roles_.insert(grant.role);
    for (const ir::Sequence& sequence : schema_.sequences) {
      for (const ir::Grant& grant : sequence.grants) referenced_roles_.insert(grant.role);
    }
    for (const ir::Function& function : schema_.functions) {
      for (const ir::Grant& grant : function.grants) referenced_roles_.insert(grant.role);
    }
    referenced_roles_.erase("public");
    if (supabase) {
      schema_.target = ir::Target::kSupabase;
      for (std::string_view role : kSupabaseRoles) {
        schema_.roles.push_back({std::string(role), true});
        referenced_roles_.erase(std::string(role));
      }
      schema_.publications.push_back({"supabase_realtime", true});
      // The extensions the platform installs (uuid-ossp and pgcrypto in `extensions`,
      // pg_graphql, supabase_vault, ...) are its own: never created or dropped, unless the
      // schema declares one (Canonicalize then takes it as declared).
      for (ir::Extension& extension : schema_.extensions) {
        extension.is_extern = IsSupabasePlatformExtension(extension.name, extension.schema);
      }
    }
    for (const std::string& role : referenced_roles_) schema_.roles.push_back({role, true});
  }

  SnapshotTransaction tx_;
  const IntrospectOptions& options_;
  bool halves_ = false;  // the splittable queries run in two halves
  std::unique_ptr<pqxx::connection> second_;
  std::unique_ptr<SnapshotTransaction> second_tx_;
  enum class SecondState { kPending, kOpen, kFailed };
  SecondState second_state_ = SecondState::kPending;
  // Results by query and part, handed over by the workers under mutex_.
  std::array<std::array<pqxx::result, 2>, kQueryCount> results_;
  std::array<std::array<bool, 2>, kQueryCount> ready_{};
  std::exception_ptr failure_;
  std::mutex mutex_;
  std::condition_variable ready_changed_;
  ir::Schema schema_;
  int queries_ = 0;
  std::string schema_oids_;
  uint32_t split_oid_ = 0;  // see ReadSchemas
  std::map<uint32_t, size_t> table_by_oid_;
  std::unordered_map<uint32_t, std::vector<Attribute>> attributes_;  // by relation, attnum
  RelationParts relation_parts_;  // Columns and indexes of views (introspect_views.cc).
  std::set<std::string> referenced_roles_;
  std::set<std::string> publications_;
  // Last: stopped and joined before the members they use are destroyed.
  std::array<std::jthread, 2> workers_;
};

}  // namespace

std::string StripOuterParens(std::string expression) {
  // Only parentheses that group the whole expression: a scalar subquery's are its own.
  return StripGroupingParens(expression);
}

void SplitFormattedType(const std::string& formatted, std::string* name,
                        std::vector<int64_t>* modifiers) {
  modifiers->clear();
  std::string base = formatted;
  if (base.ends_with("[]")) base.resize(base.size() - 2);
  size_t open = base.find('(');
  size_t close = open == std::string::npos ? std::string::npos : base.find(')', open);
  if (open == std::string::npos || close == std::string::npos) {
    *name = base;
    return;
  }
  std::string numbers = base.substr(open + 1, close - open - 1);
  size_t start = 0;
  while (start <= numbers.size()) {
    size_t comma = numbers.find(',', start);
    std::string part = numbers.substr(start, comma == std::string::npos ? std::string::npos
                                                                        : comma - start);
    try {
      modifiers->push_back(std::stoll(part));
    } catch (const std::exception&) {
      // Not a typmod list (e.g. an interval field list): keep the text as the name.
      modifiers->clear();
      *name = base;
      return;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  *name = base.substr(0, open) + base.substr(close + 1);
}

ir::Schema Introspect(pqxx::connection_base& connection, const IntrospectOptions& options,
                      int* queries) {
  try {
    return Reader(connection, options).Run(queries);
  } catch (const pqxx::sql_error& e) {
    // A catalog read waits only for ACCESS EXCLUSIVE locks (pg_get_expr locks the table it
    // prints for): name them and who holds them, as the wait ended on the session's limit.
    std::string timeout = DescribeTimeout(connection, e, /*exclusive_only=*/true);
    if (!timeout.empty()) {
      std::string what = options.url.empty() ? "the database" : MaskPassword(options.url);
      throw UserError("cannot read " + what + ": " + timeout);
    }
    std::string message = e.what();
    std::replace(message.begin(), message.end(), '\n', ' ');
    throw UserError("introspection failed: " + message);
  } catch (const pqxx::broken_connection& e) {
    throw UserError("connection lost during introspection: " + LostConnectionCause(connection, e));
  }
}

std::map<std::string, ir::ColumnType> IntrospectDomains(pqxx::connection_base& connection) {
  static const char* const kQuery =
      "select n.nspname, d.typname, format_type(e.oid, d.typtypmod), e.typtype, en.nspname, "
      "e.typname, b.typcategory = 'A' and b.typelem <> 0, "
      "exists (select 1 from pg_depend dep where dep.classid = 'pg_type'::regclass "
      "  and dep.objid = e.oid and dep.deptype = 'e') "
      "from pg_type d join pg_namespace n on n.oid = d.typnamespace "
      "join pg_type b on b.oid = d.typbasetype "
      "join pg_type e on e.oid = case when b.typcategory = 'A' and b.typelem <> 0 "
      "  then b.typelem else b.oid end "
      "join pg_namespace en on en.oid = e.typnamespace "
      "where d.typtype = 'd' and n.nspname not in ('pg_catalog', 'information_schema')";
  std::map<std::string, ir::ColumnType> domains;
  try {
    pqxx::read_transaction tx(connection);
    for (const pqxx::row& row : tx.exec(CanonicalSearchPathSql() + "; " + kQuery)) {
      ir::ColumnType type;
      std::string type_schema = row[4].c_str();
      std::string ignored_name;
      if (type_schema == "pg_catalog") {
        SplitFormattedType(row[2].c_str(), &type.name, &type.modifiers);
      } else {
        SplitFormattedType(row[2].c_str(), &ignored_name, &type.modifiers);
        type.schema = type_schema;
        type.name = row[5].c_str();
        std::string typtype = row[3].c_str();
        type.kind = typtype == "e"          ? ir::TypeKind::kEnum
                    : row[7].as<bool>()     ? ir::TypeKind::kExtension
                                            : ir::TypeKind::kOther;
      }
      type.array_dims = row[6].as<bool>() ? 1 : 0;
      domains[std::string(row[0].c_str()) + "." + row[1].c_str()] = std::move(type);
    }
  } catch (const pqxx::sql_error& e) {
    std::string timeout = DescribeTimeout(connection, e, /*exclusive_only=*/true);
    if (!timeout.empty()) throw UserError("cannot read the database's domains: " + timeout);
    std::string message = e.what();
    std::replace(message.begin(), message.end(), '\n', ' ');
    throw UserError("introspection of domains failed: " + message);
  } catch (const pqxx::broken_connection& e) {
    throw UserError("connection lost during introspection: " + LostConnectionCause(connection, e));
  }
  return domains;
}

}  // namespace schemac::pg
