#include "backends/postgres/runner.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <optional>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>
#include <vector>

#include "backends/postgres/connection.h"
#include "backends/postgres/locks.h"

namespace schemac::pg {

namespace {

constexpr const char* kSegment = "-- schemac:segment ";

// The signal that asked the run to stop (0: none), and the pipe its handler wakes the watcher
// thread with. A signal handler may only call async-signal-safe functions: it records the
// signal and writes one byte; the watcher thread does the rest.
volatile sig_atomic_t stop_signal = 0;
int wake_pipe[2] = {-1, -1};

extern "C" void OnStopSignal(int signal) {
  int saved = errno;
  stop_signal = signal;
  char byte = 1;
  ssize_t written = write(wake_pipe[1], &byte, 1);
  (void)written;  // A full pipe already holds a wake-up.
  errno = saved;
}

// While alive, SIGINT and SIGTERM cancel the statement running on `connection` instead of ending
// the process. The cancel request (PQcancel through pqxx's cancel_query) is sent by a thread of
// its own: it reads only the connection's address and backend key, which the statement running
// on the main thread does not change, and it travels on a connection of its own.
class CancelOnSignal {
 public:
  explicit CancelOnSignal(pqxx::connection_base& connection) {
    stop_signal = 0;
    if (pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
      throw UserError("cannot prepare the cancellation of the migration: no pipe");
    }
    watcher_ = std::thread([this, &connection] { Watch(connection); });
    struct sigaction action {};
    action.sa_handler = OnStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
    // A signal the caller ignores (nohup, a background job of a script) stays ignored.
    if (old_int_.sa_handler == SIG_IGN) sigaction(SIGINT, &old_int_, nullptr);
    if (old_term_.sa_handler == SIG_IGN) sigaction(SIGTERM, &old_term_, nullptr);
  }
  ~CancelOnSignal() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
    done_ = true;
    char byte = 0;
    ssize_t written = write(wake_pipe[1], &byte, 1);
    (void)written;
    watcher_.join();
    close(wake_pipe[0]);
    close(wake_pipe[1]);
    wake_pipe[0] = wake_pipe[1] = -1;
  }
  CancelOnSignal(const CancelOnSignal&) = delete;
  CancelOnSignal& operator=(const CancelOnSignal&) = delete;

 private:
  void Watch(pqxx::connection_base& connection) {
    for (;;) {
      pollfd wake{wake_pipe[0], POLLIN, 0};
      if (poll(&wake, 1, -1) < 0) continue;  // EINTR: a signal landed on this thread.
      char bytes[16];
      while (read(wake_pipe[0], bytes, sizeof(bytes)) > 0) {
      }
      if (done_) return;
      try {
        connection.cancel_query();
      } catch (const std::exception&) {
        // Nothing running, or the server unreachable: the run stops at its next check anyway.
      }
    }
  }

  std::thread watcher_;
  std::atomic<bool> done_ = false;
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

std::string Shortened(const std::string& statement) {
  std::string text = OneLine(statement);
  return text.size() > 200 ? text.substr(0, 200) + "..." : text;
}

// What was applied so far, for the end of every message. Only a file in segments (one emit.h
// wrote) is accounted for: a file without markers runs as one script, which may hold COMMITs of
// its own.
struct Progress {
  bool segmented = false;
  std::vector<std::string> applied;

  // ": nothing was applied", "; applied before it stopped: ...", or "" for a file without
  // segments; `separator` is what precedes it.
  std::string Suffix(const std::string& separator) const {
    return segmented ? separator + Text() : "";
  }

