#include "backends/postgres/connection.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <linux/tcp.h>  // tcp_info with the byte counters (glibc's lacks them)
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <regex>
#include <thread>
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
    throw Error(fmt::format("cannot connect to {}: {}", MaskPassword(url), MaskPassword(cause)));
  }
  int version = connection->server_version();
  if (version < kMinServerVersion) {
    // server_version_num is MAJOR * 10000 + MINOR since PostgreSQL 10 (140023: 14.23).
    throw Error(fmt::format("{} runs PostgreSQL {}.{}; schemac needs PostgreSQL 15 or newer",
                            MaskPassword(url), version / 10000, version % 10000));
  }
  Watchdog::Instance().Forget(connection.get());
  if (timeouts.statement_ms > 0) {
    Watchdog::Instance().Watch(connection.get(), connection->sock(),
                               timeouts.statement_ms + kSilenceGraceMs);
  }
  try {
    // A limit of 0 is set too: a role's or database's own setting must not bound schemac's reads
    // where the user asked for none.
    pqxx::nontransaction(*connection)
        .exec("SET lock_timeout = '" + DurationText(timeouts.lock_ms) +
              "'; SET statement_timeout = '" + DurationText(timeouts.statement_ms) + "'");
  } catch (const pqxx::broken_connection& e) {
    throw Error(fmt::format("cannot connect to {}: {}", MaskPassword(url),
                            MaskPassword(LostConnectionCause(*connection, e))));
  } catch (const pqxx::sql_error& e) {
    throw Error(fmt::format("cannot set up the session on {}: {}", MaskPassword(url),
                            MaskPassword(OneLine(e.what()))));
  }
  return connection;
}

}  // namespace schemac::pg
