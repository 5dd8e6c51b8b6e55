#include "backends/postgres/connection.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <linux/tcp.h>  // tcp_info with the byte counters (glibc's lacks them)
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <regex>
#include <string_view>
#include <thread>
#include <utility>
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

// Closes the connections whose server stopped answering. libpq waits for a reply without a limit
// and statement_timeout is enforced by the server, so a server that accepted a statement and then
// says nothing (hung, or a fake that never answers) would hold schemac forever. Every 250 ms
// this thread reads the kernel's byte counters of each watched socket (TCP_INFO): once schemac
// has sent bytes since the server last sent any, a request is outstanding; when it stays so for
// longer than the limit, the socket is shut down, which wakes libpq with an error. (The kernel's
// "last sent" and "last received" times have a granularity of a jiffy, too coarse to order a
// query sent right after a reply.) Nothing of libpq's is touched from this thread. A socket is
// recognised by its inode, so a descriptor that was closed and reused is dropped rather than
// shut down. Unix sockets (a local server) are not watched.
class Watchdog {
 public:
  static Watchdog& Instance() {
    // Never destroyed: the thread may still run while static destructors do at exit.
    static Watchdog* instance = new Watchdog;
    return *instance;
  }

  void Watch(const pqxx::connection_base* connection, int fd, int64_t limit_ms) {
    struct stat st {};
    tcp_info info {};
    socklen_t size = sizeof(info);
    if (fd < 0 || fstat(fd, &st) != 0 ||
        getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0) {
      return;
    }
    std::lock_guard lock(mutex_);
    entries_[connection] = {fd, st.st_ino, limit_ms, info.tcpi_bytes_received,
                            info.tcpi_bytes_sent, {}, false};
    if (!started_) {
      started_ = true;
      std::thread([this] { Loop(); }).detach();
    }
  }

  // Drops what is known of `connection`: a new connection may have the address of one the
  // watchdog closed.
  void Forget(const pqxx::connection_base* connection) {
    std::lock_guard lock(mutex_);
    entries_.erase(connection);
  }

  // The limit that was exceeded when the watchdog closed `connection`, else 0.
  int64_t Fired(const pqxx::connection_base* connection) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(connection);
    return it != entries_.end() && it->second.fired ? it->second.limit_ms : 0;
  }

 private:
  using Clock = std::chrono::steady_clock;

  struct Entry {
    int fd;
    ino_t inode;
    int64_t limit_ms;
    uint64_t received;             // Bytes received, when last seen changing.
    uint64_t sent;                 // Bytes sent at that time.
    Clock::time_point pending{};   // Since when bytes were sent and none received (or epoch).
    bool fired;
  };

  void Loop() {
    for (;;) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
      std::lock_guard lock(mutex_);
      for (auto it = entries_.begin(); it != entries_.end();) {
        Entry& entry = it->second;
        if (entry.fired) {
          ++it;
          continue;
        }
        struct stat st {};
        tcp_info info {};
        socklen_t size = sizeof(info);
        if (fstat(entry.fd, &st) != 0 || st.st_ino != entry.inode ||
            getsockopt(entry.fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0) {
          it = entries_.erase(it);  // Closed: the connection is gone.
          continue;
        }
        Clock::time_point now = Clock::now();
        if (info.tcpi_bytes_received != entry.received) {
          entry.received = info.tcpi_bytes_received;
          entry.sent = info.tcpi_bytes_sent;
          entry.pending = {};
        } else if (info.tcpi_bytes_sent != entry.sent && entry.pending == Clock::time_point{}) {
          entry.pending = now;
        }
        if (entry.pending != Clock::time_point{} &&
            now - entry.pending > std::chrono::milliseconds(entry.limit_ms)) {
          shutdown(entry.fd, SHUT_RDWR);
          entry.fired = true;
        }
        ++it;
      }
    }
  }

  std::mutex mutex_;
  std::map<const pqxx::connection_base*, Entry> entries_;
  bool started_ = false;
};

Timeouts& DefaultTimeoutsStorage() {
  static Timeouts timeouts;
  return timeouts;
}

}  // namespace

