#pragma once
// The compare pipeline's edge to databases, as two interfaces: a CatalogReader reads a live
// database into IR, a CatalogBuilder turns a schema (compiled IR, SQL files, up migrations) into
// canonical IR by building it on a database and reading it back. compiler/canonicalize.h and
// compiler/compare.h use only these; backends/postgres implements them (catalog_reader.h,
// devdb.h), and unit tests use in-memory fakes.

#include <string>
#include <vector>

#include "compiler/ir.h"

namespace schemac {

/// Which schemas of a catalog are read (both empty: every schema but the platform's).
struct CatalogScope {
  std::vector<std::string> schemas;          ///< Only these, when not empty.
  std::vector<std::string> exclude_schemas;  ///< Left out besides the platform schemas.
};

/// A live database as read.
struct LiveCatalog {
  ir::Schema schema;
  int server_version = 0;  ///< The server's version number (PostgreSQL: server_version_num).
};

/// Reads live databases. Read may be called from two threads at once (Compare reads both of its
/// sides concurrently when one is a database).
class CatalogReader {
 public:
  virtual ~CatalogReader() = default;

  /// Reads the database `url` names. Throws UserError (one line, no password).
  virtual LiveCatalog Read(const std::string& url, const CatalogScope& scope) = 0;

  /// Why the database at `url`, running `server_version`, cannot run the SQL that creates
  /// `target` (a one-line message naming the first object that needs a newer server, the
  /// version it needs and the one `url` runs, its password masked); empty when it can.
  virtual std::string CannotRun(const std::string& url, int server_version,
                                const ir::Schema& target) const = 0;

  /// `url` as it may be shown: whatever may hold a password masked.
  virtual std::string Masked(const std::string& url) const = 0;
};

/// Builds schemas on a scratch database and reads them back, so that both sides of a diff are
/// in the database's own canonical form. Never called from two threads at once. Each call
/// throws UserError when the schema cannot be built (with the database's message).
class CatalogBuilder {
 public:
  virtual ~CatalogBuilder() = default;

  /// A schema compiled from .schema files: its roles, stand-ins for its extern tables, then its
  /// objects, built and read back. The stand-ins come back like any table (Canonicalize puts
  /// the declared extern tables in their place); so does each extension, at the version built.
  virtual ir::Schema BuildSchema(const ir::Schema& compiled, const CatalogScope& scope) = 0;

  /// SQL files (their contents, in order) run in one transaction after the platform's
  /// environment (Supabase's), and read back.
  virtual ir::Schema BuildSql(const std::vector<std::string>& files, const CatalogScope& scope) = 0;

  /// Up migrations (their contents, in order) run one after the other after the platform's
  /// environment, and read back.
  virtual ir::Schema ReplayMigrations(const std::vector<std::string>& migrations,
                                      const CatalogScope& scope) = 0;
};

}  // namespace schemac
