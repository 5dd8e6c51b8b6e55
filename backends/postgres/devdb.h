#pragma once
// Canonical forms: a schema is built on a dev database and read back by the same introspection
// that reads live databases, so both sides of a diff come from PostgreSQL's catalog. DevDatabase
// is the CatalogBuilder (compiler/catalog.h) of the compare pipeline, and owns the canonical
// cache (canonical_cache.h): what it built once with the same inputs is not built again. The dev
// database is a throwaway database on the server `--dev-url` names, or on the embedded server
// (engines/embedded_server.h) started on first use. Where no database can be created (a role without CREATEDB,
// an engine with one database such as PGlite), the database the URL names is used, only when it
// is empty, and is left empty.

#include <functional>
#include <map>
#include <memory>
#include <pqxx/connection>
#include <set>
#include <string>
#include <vector>

#include "backends/postgres/create_sql.h"
#include "backends/postgres/engines/embedded_server.h"
#include "backends/postgres/engines/pglite.h"
#include "backends/postgres/introspect.h"
#include "compiler/catalog.h"
#include "compiler/ir.h"

namespace schemac::pg {

class DevDatabase : public CatalogBuilder {
 public:
  /// `dev_url` empty: the embedded server, started on first use.
  explicit DevDatabase(std::string dev_url, DevServerOptions server_options = {});
  ~DevDatabase() override;

  /// CatalogBuilder, through the canonical cache: the roles (CreateRolesSql), extern stand-ins
  /// (CreateExternStubsSql) and objects (CreateSql) of `compiled`, materialized after the
  /// Supabase environment when its target is Supabase, with its extensions and the server it
  /// needs (NeededServer) choosing the engine as Materialize says. Statements of the schema
  /// that fail throw BuildFailed (compiler/build_failure.h): each independent failure at its
  /// place in the .schema files (build_errors.h).
  ir::Schema BuildSchema(const ir::Schema& compiled, const CatalogScope& scope) override;
  /// CatalogBuilder, through the canonical cache: the files joined (each followed by "\n;\n")
  /// and materialized after the Supabase environment.
  ir::Schema BuildSql(const std::vector<std::string>& files, const CatalogScope& scope) override;
  /// CatalogBuilder, through the canonical cache: Replay after the Supabase environment.
  ir::Schema ReplayMigrations(const std::vector<std::string>& migrations,
                              const CatalogScope& scope) override;

  /// Creates a fresh database, loads the Supabase environment (backends/postgres/
  /// supabase_env.sql) when `supabase`, runs `sql` in one transaction, introspects the result
  /// and drops the database (or empties the URL's own, see above). Throws UserError when the
  /// server cannot be reached, a database cannot be created (or the URL's is not empty), or
  /// `sql` fails (with PostgreSQL's message).
  ///
  /// `extensions` are the ones the schema declares. Without --dev-url, when the embedded server
  /// lacks one of them, the PGlite engine (engines/pglite.h) is started and used instead if it is
  /// installed and has them; else the error names the extension, where it is declared, and the
  /// ways out.
  ///
  /// `need` is the newest server the SQL needs (create_sql.h): an older --dev-url is refused;
  /// an older embedded server gives way to the PGlite engine (PostgreSQL 18) as above.
  ir::Schema Materialize(const std::string& sql, bool supabase, const IntrospectOptions& options,
                         const std::vector<ir::Extension>& extensions = {},
                         const ServerNeed& need = {});

  /// What the canonical forms built here depend on, for caching them: the dev URL (password
  /// masked), or the embedded server's binaries (path, size and time of `postgres`) and the
  /// PGlite engine's packages (PgliteIdentity()).
  std::string Identity() const;

  /// The same with migration files (backends/postgres/runner.h), run one after the other.
  ir::Schema Replay(const std::vector<std::string>& migrations, bool supabase,
                    const IntrospectOptions& options);

 private:
  // The server to build on: --dev-url's, else the embedded one, else (for `extensions` it
  // lacks) the PGlite engine.
  const std::string& ServerUrl(const std::vector<ir::Extension>& extensions,
                               const ServerNeed& need);
  // What a server can build: its version and the extensions it can create.
  struct ServerFacts {
    int version = 0;
    std::set<std::string> extensions;
  };
  // The facts of the server at `url`, read on first use (one connection) and kept: a command
  // that builds several schemas asks once per server.
  const ServerFacts& FactsOf(const std::string& url);
  // The extensions of `extensions` the server at `url` cannot create.
  std::vector<const ir::Extension*> Unavailable(const std::string& url,
                                                const std::vector<ir::Extension>& extensions);
  // Runs `build` on a fresh database (after the Supabase environment when `supabase`) and
  // introspects it.
  ir::Schema Build(const std::function<void(pqxx::connection&)>& build, bool supabase,
                   const IntrospectOptions& options,
                   const std::vector<ir::Extension>& extensions = {},
                   const ServerNeed& need = {});
  // The same in the server URL's own database, which must be empty and is emptied afterwards.
  ir::Schema BuildInPlace(const std::string& url,
                          const std::function<void(pqxx::connection&)>& build, bool supabase,
                          const IntrospectOptions& options);
  // Builds and introspects on `connection` (to `url`).
  ir::Schema BuildOn(pqxx::connection& connection, const std::string& url,
                     const std::function<void(pqxx::connection&)>& build, bool supabase,
                     const IntrospectOptions& options);

  std::string dev_url_;
  DevServerOptions server_options_;
  std::unique_ptr<EmbeddedServer> server_;
  std::unique_ptr<EmbeddedPglite> pglite_;
  std::map<std::string, ServerFacts> facts_;  // by server URL
  int databases_ = 0;
};

/// `url` pointing at database `name` instead (URL or key=value form).
std::string WithDatabase(const std::string& url, const std::string& name);

}  // namespace schemac::pg