void SetDefaultTimeouts(const Timeouts& timeouts) { DefaultTimeoutsStorage() = timeouts; }

const Timeouts& DefaultTimeouts() { return DefaultTimeoutsStorage(); }

std::string WithConnectTimeout(const std::string& url, int seconds) {
  static const std::regex kGiven(R"((^|[?&\s])connect_timeout\s*=)");
  const char* env = std::getenv("PGCONNECT_TIMEOUT");
  if (seconds <= 0 || (env != nullptr && env[0] != '\0') || std::regex_search(url, kGiven)) {
    return url;
  }
  std::string setting = "connect_timeout=" + std::to_string(seconds);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + setting;
  }
  return url.empty() ? setting : url + " " + setting;
}

std::string LostConnectionCause(const pqxx::connection_base& connection, const std::exception& e) {
  int64_t limit = Watchdog::Instance().Fired(&connection);
  if (limit == 0) {
    // libpq's first line says what happened ("server closed the connection unexpectedly"); the
    // rest guesses. pqxx reports a connection that died under a statement by the encoding it
    // could no longer read ("Could not obtain client encoding"): no use to a user.
    std::string what = e.what();
    what = OneLine(what.substr(0, what.find('\n')));
    if (what.empty() || what.starts_with("Could not obtain client encoding")) {
      return "the server closed the connection: the session was terminated, the server stopped, "
             "or the network failed";
    }
    return what;
  }
  return fmt::format(
      "the server sent nothing for more than {} while a statement ran (the statement timeout "
      "plus {}), so schemac closed the connection; --statement-timeout changes the limit",
      DurationText(limit), DurationText(kSilenceGraceMs));
}

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

