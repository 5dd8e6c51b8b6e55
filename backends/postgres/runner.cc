#include "backends/postgres/runner.h"

#include <pqxx/pqxx>
#include <sstream>
#include <vector>

#include "backends/postgres/connection.h"

namespace schemac::pg {

namespace {

constexpr const char* kSegment = "-- schemac:segment ";

void Run(pqxx::connection_base& connection, const std::string& sql) {
  try {
    pqxx::nontransaction(connection).exec(sql);
  } catch (const pqxx::sql_error& e) {
    try {
      pqxx::nontransaction(connection).exec("ROLLBACK");
    } catch (const std::exception&) {
    }
    std::string statement = OneLine(e.query());
    if (statement.size() > 200) statement = statement.substr(0, 200) + "...";
    throw Error("migration failed: " + OneLine(e.what()) + " (in: " + statement + ")");
  }
}

}  // namespace

void RunMigration(pqxx::connection_base& connection, const std::string& sql) {
  std::istringstream in(sql);
  std::string line;
  std::string script;
  bool transaction = true;  // The preamble runs as one script.
  auto flush = [&] {
    if (!script.empty()) Run(connection, script);
    script.clear();
  };
  while (std::getline(in, line)) {
    if (line.rfind(kSegment, 0) == 0) {
      flush();
      transaction = line.substr(std::string(kSegment).size()) == "transaction";
      continue;
    }
    if (line.empty() || line.rfind("--", 0) == 0) continue;
    script += line + "\n";
    if (!transaction) flush();
  }
  flush();
}

}  // namespace schemac::pg
