// LiveCatalogReader: the CatalogReader of live PostgreSQL databases (catalog_reader.h).

#include "backends/postgres/catalog_reader.h"

#include <fmt/format.h>

#include <memory>
#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
#include "backends/postgres/create_sql.h"
#include "backends/postgres/introspect.h"

namespace schemac::pg {

LiveCatalog LiveCatalogReader::Read(const std::string& url, const CatalogScope& scope) {
  LiveCatalog live;
  std::unique_ptr<pqxx::connection> connection = Connect(url);
  live.server_version = connection->server_version();
  IntrospectOptions options{scope.schemas, scope.exclude_schemas, url};
  live.schema = Introspect(*connection, options);
  return live;
}

std::string LiveCatalogReader::CannotRun(const std::string& url, int server_version,
                                         const ir::Schema& target) const {
  ServerNeed need = NeededServer(target);
  if (need.version <= server_version) return "";
  return fmt::format("the {} needs PostgreSQL {}, and {} runs {}", need.what, need.version / 10000,
                     MaskPassword(url), ServerVersionText(server_version));
}

std::string LiveCatalogReader::Masked(const std::string& url) const { return MaskPassword(url); }

}  // namespace schemac::pg
