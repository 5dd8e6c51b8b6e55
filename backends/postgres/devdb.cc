#include "backends/postgres/devdb.h"

#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iterator>
#include <sstream>

#include <pqxx/pqxx>

#include "backends/postgres/build_errors.h"
#include "backends/postgres/canonical_cache.h"
#include "backends/postgres/connection.h"
#include "backends/postgres/extension_versions.h"
#include "backends/postgres/runner.h"
#include "compiler/identifiers.h"
#include "supabase_env_sql.h"

namespace schemac::pg {

std::string WithDatabase(const std::string& url, const std::string& name) {
  // libpq takes any connection keyword as a URI query parameter; a later one wins.
  if (url.find("://") != std::string::npos) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "dbname=" + name;
  }
  return url + " dbname=" + name;
}

DevDatabase::DevDatabase(std::string dev_url, DevServerOptions server_options)
    : dev_url_(std::move(dev_url)), server_options_(std::move(server_options)) {}

DevDatabase::~DevDatabase() = default;

std::string DevDatabase::Identity() const {
  if (!dev_url_.empty()) return "url " + MaskPassword(dev_url_);
  std::string bindir = FindServerBindir(server_options_.bindir);
  struct stat info {};
  stat((bindir + "/postgres").c_str(), &info);
  // A schema the embedded server cannot build is built on the PGlite engine: both count.
  return fmt::format("embedded {} {} {}.{}\n{}", bindir, info.st_size, info.st_mtim.tv_sec,
                     info.st_mtim.tv_nsec, PgliteIdentity());
}

namespace {

std::string Where(const ir::Origin& origin) {
  if (origin.file.empty()) return "";
  return fmt::format(" (declared at {}:{}:{})", origin.file, origin.line, origin.col);
}

}  // namespace

const DevDatabase::ServerFacts& DevDatabase::FactsOf(const std::string& url) {
  if (auto known = facts_.find(url); known != facts_.end()) return known->second;
  ServerFacts facts;
  std::unique_ptr<pqxx::connection> connection = Connect(url);
  facts.version = connection->server_version();
  pqxx::result available =
      pqxx::nontransaction(*connection).exec("SELECT name FROM pg_available_extensions");
  for (const pqxx::row& row : available) facts.extensions.insert(row[0].c_str());
  return facts_.emplace(url, std::move(facts)).first->second;
}

std::vector<const ir::Extension*> DevDatabase::Unavailable(
    const std::string& url, const std::vector<ir::Extension>& extensions) {
  std::vector<const ir::Extension*> missing;
  if (extensions.empty()) return missing;
  const std::set<std::string>& available = FactsOf(url).extensions;
  for (const ir::Extension& extension : extensions) {
    if (!available.contains(extension.name)) missing.push_back(&extension);
  }
  return missing;
}

const std::string& DevDatabase::ServerUrl(const std::vector<ir::Extension>& extensions,
                                          const ServerNeed& need) {
  // "the <object> (declared at ...) needs PostgreSQL N, and <server> runs V"
  auto too_old = [&](const std::string& server, int version) {
    return fmt::format("the {}{} needs PostgreSQL {}, and {} runs {}", need.what,
                       Where(need.origin), need.version / 10000, server,
                       ServerVersionText(version));
  };
  if (!dev_url_.empty()) {
    if (need.version > 0) {
      int version = FactsOf(dev_url_).version;
      if (version < need.version) {
        throw UserError(too_old("the dev database " + MaskPassword(dev_url_), version) +
                    ": pass --dev-url to a newer server");
      }
    }
    return dev_url_;
  }
  if (server_ == nullptr) server_ = EmbeddedServer::Start(server_options_);
  std::string server = fmt::format("the embedded PostgreSQL ({})", server_->bindir());
  std::string reason;  // why the embedded server cannot build this schema
  if (need.version > server_->server_version()) {
    reason = too_old(server, server_->server_version());
  } else if (std::vector<const ir::Extension*> missing = Unavailable(server_->url(), extensions);
             !missing.empty()) {
    reason = fmt::format("extension \"{}\"{} is not available on {}", missing.front()->name,
                         Where(missing.front()->origin), server);
  }
  if (reason.empty()) return server_->url();
  if (pglite_ == nullptr) {
    std::string prefix = FindPglitePrefix();
    if (prefix.empty()) {
      throw UserError(fmt::format(
          "{}, and the PGlite engine (PostgreSQL 18 with pgvector, citext) is {}; or pass "
          "--dev-url URL to a server that has it (e.g. a Supabase local database)",
          reason, PgliteNotFound()));
    }
    pglite_ = EmbeddedPglite::Start(prefix);
  }
  if (need.version > 0) {
    int version = FactsOf(pglite_->url()).version;
    if (version < need.version) {
      throw UserError(too_old("the PGlite engine", version) + ": pass --dev-url URL to a newer server");
    }
  }
  std::vector<const ir::Extension*> missing = Unavailable(pglite_->url(), extensions);
  if (!missing.empty()) {
    throw UserError(fmt::format(
        "extension \"{}\"{} is available neither on {} nor on the PGlite engine: pass "
        "--dev-url URL to a server that has it (e.g. a Supabase local database)",
        missing.front()->name, Where(missing.front()->origin), server));
  }
  return pglite_->url();
}

