#pragma once
// Real databases for the integration tests: tools/test.sh starts PostgreSQL 15 and PGlite
// (PostgreSQL 18 with pgvector) and passes their URLs in SCHEMAC_TEST_* variables. A test takes a
// ScratchDb: a fresh database on PostgreSQL, the emptied single database on PGlite (one test at
// a time there, across processes).

#include <filesystem>
#include <string>
#include <vector>

#include "compiler/ir.h"

namespace schemac::testing {

enum class Engine { kPostgres, kPglite };

const char* EngineName(Engine engine);

/// The engine's URL; fails the test (it does not skip) when tools/test.sh did not set it. For
/// kPostgres, the server of `--server N` (SCHEMAC_TEST_PG<N>_URL), else Debian's 15.
std::string EngineUrl(Engine engine);

/// The major version of the kPostgres engine: `--server N`, else 15.
int ExpectedServerMajor();

/// A pg_dump that can dump the kPostgres engine's server (of its major version or newer): the
/// one next to its server binaries (SCHEMAC_TEST_PG_BINDIR, SCHEMAC_TEST_PG<N>_BINDIR), else
/// Debian's /usr/lib/postgresql/<M>/bin/pg_dump for M from the server's major up to 30; empty
/// when there is none (npm's servers ship no pg_dump, Debian 12 has only 15's).
std::string PgDumpPath();

/// A second PGlite, for `--dev-url` when the schema needs pgvector while the first PGlite holds
/// the database under test (SCHEMAC_TEST_PGLITE_DEV_URL; only the example migration goldens use
/// it, one command at a time).
std::string PgliteDevUrl();

/// SCHEMAC_TEST_SUPABASE_SQL, the Supabase environment's SQL file; fails the test (no fallback
/// to the source tree's copy) when tools/test.sh did not set it.
std::filesystem::path SupabaseEnvSqlPath();

/// Supabase's two privilege modes for new objects in public (docs/dsl.md, "target"): classic
/// grants them in full to anon, authenticated and service_role by default privileges; deny
/// grants them nothing.
enum class SupabasePrivileges { kClassic, kDeny };

const char* SupabasePrivilegesName(SupabasePrivileges mode);

/// SCHEMAC_TEST_SUPABASE_PRIVILEGES: `classic` or `deny`; unset or empty is deny (tools/test.sh
/// runs everything in deny and the [supabase] tests again in classic). Any other value fails the
/// test.
SupabasePrivileges SupabasePrivilegesMode();

/// The SQL that makes a database Supabase-like: the environment (SupabaseEnvSqlPath()) followed
/// by the privilege mode's file next to it (supabase_privileges_classic.sql or
/// supabase_privileges_deny.sql), by default the mode of SupabasePrivilegesMode().
std::string SupabaseSetupSql();
std::string SupabaseSetupSql(SupabasePrivileges mode);

/// SCHEMAC_TEST_PG_BINDIR, the server binaries of the kPostgres engine (Debian's 15); fails the
/// test (no fallback to a guessed directory) when tools/test.sh did not set it.
std::string PgBindir();

/// The header lines of a hand-written SQL file under tests/sql: `-- engine: pglite` and
/// `-- needs: supabase | role R | schema S | table T(...)`.
struct SqlFile {
  std::filesystem::path path;
  std::string text;
  Engine engine = Engine::kPostgres;
  std::vector<std::string> needs;
  std::filesystem::path source;  ///< `-- source: PATH` (a .schema file or its directory).
};
SqlFile ReadSqlFile(const std::filesystem::path& path);

class ScratchDb {
 public:
  explicit ScratchDb(Engine engine);
  ~ScratchDb();
  ScratchDb(const ScratchDb&) = delete;
  ScratchDb& operator=(const ScratchDb&) = delete;

  Engine engine() const { return engine_; }
  const std::string& url() const { return url_; }

  /// Runs SQL in one transaction.
  void Exec(const std::string& sql);
  /// Creates what the file needs (the Supabase-like environment with the privilege mode of
  /// SupabasePrivilegesMode(), roles, schemas, tables); with
  /// `platform_only`, only the environment and roles (a pulled schema holds the rest).
  void LoadNeeds(const SqlFile& file, bool platform_only);
  /// LoadNeeds, then runs the file in one transaction.
  void Load(const SqlFile& file);
  /// Drops every schema, extension and publication and the database's own search_path setting
  /// (the Supabase environment sets one), leaving an empty public schema (roles are the
  /// cluster's and stay).
  void Reset();

 private:

  Engine engine_;
  std::string admin_url_;
  std::string name_;
  std::string url_;
  int lock_fd_ = -1;
};

/// Differences between the IR compiled from .schema files and the IR introspected from the
/// database built from the equivalent SQL, as readable lines (empty: same structure). Compares
/// every non-extern table of `compiled`: columns (name, order, type, nullability and the NOT NULL
/// constraint's name and options, identity,
/// generated, collation, comment, whether there is a default), keys, checks (names), foreign
/// keys, indexes (keys, opclasses where the DSL names one, order, nulls, include, method,
/// unique, storage parameters), RLS, policies (name, kind, command, roles, which expressions
/// exist), grants, publications, replica identity; enums; extensions by name. Expression texts
/// are not compared: PostgreSQL prints them in its own form (the diff issue compares them after
/// canonicalization on a dev database).
std::vector<std::string> StructuralDifferences(const ir::Schema& compiled,
                                               const ir::Schema& introspected);

}  // namespace schemac::testing
