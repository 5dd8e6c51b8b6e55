#include "backends/postgres/connection.h"

#include <fmt/format.h>

#include <pqxx/pqxx>
#include <regex>

namespace schemac::pg {

std::string OneLine(std::string message) {
  for (char& c : message) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  std::string out;
  for (char c : message) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string MaskPassword(const std::string& url) {
  std::string out = url;
  // scheme://user:password@host, wherever it appears (libpq quotes the URL in its messages).
  static const std::regex kUserInfo(R"(([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@?#\s"]*):([^@/?#\s"]*)@)");
  out = std::regex_replace(out, kUserInfo, "$1:***@");
  // ?password=... or &password=... in a URL, password=... or password='...' in key=value form.
  static const std::regex kQuery(R"(([?&]password=)[^&#]*)", std::regex::icase);
  out = std::regex_replace(out, kQuery, "$1***");
  static const std::regex kKeyValue(R"((^|\s)(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S*))",
                                    std::regex::icase);
  out = std::regex_replace(out, kKeyValue, "$1$2***");
  return out;
}

std::unique_ptr<pqxx::connection> Connect(const std::string& url) {
  std::unique_ptr<pqxx::connection> connection;
  try {
    connection = std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& e) {
    std::string cause = OneLine(e.what());
    // libpq may echo the connection string in its message: never let a password through.
    throw Error(fmt::format("cannot connect to {}: {}", MaskPassword(url), MaskPassword(cause)));
  }
  int version = connection->server_version();
  if (version < kMinServerVersion) {
    // server_version_num is MAJOR * 10000 + MINOR since PostgreSQL 10 (140023: 14.23).
    throw Error(fmt::format("{} runs PostgreSQL {}.{}; schemac needs PostgreSQL 15 or newer",
                            MaskPassword(url), version / 10000, version % 10000));
  }
  return connection;
}

}  // namespace schemac::pg
