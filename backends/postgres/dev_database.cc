#include "backends/postgres/dev_database.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
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
  return fmt::format("embedded {} {} {}.{}", bindir, info.st_size, info.st_mtim.tv_sec,
                     info.st_mtim.tv_nsec);
}

const std::string& DevDatabase::ServerUrl() {
  if (!dev_url_.empty()) return dev_url_;
  if (server_ == nullptr) server_ = EmbeddedServer::Start(server_options_);
  return server_->url();
}

ir::Schema DevDatabase::Materialize(const std::string& sql, bool supabase,
                                    const IntrospectOptions& options) {
  return Build(
      [&](pqxx::connection& connection) {
        pqxx::work tx(connection);
        tx.exec(sql);
        tx.commit();
      },
      supabase, options);
}

ir::Schema DevDatabase::Replay(const std::vector<std::string>& migrations, bool supabase,
                               const IntrospectOptions& options) {
  return Build(
      [&](pqxx::connection& connection) {
        for (const std::string& migration : migrations) RunMigration(connection, migration);
      },
      supabase, options);
}

ir::Schema DevDatabase::Build(const std::function<void(pqxx::connection&)>& build, bool supabase,
                              const IntrospectOptions& options) {
  const std::string& server_url = ServerUrl();
  std::string name = fmt::format("schemac_dev_{}_{}", getpid(), ++databases_);
  std::unique_ptr<pqxx::connection> admin = Connect(server_url);
  try {
    pqxx::nontransaction(*admin).exec("CREATE DATABASE " + QuoteSqlIdent(name));
  } catch (const std::exception& e) {
    throw Error(fmt::format("cannot create a database on the dev server {}: {}",
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
  // to that one database: building there would leave the schema behind.
  if (pqxx::nontransaction(*connection).exec1("SELECT current_database()")[0].c_str() != name) {
    throw Error(fmt::format(
        "the dev server {} keeps a single database (PGlite?): schemac cannot build throwaway "
        "databases there; pass --dev-url to a PostgreSQL server",
        MaskPassword(server_url)));
  }
  try {
    if (supabase) pqxx::nontransaction(*connection).exec(kSupabaseEnvSql);
    build(*connection);
  } catch (const pqxx::sql_error& e) {
    throw Error("the schema could not be built on the dev database: " + OneLine(e.what()));
  } catch (const Error& e) {
    throw Error(std::string("the schema could not be built on the dev database: ") + e.what());
  }
  IntrospectOptions with_url = options;
  with_url.url = url;
  ir::Schema schema = Introspect(*connection, with_url);
  connection.reset();
  return schema;
}

}  // namespace schemac::pg