  std::string Text() const {
    if (applied.empty()) return "nothing was applied";
    std::string out = "applied before it stopped: ";
    for (size_t i = 0; i < applied.size(); ++i) out += (i == 0 ? "" : "; ") + applied[i];
    return out;
  }
};

// What a failed statement leaves that a rollback does not undo: a CREATE INDEX CONCURRENTLY
// that fails leaves its index behind, invalid (emit.h's file drops it before building it again).
std::string LeftBehind(const std::string& statement) {
  if (statement.rfind("CREATE INDEX CONCURRENTLY", 0) != 0 &&
      statement.rfind("CREATE UNIQUE INDEX CONCURRENTLY", 0) != 0) {
    return "";
  }
  return "; PostgreSQL leaves the index it was building invalid (unused by queries); the next "
         "apply, or this file run again, drops it and builds it again";
}

const char* SignalName(int signal) { return signal == SIGTERM ? "SIGTERM" : "SIGINT"; }

class Runner {
 public:
  Runner(pqxx::connection_base& connection, bool interruptible)
      : connection_(connection), interruptible_(interruptible) {}

  // Runs one script (a transaction segment, a statement, the preamble); `what` is how the
  // progress names it once it ran, empty for the preamble.
  void Run(const std::string& sql, const std::string& what) {
    StopIfAsked();
    try {
      pqxx::nontransaction(connection_).exec(sql);
    } catch (const pqxx::broken_connection& e) {
      throw UserError("the connection to the database was lost during the migration (" +
                  LostConnectionCause(connection_, e) + ")" + progress_.Suffix(": "));
    } catch (const pqxx::sql_error& e) {
      if (!connection_.is_open()) {
        // The server ended the session (pg_terminate_backend, a shutdown): it said why.
        throw UserError("the connection to the database was lost during the migration (" +
                    OneLine(e.what()) + ")" + progress_.Suffix(": "));
      }
      try {
        pqxx::nontransaction(connection_).exec("ROLLBACK");
      } catch (const std::exception&) {
      }
      StopIfAsked();  // A cancelled statement: the signal is the story, not the cancel.
      std::string reason = DescribeTimeout(connection_, e, /*exclusive_only=*/false);
      if (reason.empty()) reason = OneLine(e.what());
      throw UserError("migration failed: " + reason + " (in: " + Shortened(e.query()) + ")" +
                  LeftBehind(e.query()) + progress_.Suffix("; "));
    }
    if (!what.empty()) progress_.applied.push_back(what);
    StopIfAsked();
  }

  // The file is in segments: what it applies can be told.
  void Segmented() { progress_.segmented = true; }

 private:
  void StopIfAsked() const {
    if (!interruptible_ || stop_signal == 0) return;
    int signal = stop_signal;
    throw Interrupted(signal, std::string("interrupted by ") + SignalName(signal) +
                                  ": the migration was stopped and its open transaction "
                                  "rolled back; " + progress_.Text());
  }

  pqxx::connection_base& connection_;
  bool interruptible_;
  Progress progress_;
};

}  // namespace

void RunMigration(pqxx::connection_base& connection, const std::string& sql,
                  const RunOptions& options) {
  std::optional<CancelOnSignal> cancel;
  if (options.cancel_on_signal) cancel.emplace(connection);
  Runner runner(connection, options.cancel_on_signal);
  std::istringstream in(sql);
  std::string line;
  std::string script;
  bool transaction = true;  // The preamble runs as one script.
  bool preamble = true;
  int steps = 0;  // Of the current transaction segment: its step comments.
  auto flush = [&] {
    if (!script.empty()) {
      std::string what;
      if (!preamble) {
        what = transaction ? "the transaction of " + std::to_string(steps) +
                                 (steps == 1 ? " step (committed)" : " steps (committed)")
                           : Shortened(script);
      }
      runner.Run(script, what);
    }
    script.clear();
    steps = 0;
  };
  while (std::getline(in, line)) {
    if (line.rfind(kSegment, 0) == 0) {
      flush();
      preamble = false;
      runner.Segmented();
      transaction = line.substr(std::string(kSegment).size()) == "transaction";
      continue;
    }
    if (line.rfind("--", 0) == 0) ++steps;
    if (line.empty() || line.rfind("--", 0) == 0) continue;
    script += line + "\n";
    if (!transaction) flush();
  }
  flush();
}

}  // namespace schemac::pg