ir::Schema DevDatabase::Materialize(const std::string& sql, bool supabase,
                                    const IntrospectOptions& options,
                                    const std::vector<ir::Extension>& extensions,
                                    const ServerNeed& need) {
  return Build(
      [&](pqxx::connection& connection) {
        pqxx::work tx(connection);
        tx.exec(sql);
        tx.commit();
      },
      supabase, options, extensions, need);
}

ir::Schema DevDatabase::Replay(const std::vector<std::string>& migrations, bool supabase,
                               const IntrospectOptions& options) {
  return Build(
      [&](pqxx::connection& connection) {
        for (const std::string& migration : migrations) RunMigration(connection, migration);
      },
      supabase, options);
}

namespace {

// Objects in the database that are not PostgreSQL's own: schemas but public, anything in
// public, extensions but plpgsql, publications.
constexpr const char* kCountUserObjects =
    "SELECT (SELECT count(*) FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
    "  AND nspname NOT IN ('information_schema', 'public')) "
    "+ (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace) "
    "+ (SELECT count(*) FROM pg_type WHERE typnamespace = 'public'::regnamespace) "
    "+ (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace) "
    "+ (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql') "
    "+ (SELECT count(*) FROM pg_publication)";

// Empties a database that was empty before a build: drops what the build made and makes
// public again as it was (owner, privileges, comment).
constexpr const char* kEmptyDatabase = R"(DO $schemac$
DECLARE
  r record;
  owner text := (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public');
  acl aclitem[] := (SELECT nspacl FROM pg_namespace WHERE nspname = 'public');
  note text := obj_description('public'::regnamespace, 'pg_namespace');
BEGIN
  FOR r IN SELECT pubname FROM pg_publication LOOP
    EXECUTE format('DROP PUBLICATION %I', r.pubname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\_%'
      AND nspname <> 'information_schema' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION %I CASCADE', r.extname);
  END LOOP;
  EXECUTE format('CREATE SCHEMA public AUTHORIZATION %s', owner);
  EXECUTE 'REVOKE ALL ON SCHEMA public FROM PUBLIC';
  FOR r IN SELECT grantee, privilege_type FROM aclexplode(acl) LOOP
    EXECUTE format('GRANT %s ON SCHEMA public TO %s', r.privilege_type,
                   CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE r.grantee::regrole::text END);
  END LOOP;
  EXECUTE format('COMMENT ON SCHEMA public IS %L', note);
END $schemac$)";

}  // namespace

namespace {

// True when the engine process `pid` (our child) has exited or is exiting: gone, a zombie not
// reaped yet, or still tearing down (PF_EXITING: a killed process closes its sockets, which is
// how schemac notices, before it turns into a zombie).
bool Exited(pid_t pid) {
  if (pid <= 0) return false;
  if (kill(pid, 0) != 0) return errno == ESRCH;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t paren = stat.rfind(')');
  if (paren == std::string::npos) return true;  // gone while reading
  // After "pid (comm) ": state ppid pgrp session tty_nr tpgid flags ...
  std::istringstream fields(stat.substr(paren + 1));
  char state = '?';
  long skip = 0;
  unsigned long flags = 0;
  fields >> state >> skip >> skip >> skip >> skip >> skip >> flags;
  constexpr unsigned long kPfExiting = 0x4;
  return state == 'Z' || state == 'X' || (flags & kPfExiting) != 0;
}

// An engine schemac started that dies while in use (a crash, the OOM killer, kill -9) shows up
// as whatever call was running: a lost connection, a failed commit, libpq text over several
// lines, "Could not obtain client encoding". The error says that the engine stopped, on one
// line. Otherwise a lost connection (`lost`) says so, naming the server; other errors are
// kept, on one line (UserError promises one line; libpq text may not be).
UserError EngineFailure(const std::string& dev_url, const EmbeddedServer* server,
                    const EmbeddedPglite* pglite, bool lost, const std::string& cause) {
  std::string text = MaskPassword(OneLine(cause));
  if (server != nullptr && Exited(server->pid())) {
    return UserError(fmt::format("the embedded PostgreSQL dev database ({}) stopped while the schema "
                             "was built on it (it crashed or was killed): {}",
                             server->bindir(), text));
  }
  if (pglite != nullptr && Exited(pglite->pid())) {
    return UserError(fmt::format("the PGlite dev database engine stopped while the schema was built "
                             "on it (it crashed or was killed): {}",
                             text));
  }
  if (!lost) return UserError(text);
  std::string url = !dev_url.empty() ? dev_url
                    : pglite != nullptr ? pglite->url()
                    : server != nullptr ? server->url()
                                        : "";
  return UserError(
      fmt::format("lost the connection to the dev database {}: {}", MaskPassword(url), text));
}

}  // namespace

ir::Schema DevDatabase::Build(const std::function<void(pqxx::connection&)>& build, bool supabase,
                              const IntrospectOptions& options,
                              const std::vector<ir::Extension>& extensions,
                              const ServerNeed& need) try {
  const std::string& server_url = ServerUrl(extensions, need);
  RequireExtensionVersions(server_url, dev_url_, extensions);
  std::string name = fmt::format("schemac_dev_{}_{}", getpid(), ++databases_);
  std::unique_ptr<pqxx::connection> admin = Connect(server_url);
  try {
    pqxx::nontransaction(*admin).exec("CREATE DATABASE " + QuoteSqlIdent(name));
  } catch (const pqxx::insufficient_privilege&) {
    admin.reset();
    return BuildInPlace(server_url, build, supabase, options);  // No CREATEDB.
  } catch (const std::exception& e) {
    throw UserError(fmt::format("cannot create a database on the dev server {}: {}",
                            MaskPassword(server_url), OneLine(e.what())));
  }
  // Dropped whatever happens below.
  struct Dropper {
    pqxx::connection& admin;
    std::string name;
    ~Dropper() {
      try {
        pqxx::nontransaction(admin).exec("DROP DATABASE IF EXISTS " + QuoteSqlIdent(name) +
                                         " WITH (FORCE)");
      } catch (const std::exception&) {
        // Nothing better to do on the way out; the server is throwaway or the user's dev one.
      }
    }
  } dropper{*admin, name};
  std::string url = WithDatabase(server_url, name);
  std::unique_ptr<pqxx::connection> connection = Connect(url);
  // An engine with one database (PGlite) accepts CREATE DATABASE and then connects every name
  // to that one database.
  if (pqxx::nontransaction(*connection).exec1("SELECT current_database()")[0].c_str() != name) {
    connection.reset();
    return BuildInPlace(server_url, build, supabase, options);
  }
  return BuildOn(*connection, url, build, supabase, options);
} catch (const BuildFailed&) {
  throw;  // The schema's own errors, at their places: the engine is fine.
} catch (const UserError& e) {
  throw EngineFailure(dev_url_, server_.get(), pglite_.get(), false, e.what());
} catch (const pqxx::broken_connection& e) {
  throw EngineFailure(dev_url_, server_.get(), pglite_.get(), true, e.what());
} catch (const pqxx::in_doubt_error& e) {
  throw EngineFailure(dev_url_, server_.get(), pglite_.get(), true, e.what());
}

ir::Schema DevDatabase::BuildInPlace(const std::string& url,
                                     const std::function<void(pqxx::connection&)>& build,
                                     bool supabase, const IntrospectOptions& options) {
  std::unique_ptr<pqxx::connection> connection = Connect(url);
  int64_t objects =
      pqxx::nontransaction(*connection).exec1(kCountUserObjects)[0].as<int64_t>();
  if (objects != 0) {
    throw UserError(fmt::format(
        "the dev database {} is not empty ({} objects), and schemac cannot create databases "
        "on that server (no CREATEDB, or an engine with one database such as PGlite): it "
        "builds each schema there and empties it afterwards, so it must start empty; pass "
        "--dev-url to an empty database",
        MaskPassword(url), objects));
  }
  // Emptied whatever happens below, as it was found.
  struct Emptier {
    pqxx::connection& connection;
    ~Emptier() {
      try {
        pqxx::nontransaction(connection).exec(kEmptyDatabase);
      } catch (const std::exception&) {
        // The next build refuses the database as not empty, naming it.
      }
    }
  } emptier{*connection};
  return BuildOn(*connection, url, build, supabase, options);
}

ir::Schema DevDatabase::BuildOn(pqxx::connection& connection, const std::string& url,
                                const std::function<void(pqxx::connection&)>& build,
                                bool supabase, const IntrospectOptions& options) {
  try {
    if (supabase) pqxx::nontransaction(connection).exec(kSupabaseEnvSql);
    build(connection);
  } catch (const pqxx::sql_error& e) {
    throw UserError("the schema could not be built on the dev database: " + OneLine(e.what()));
  } catch (const BuildFailed&) {
    throw;
  } catch (const UserError& e) {
    throw UserError(std::string("the schema could not be built on the dev database: ") + e.what());
  }
  IntrospectOptions with_url = options;
  with_url.url = url;
  return Introspect(connection, with_url);
}

namespace {

IntrospectOptions ScopeOptions(const CatalogScope& scope) {
  return {scope.schemas, scope.exclude_schemas, {}};
}

}  // namespace

// Each input below starts with what kind it is, so that the same text built another way has a
// cache entry of its own.

ir::Schema DevDatabase::BuildSchema(const ir::Schema& compiled, const CatalogScope& scope) {
  IntrospectOptions introspect = ScopeOptions(scope);
  std::string prefix = CreateRolesSql(compiled) + CreateExternStubsSql(compiled);
  std::string sql = prefix + CreateSql(compiled);
  bool supabase = compiled.target == ir::Target::kSupabase;
  return Cached(std::string("schema ") + (supabase ? "supabase" : "postgres") + "\n" + sql,
                [this] { return Identity(); }, introspect, [&] {
                  // As Materialize, with the schema's failures at their places (RunCreate).
                  return Build(
                      [&](pqxx::connection& connection) {
                        RunCreate(connection, sql, prefix, compiled);
                      },
                      supabase, introspect, compiled.extensions, NeededServer(compiled));
                });
}

ir::Schema DevDatabase::BuildSql(const std::vector<std::string>& files,
                                 const CatalogScope& scope) {
  IntrospectOptions introspect = ScopeOptions(scope);
  std::string sql;
  for (const std::string& file : files) sql += file + "\n;\n";
  return Cached("sql supabase\n" + sql, [this] { return Identity(); }, introspect,
                [&] { return Materialize(sql, /*supabase=*/true, introspect); });
}

ir::Schema DevDatabase::ReplayMigrations(const std::vector<std::string>& migrations,
                                         const CatalogScope& scope) {
  IntrospectOptions introspect = ScopeOptions(scope);
  std::string inputs = "replay\n";
  for (const std::string& migration : migrations) inputs += migration + "\n-- schemac:next\n";
  return Cached(inputs, [this] { return Identity(); }, introspect,
                [&] { return Replay(migrations, /*supabase=*/true, introspect); });
}

}  // namespace schemac::pg
