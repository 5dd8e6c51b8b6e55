#include "tests/integration/pg_test_util.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <pqxx/pqxx>
#include <sstream>

#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

// postgresql://user@host:port/DB?params with DB replaced.
std::string WithDatabase(const std::string& url, const std::string& database) {
  size_t scheme = url.find("://");
  size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  size_t query = url.find('?', path == std::string::npos ? 0 : path);
  std::string params = query == std::string::npos ? "" : url.substr(query);
  std::string base = path == std::string::npos ? url.substr(0, query) : url.substr(0, path);
  return base + "/" + database + params;
}

std::string UniqueName() {
  static int counter = 0;
  auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
  return "schemac_test_" + std::to_string(getpid()) + "_" + std::to_string(ticks % 100000000) +
         "_" + std::to_string(counter++);
}

void RunSql(const std::string& url, const std::string& sql) {
  pqxx::connection c{url};
  pqxx::work w{c};
  w.exec(sql);
  w.commit();
}

template <typename T>
void Diff(std::vector<std::string>& out, const std::string& where, const T& compiled,
          const T& introspected) {
  if (compiled == introspected) return;
  std::ostringstream line;
  line << where << ": schema says " << Catch::Detail::stringify(compiled) << ", database has "
       << Catch::Detail::stringify(introspected);
  out.push_back(line.str());
}

}  // namespace

const char* EngineName(Engine engine) {
  return engine == Engine::kPglite ? "pglite" : "postgres";
}

int ExpectedServerMajor() { return server.empty() ? 15 : std::stoi(server); }

std::string EngineUrl(Engine engine) {
  std::string name = engine == Engine::kPglite ? "SCHEMAC_TEST_PGLITE_URL"
                     : server.empty()          ? "SCHEMAC_TEST_PG_URL"
                                               : "SCHEMAC_TEST_PG" + server + "_URL";
  const char* value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0') {
    FAIL(name << " is not set: run the tests through tools/test.sh, which starts the database "
                 "engines the integration tests need");
  }
  return value;
}

std::string PgDumpPath() {
  std::string bindir_var = server.empty() ? "SCHEMAC_TEST_PG_BINDIR" : "SCHEMAC_TEST_PG" + server + "_BINDIR";
  std::vector<std::filesystem::path> candidates;
  if (const char* bindir = std::getenv(bindir_var.c_str()); bindir != nullptr && *bindir != '\0') {
    candidates.push_back(std::filesystem::path(bindir) / "pg_dump");
  }
  for (int major = ExpectedServerMajor(); major <= 30; ++major) {
    candidates.push_back("/usr/lib/postgresql/" + std::to_string(major) + "/bin/pg_dump");
  }
  for (const std::filesystem::path& path : candidates) {
    if (access(path.c_str(), X_OK) == 0) return path.string();
  }
  return "";
}

std::string PgliteDevUrl() {
  const char* value = std::getenv("SCHEMAC_TEST_PGLITE_DEV_URL");
  if (value == nullptr || *value == '\0') {
    FAIL("SCHEMAC_TEST_PGLITE_DEV_URL is not set: run the tests through tools/test.sh, which "
         "starts the database engines the integration tests need");
  }
  return value;
}

std::filesystem::path SupabaseEnvSqlPath() {
  const char* value = std::getenv("SCHEMAC_TEST_SUPABASE_SQL");
  if (value == nullptr || *value == '\0') {
    FAIL("SCHEMAC_TEST_SUPABASE_SQL is not set: run the tests through tools/test.sh, which names "
         "the Supabase environment the tests load (backends/postgres/supabase_env.sql)");
  }
  return value;
}

const char* SupabasePrivilegesName(SupabasePrivileges mode) {
  return mode == SupabasePrivileges::kClassic ? "classic" : "deny";
}

SupabasePrivileges SupabasePrivilegesMode() {
  const char* value = std::getenv("SCHEMAC_TEST_SUPABASE_PRIVILEGES");
  std::string mode = value == nullptr ? "" : value;
  if (mode == "classic") return SupabasePrivileges::kClassic;
  if (mode.empty() || mode == "deny") return SupabasePrivileges::kDeny;
  FAIL("SCHEMAC_TEST_SUPABASE_PRIVILEGES is '" << mode << "': it is 'classic' or 'deny'");
  return SupabasePrivileges::kDeny;
}

