#include "backends/postgres/connection.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <regex>
#include <vector>

namespace schemac::pg {

namespace {

// Without a notice handler, libpq prints what a server sends outside a query to stderr: NOTICEs
// of migrations ("... does not exist, skipping") and the FATAL of a backend that goes away while
// its connection is idle (a dev database engine killed mid-run). schemac's stderr is its own
// one-line messages, so every connection gets a quiet handler. A handler may outlive its
// connection (closing a connection unregisters its handlers), so they are kept until exit.
void Silence(pqxx::connection& connection) {
  static std::mutex mutex;
  static std::vector<std::unique_ptr<pqxx::quiet_errorhandler>> handlers;
  auto handler = std::make_unique<pqxx::quiet_errorhandler>(connection);
  std::lock_guard lock(mutex);
  handlers.push_back(std::move(handler));
}

// The quiet handler comes only after pqxx's constructor, which talks to the server already: a
// backend that dies then (its engine killed) has libpq print its FATAL to stderr. So stderr is
// pointed at /dev/null while a connection is made (one at a time: the redirection is
// process-wide; schemac's own messages are written later, by the thread that failed).
class QuietStderr {
 public:
  QuietStderr() : lock_(mutex_) {
    std::fflush(stderr);
    saved_ = dup(STDERR_FILENO);
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved_ >= 0 && null >= 0) dup2(null, STDERR_FILENO);
    if (null >= 0) close(null);
  }
  ~QuietStderr() {
    std::fflush(stderr);
    if (saved_ >= 0) {
      dup2(saved_, STDERR_FILENO);
      close(saved_);
    }
  }
  QuietStderr(const QuietStderr&) = delete;
  QuietStderr& operator=(const QuietStderr&) = delete;

 private:
  static inline std::mutex mutex_;
  std::lock_guard<std::mutex> lock_;
  int saved_ = -1;
};

}  // namespace

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
    QuietStderr quiet;
    connection = std::make_unique<pqxx::connection>(url);
    Silence(*connection);
    // Literals in what schemac sends, and canonical forms PostgreSQL prints back, read one way.
    pqxx::nontransaction(*connection).exec("SET standard_conforming_strings = on");
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