namespace {

// [begin, end) of a text to show as ***.
using Range = std::pair<size_t, size_t>;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `text` with its %XX sequences decoded; a malformed one is kept as it is.
std::string PercentDecoded(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexDigit(text[i + 1]) >= 0 &&
        HexDigit(text[i + 2]) >= 0) {
      out += static_cast<char>(HexDigit(text[i + 1]) * 16 + HexDigit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// A query parameter whose name (percent-decoded, any case) ends in "password": password,
// sslpassword, and whatever libpq adds.
bool IsPasswordKey(std::string_view key) {
  std::string name = PercentDecoded(key);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name.ends_with("password");
}

// The parts of the URL text[..end) whose authority starts at `rest` (after `scheme://`) that may
// hold a password. The user info runs to the LAST `@`: libpq stops at the first, so a password
// with an unescaped `@` (or `/`) is split, and any part of it may show up elsewhere.
void UrlSecrets(std::string_view text, size_t rest, size_t end, std::vector<Range>* out) {
  std::string_view url = text.substr(0, end);
  size_t query_from = rest;
  size_t at = url.rfind('@');
  if (at != std::string_view::npos && at >= rest) {
    size_t colon = url.find(':', rest);
    if (colon < at) {
      out->emplace_back(colon + 1, at);
      query_from = at;
    }
  }
  size_t question = url.find('?', query_from);
  if (question == std::string_view::npos) return;
  for (size_t p = question + 1; p <= end;) {
    size_t amp = std::min(url.find('&', p), end);
    std::string_view param = url.substr(p, amp - p);
    size_t eq = param.find('=');
    if (eq != std::string_view::npos && IsPasswordKey(param.substr(0, eq))) {
      out->emplace_back(p + eq + 1, amp);
    }
    p = amp + 1;
  }
}

// Every `scheme://...` inside a message, up to the space or quote that ends it.
void EmbeddedUrlSecrets(std::string_view text, std::vector<Range>* out) {
  static const std::regex kScheme(R"([A-Za-z][A-Za-z0-9+.-]*://)");
  std::string owned(text);
  for (auto it = std::sregex_iterator(owned.begin(), owned.end(), kScheme);
       it != std::sregex_iterator(); ++it) {
    size_t rest = static_cast<size_t>(it->position() + it->length());
    size_t end = rest;
    while (end < text.size() && !IsSpace(text[end]) && text[end] != '"' && text[end] != '\'') {
      ++end;
    }
    UrlSecrets(text, rest, end, out);
  }
}

// `...password = value` pairs of a key=value connection string (password, sslpassword; spaces
// around `=`; a value in single quotes with backslash escapes, or up to the next space).
void KeyValueSecrets(std::string_view text, std::vector<Range>* out) {
  static const std::regex kKey(R"((?:^|[\s"'(,;])[A-Za-z_]*password\s*=\s*)", std::regex::icase);
  std::string owned(text);
  for (auto it = std::sregex_iterator(owned.begin(), owned.end(), kKey);
       it != std::sregex_iterator(); ++it) {
    size_t value = static_cast<size_t>(it->position() + it->length());
    if (text.substr(value).starts_with("***")) continue;  // Masked already (a message again).
    size_t end = value;
    if (value < text.size() && text[value] == '\'') {
      for (end = value + 1; end < text.size() && text[end] != '\''; ++end) {
        if (text[end] == '\\') ++end;
      }
      ++end;
    } else {
      for (; end < text.size() && !IsSpace(text[end]); ++end) {
        if (text[end] == '\\') ++end;
      }
    }
    end = std::min(end, text.size());
    if (end > value) out->emplace_back(value, end);
  }
}

// What of a connection string (a URL, with or without its scheme, or key=value pairs) may hold
// a password.
std::vector<Range> ConnectionSecrets(std::string_view url) {
  std::vector<Range> out;
  static const std::regex kSchemeStart(R"(^\s*[A-Za-z][A-Za-z0-9+.-]*://)");
  static const std::regex kKeyValueStart(R"(^\s*[A-Za-z_]+\s*=)");
  std::string owned(url);
  std::smatch scheme;
  if (std::regex_search(owned, scheme, kSchemeStart)) {
    // The whole string is the URL: a password may hold spaces and quotes.
    UrlSecrets(url, static_cast<size_t>(scheme.length()), url.size(), &out);
  } else if (!std::regex_search(owned, kKeyValueStart)) {
    // user:password@host/db without a scheme: libpq refuses it quoting it whole. Not when the
    // user name or what follows the last @ has a space: that is a sentence (a message).
    size_t at = url.rfind('@');
    std::string_view tail = at == std::string_view::npos ? url : url.substr(at + 1);
    std::string_view user = url.substr(0, std::min(url.find(':'), url.size()));
    if (std::none_of(tail.begin(), tail.end(), IsSpace) &&
        user.find_first_of(" \t\r\n\"'") == std::string_view::npos) {
      UrlSecrets(url, 0, url.size(), &out);
    }
  }
  KeyValueSecrets(url, &out);
  EmbeddedUrlSecrets(url, &out);  // dbname=postgresql://...
  return out;
}

// `text` with every range replaced by ***.
std::string Masked(std::string_view text, std::vector<Range> ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::string out;
  size_t copied = 0;
  bool masking = false;  // A range ended at `copied`: one that starts there joins it.
  for (auto [begin, end] : ranges) {
    end = std::min(end, text.size());
    if (!masking || begin > copied) {
      out.append(text.substr(copied, begin - copied));
      out += "***";
      masking = true;
    }
    copied = std::max(copied, end);
  }
  out.append(text.substr(std::min(copied, text.size())));
  return out;
}

// Whether `part` (a quoted piece of a message) shows some of `secret`: it is a piece of it, or
// they share three characters in a row (all of it when it is shorter).
bool ShowsSecret(std::string_view part, std::string_view secret) {
  if (part.empty() || secret.empty()) return false;
  if (secret.find(part) != std::string_view::npos) return true;
  size_t run = std::min<size_t>(3, secret.size());
  for (size_t i = 0; i + run <= secret.size(); ++i) {
    if (part.find(secret.substr(i, run)) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::string MaskPassword(const std::string& url) { return Masked(url, ConnectionSecrets(url)); }

std::string MaskPasswordsIn(const std::string& message, const std::string& url) {
  // The passwords `url` may hold: as written, percent-decoded, and as libpq reads them.
  std::vector<std::string> secrets;
  for (const auto& [begin, end] : ConnectionSecrets(url)) {
    std::string raw = url.substr(begin, end - begin);
    secrets.push_back(raw);
    secrets.push_back(PercentDecoded(raw));
  }
  char* error = nullptr;
  if (PQconninfoOption* options = PQconninfoParse(url.c_str(), &error)) {
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
      if (o->val != nullptr && IsPasswordKey(o->keyword)) secrets.push_back(o->val);
    }
    PQconninfoFree(options);
  }
  if (error != nullptr) PQfreemem(error);

  std::vector<Range> ranges;
  // libpq quotes what it could not read ("invalid percent-encoded token: "..."", a host name
  // that is the end of a password with an @ in it): a quoted piece that shows a password goes.
  for (size_t open = message.find('"'); open != std::string::npos;) {
    size_t close = message.find('"', open + 1);
    if (close == std::string::npos) break;
    std::string_view part = std::string_view(message).substr(open + 1, close - open - 1);
    if (std::any_of(secrets.begin(), secrets.end(),
                    [&](const std::string& s) { return ShowsSecret(part, s); })) {
      ranges.emplace_back(open + 1, close);
    }
    open = message.find('"', close + 1);
  }
  for (const std::string& secret : secrets) {
    if (secret.size() < 3) continue;  // Shorter ones only inside quotes: they match too much.
    for (size_t at = message.find(secret); at != std::string::npos;
         at = message.find(secret, at + 1)) {
      ranges.emplace_back(at, at + secret.size());
    }
  }
  KeyValueSecrets(message, &ranges);
  EmbeddedUrlSecrets(message, &ranges);
  return Masked(message, ranges);
}

std::unique_ptr<pqxx::connection> Connect(const std::string& url) {
  return Connect(url, DefaultTimeouts());
}

std::unique_ptr<pqxx::connection> Connect(const std::string& url, const Timeouts& timeouts) {
  std::unique_ptr<pqxx::connection> connection;
  std::string conninfo = WithConnectTimeout(url, timeouts.connect_seconds);
  try {
    QuietStderr quiet;
    connection = std::make_unique<pqxx::connection>(conninfo);
    Silence(*connection);
  } catch (const std::exception& e) {
    std::string cause = OneLine(e.what());
    if (cause.find("timeout expired") != std::string::npos) {
      cause = conninfo == url ? "the server did not answer within the connect timeout"
                              : fmt::format("the server did not answer within {} s (the connect "
                                            "timeout; --connect-timeout changes it)",
                                            timeouts.connect_seconds);
    }
    // libpq may echo the connection string in its message: never let a password through.
    throw UserError(
        fmt::format("cannot connect to {}: {}", MaskPassword(url), MaskPasswordsIn(cause, url)));
  }
  int version = connection->server_version();
  if (version < kMinServerVersion) {
    // server_version_num is MAJOR * 10000 + MINOR since PostgreSQL 10 (140023: 14.23).
    throw UserError(fmt::format("{} runs PostgreSQL {}.{}; schemac needs PostgreSQL 15 or newer",
                            MaskPassword(url), version / 10000, version % 10000));
  }
  Watchdog::Instance().Forget(connection.get());
  if (timeouts.statement_ms > 0) {
    Watchdog::Instance().Watch(connection.get(), connection->sock(),
                               timeouts.statement_ms + kSilenceGraceMs);
  }
  try {
    // A limit of 0 is set too: a role's or database's own setting must not bound schemac's reads
    // where the user asked for none. Literals in what schemac sends, and canonical forms
    // PostgreSQL prints back, read one way whatever the database's standard_conforming_strings.
    pqxx::nontransaction(*connection)
        .exec("SET standard_conforming_strings = on; SET lock_timeout = '" + DurationText(timeouts.lock_ms) +
              "'; SET statement_timeout = '" + DurationText(timeouts.statement_ms) + "'");
  } catch (const pqxx::broken_connection& e) {
    throw UserError(fmt::format("cannot connect to {}: {}", MaskPassword(url),
                            MaskPasswordsIn(LostConnectionCause(*connection, e), url)));
  } catch (const pqxx::sql_error& e) {
    throw UserError(fmt::format("cannot set up the session on {}: {}", MaskPassword(url),
                            MaskPasswordsIn(OneLine(e.what()), url)));
  }
  return connection;
}

}  // namespace schemac::pg