std::string SupabaseSetupSql(SupabasePrivileges mode) {
  std::filesystem::path env = SupabaseEnvSqlPath();
  std::string file = std::string("supabase_privileges_") + SupabasePrivilegesName(mode) + ".sql";
  std::filesystem::path privileges = env.parent_path() / file;
  return ReadFile(env) + "\n" + ReadFile(privileges) + "\n";
}

std::string SupabaseSetupSql() { return SupabaseSetupSql(SupabasePrivilegesMode()); }

std::string PgBindir() {
  const char* value = std::getenv("SCHEMAC_TEST_PG_BINDIR");
  if (value == nullptr || *value == '\0') {
    FAIL("SCHEMAC_TEST_PG_BINDIR is not set: run the tests through tools/test.sh, which names "
         "the PostgreSQL server binaries the tests start");
  }
  return value;
}

SqlFile ReadSqlFile(const std::filesystem::path& path) {
  SqlFile file;
  file.path = path;
  file.text = ReadFile(path);
  std::istringstream lines(file.text);
  std::string line;
  while (std::getline(lines, line) && line.starts_with("--")) {
    if (line == "-- engine: pglite") file.engine = Engine::kPglite;
    if (line.starts_with("-- needs: ")) file.needs.push_back(line.substr(10));
    if (line.starts_with("-- source: ")) file.source = line.substr(11);
  }
  return file;
}

ScratchDb::ScratchDb(Engine engine) : engine_(engine) {
  admin_url_ = EngineUrl(engine);
  if (engine == Engine::kPglite) {
    // PGlite has one database and one backend: one test at a time, across test processes.
    lock_fd_ = open("/tmp/schemac-test-pglite.lock", O_CREAT | O_RDWR, 0666);
    if (lock_fd_ >= 0) flock(lock_fd_, LOCK_EX);
    url_ = admin_url_;
    Reset();
    return;
  }
  name_ = UniqueName();
  pqxx::connection c{admin_url_};
  pqxx::nontransaction n{c};
  n.exec("create database " + n.quote_name(name_));
  url_ = WithDatabase(admin_url_, name_);
}

ScratchDb::~ScratchDb() {
  try {
    if (engine_ == Engine::kPglite) {
      Reset();
    } else {
      pqxx::connection c{admin_url_};
      pqxx::nontransaction n{c};
      n.exec("drop database if exists " + n.quote_name(name_) + " with (force)");
    }
  } catch (const std::exception& e) {
    WARN("could not clean up the scratch database: " << e.what());
  }
  if (lock_fd_ >= 0) close(lock_fd_);  // Releases the lock.
}

void ScratchDb::Reset() {
  RunSql(url_,
         "do $$ declare r record; begin "
         "for r in select pubname from pg_publication loop "
         "  execute format('drop publication %I', r.pubname); end loop; "
         "for r in select nspname from pg_namespace where nspname not like 'pg\\_%' "
         "  and nspname <> 'information_schema' loop "
         "  execute format('drop schema %I cascade', r.nspname); end loop; "
         "for r in select extname from pg_extension where extname <> 'plpgsql' loop "
         "  execute format('drop extension %I cascade', r.extname); end loop; "
         "execute format('alter database %I reset search_path', current_database()); "
         "end $$; create schema public; grant all on schema public to public");
}

void ScratchDb::Exec(const std::string& sql) { RunSql(url_, sql); }

void ScratchDb::Load(const SqlFile& file) {
  LoadNeeds(file, false);
  Exec(file.text);
}

void ScratchDb::LoadNeeds(const SqlFile& file, bool platform_only) {
  std::string setup;
  for (const std::string& need : file.needs) {
    bool platform = need == "supabase" || need.starts_with("role ");
    if (platform_only && !platform) continue;
    if (need == "supabase") {
      setup += SupabaseSetupSql();
    } else if (need.starts_with("role ")) {
      std::string role = need.substr(5);
      setup += "do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role +
               "') then create role " + role + "; end if; end $$;\n";
    } else if (need.starts_with("schema ")) {
      setup += "create schema if not exists " + need.substr(7) + ";\n";
    } else {
      setup += "create " + need + ";\n";
    }
  }
  if (!setup.empty()) Exec(setup);
}

