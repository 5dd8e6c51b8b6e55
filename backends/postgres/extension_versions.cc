// The declared extension versions against what the dev server can install (see
// extension_versions.h).

#include "backends/postgres/extension_versions.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
#include "backends/postgres/create_sql.h"
#include "compiler/error.h"
#include "compiler/identifiers.h"

namespace schemac::pg {

namespace {

// "1.10" after "1.4": runs of digits compare as numbers, the rest as text.
bool VersionLess(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (da && db) {
      size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      std::string na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      na.erase(0, std::min(na.find_first_not_of('0'), na.size()));
      nb.erase(0, std::min(nb.find_first_not_of('0'), nb.size()));
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

}  // namespace

void SortVersions(std::vector<std::string>& versions) {
  std::sort(versions.begin(), versions.end(), VersionLess);
}

void RequireExtensionVersions(const std::string& url, const std::string& dev_url,
                              const std::vector<ir::Extension>& extensions) {
  std::string names;
  for (const ir::Extension& extension : extensions) {
    if (extension.version.empty()) continue;
    names += (names.empty() ? "" : ", ") + QuoteSqlLiteral(extension.name);
  }
  if (names.empty()) return;  // The usual case: no connection, no query.
  std::unique_ptr<pqxx::connection> connection = Connect(url);
  pqxx::result rows = pqxx::nontransaction(*connection)
                          .exec("SELECT name, version FROM pg_available_extension_versions "
                                "WHERE name IN (" + names + ")");
  std::map<std::string, std::vector<std::string>> available;
  for (const pqxx::row& row : rows) available[row[0].c_str()].push_back(row[1].c_str());
  for (const ir::Extension& extension : extensions) {
    auto it = available.find(extension.name);
    if (extension.version.empty() || it == available.end()) continue;
    std::vector<std::string>& versions = it->second;
    if (std::find(versions.begin(), versions.end(), extension.version) != versions.end()) continue;
    SortVersions(versions);
    std::string where;
    if (!extension.origin.file.empty()) {
      where = fmt::format(" (declared at {}:{}:{})", extension.origin.file, extension.origin.line,
                          extension.origin.col);
    }
    std::string server =
        dev_url.empty() ? "the dev database" : "the dev database " + MaskPassword(dev_url);
    throw UserError(fmt::format(
        "extension \"{}\" version {}{} is not available on {} ({}): it has {}; declare one of "
        "them, or no version to take the server's default",
        extension.name, QuoteSqlString(extension.version), where, server,
        ServerVersionText(connection->server_version()), fmt::join(versions, ", ")));
  }
}

}  // namespace schemac::pg
