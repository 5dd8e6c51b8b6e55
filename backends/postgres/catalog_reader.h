#pragma once
// The CatalogReader (compiler/catalog.h) of live PostgreSQL databases: Connect, then Introspect.

#include <string>

#include "compiler/catalog.h"

namespace schemac::pg {

/// Reads PostgreSQL databases by URL, each on a connection of its own (so two may be read at
/// once), with the limits of DefaultTimeouts() (connection.h).
class LiveCatalogReader : public CatalogReader {
 public:
  /// Connects (throwing UserError as Connect does), notes server_version_num, and introspects
  /// the schemas `scope` names (a second connection on large schemas).
  LiveCatalog Read(const std::string& url, const CatalogScope& scope) override;

  /// "the <object> needs PostgreSQL N, and <url, masked> runs PostgreSQL V" when `target`'s SQL
  /// needs a newer server than `server_version` (NeededServer, create_sql.h).
  std::string CannotRun(const std::string& url, int server_version,
                        const ir::Schema& target) const override;

  /// MaskPassword (connection.h).
  std::string Masked(const std::string& url) const override;
};

}  // namespace schemac::pg