std::vector<std::string> StructuralDifferences(const ir::Schema& compiled,
                                               const ir::Schema& introspected) {
  std::vector<std::string> out;
  for (const ir::Extension& e : compiled.extensions) {
    bool found = std::any_of(introspected.extensions.begin(), introspected.extensions.end(),
                             [&](const ir::Extension& x) { return x.name == e.name; });
    if (!found) out.push_back("extension " + e.name + " missing");
  }
  for (const ir::Enum& e : compiled.enums) {
    const ir::Enum* got = introspected.FindEnum(e.name);
    if (got == nullptr) {
      out.push_back("enum " + e.name.ToString() + " missing");
      continue;
    }
    std::vector<std::string> want_labels, got_labels;
    for (const auto& v : e.values) want_labels.push_back(v.label);
    for (const auto& v : got->values) got_labels.push_back(v.label);
    Diff(out, "enum " + e.name.ToString() + " values", want_labels, got_labels);
    Diff(out, "enum " + e.name.ToString() + " comment", e.comment, got->comment);
  }
  for (const ir::Table& want : compiled.tables) {
    if (want.is_extern) continue;
    std::string t = "table " + want.name.ToString();
    const ir::Table* got = introspected.FindTable(want.name);
    if (got == nullptr) {
      out.push_back(t + " missing");
      continue;
    }
    std::vector<std::string> want_columns, got_columns;
    for (const auto& c : want.columns) want_columns.push_back(c.name);
    for (const auto& c : got->columns) got_columns.push_back(c.name);
    Diff(out, t + " columns", want_columns, got_columns);
    for (const ir::Column& c : want.columns) {
      const ir::Column* g = got->FindColumn(c.name);
      if (g == nullptr) continue;
      std::string where = t + "." + c.name;
      Diff(out, where + " type", c.type.ToSql(), g->type.ToSql());
      Diff(out, where + " nullable", c.nullable, g->nullable);
      Diff(out, where + " not null name", c.not_null_name, g->not_null_name);
      Diff(out, where + " not null no inherit", c.not_null_no_inherit, g->not_null_no_inherit);
      Diff(out, where + " not null not valid", c.not_null_not_valid, g->not_null_not_valid);
      Diff(out, where + " has default", !c.default_sql.empty(), !g->default_sql.empty());
      Diff(out, where + " identity", std::string(ir::ToString(c.identity)),
           std::string(ir::ToString(g->identity)));
      Diff(out, where + " generated", std::string(ir::ToString(c.generated)),
           std::string(ir::ToString(g->generated)));
      Diff(out, where + " collation", c.collation, g->collation);
      Diff(out, where + " comment", c.comment, g->comment);
    }
    Diff(out, t + " comment", want.comment, got->comment);
    Diff(out, t + " primary key", want.primary_key ? want.primary_key->name : "",
         got->primary_key ? got->primary_key->name : "");
    if (want.primary_key && got->primary_key) {
      Diff(out, t + " primary key columns", want.primary_key->columns, got->primary_key->columns);
    }
    std::vector<std::string> a, b;
    for (const auto& u : want.uniques) a.push_back(u.name + (u.nulls_not_distinct ? " nnd " : " ") + Catch::Detail::stringify(u.columns) + (u.deferrable ? " deferrable" : "") + u.comment);
    for (const auto& u : got->uniques) b.push_back(u.name + (u.nulls_not_distinct ? " nnd " : " ") + Catch::Detail::stringify(u.columns) + (u.deferrable ? " deferrable" : "") + u.comment);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    Diff(out, t + " unique constraints", a, b);
    a.clear(), b.clear();
    for (const auto& c : want.checks) a.push_back(c.name + (c.no_inherit ? " no inherit" : ""));
    for (const auto& c : got->checks) b.push_back(c.name + (c.no_inherit ? " no inherit" : ""));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    Diff(out, t + " checks", a, b);
    a.clear(), b.clear();
    auto fk_text = [](const ir::ForeignKey& fk) {
      return fk.name + " " + Catch::Detail::stringify(fk.columns) + " -> " +
             fk.ref_table.ToString() + Catch::Detail::stringify(fk.ref_columns) + " delete " +
             ir::ToString(fk.on_delete) + " update " + ir::ToString(fk.on_update) +
             (fk.deferrable ? " deferrable" : "") + (fk.initially_deferred ? " deferred" : "") +
             (fk.match_full ? " match full" : "") + fk.comment;
    };
    for (const auto& fk : want.foreign_keys) a.push_back(fk_text(fk));
    for (const auto& fk : got->foreign_keys) b.push_back(fk_text(fk));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    Diff(out, t + " foreign keys", a, b);
    std::vector<std::string> want_indexes, got_indexes;
    for (const auto& i : want.indexes) want_indexes.push_back(i.name);
    for (const auto& i : got->indexes) got_indexes.push_back(i.name);
    std::sort(want_indexes.begin(), want_indexes.end());
    std::sort(got_indexes.begin(), got_indexes.end());
    Diff(out, t + " indexes", want_indexes, got_indexes);
    for (const ir::Index& i : want.indexes) {
      auto it = std::find_if(got->indexes.begin(), got->indexes.end(),
                             [&](const ir::Index& x) { return x.name == i.name; });
      if (it == got->indexes.end()) continue;
      std::string where = t + " index " + i.name;
      Diff(out, where + " unique", i.unique, it->unique);
      Diff(out, where + " method", i.method, it->method);
      Diff(out, where + " include", i.include, it->include);
      Diff(out, where + " nulls not distinct", i.nulls_not_distinct, it->nulls_not_distinct);
      Diff(out, where + " has predicate", !i.where.empty(), !it->where.empty());
      Diff(out, where + " key count", i.keys.size(), it->keys.size());
      for (size_t k = 0; k < i.keys.size() && k < it->keys.size(); ++k) {
        const ir::IndexKey& x = i.keys[k];
        const ir::IndexKey& y = it->keys[k];
        std::string key = where + " key " + std::to_string(k + 1);
        Diff(out, key + " column", x.column, y.column);
        Diff(out, key + " is expression", !x.expression.empty(), !y.expression.empty());
        if (!x.opclass.empty()) Diff(out, key + " opclass", x.opclass, y.opclass);
        Diff(out, key + " desc", x.order == ir::SortOrder::kDesc, y.order == ir::SortOrder::kDesc);
        Diff(out, key + " nulls first", x.nulls_first, y.nulls_first);
        Diff(out, key + " collation", x.collation, y.collation);
      }
      std::vector<std::string> want_with, got_with;
      for (const auto& [k, v] : i.with) want_with.push_back(k + "=" + v);
      for (const auto& [k, v] : it->with) got_with.push_back(k + "=" + v);
      Diff(out, where + " with", want_with, got_with);
    }
    Diff(out, t + " rls", want.rls_enabled, got->rls_enabled);
    Diff(out, t + " rls force", want.rls_forced, got->rls_forced);
    a.clear(), b.clear();
    auto policy_text = [](const ir::Policy& p) {
      return p.name + (p.permissive ? " permissive " : " restrictive ") +
             ir::ToString(p.command) + " " + Catch::Detail::stringify(p.roles) +
             (p.using_expr.empty() ? "" : " using") + (p.with_check.empty() ? "" : " check") +
             (p.comment.empty() ? "" : " /// " + p.comment);
    };
    for (const auto& p : want.policies) a.push_back(policy_text(p));
    for (const auto& p : got->policies) b.push_back(policy_text(p));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    Diff(out, t + " policies", a, b);
    a.clear(), b.clear();
    for (const auto& g : want.grants) a.push_back(g.role + " " + Catch::Detail::stringify(g.privileges));
    for (const auto& g : got->grants) b.push_back(g.role + " " + Catch::Detail::stringify(g.privileges));
    Diff(out, t + " grants", a, b);
    a.clear(), b.clear();
    for (const auto& p : want.publications) {
      a.push_back(p.name + Catch::Detail::stringify(p.columns) + (p.row_filter.empty() ? "" : " where"));
    }
    for (const auto& p : got->publications) {
      b.push_back(p.name + Catch::Detail::stringify(p.columns) + (p.row_filter.empty() ? "" : " where"));
    }
    Diff(out, t + " publications", a, b);
    Diff(out, t + " replica identity full", want.replica_identity == ir::ReplicaIdentity::kFull,
         got->replica_identity == ir::ReplicaIdentity::kFull);
  }
  return out;
}

}  // namespace schemac::testing
