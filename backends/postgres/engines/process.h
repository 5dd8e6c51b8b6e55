#pragma once
// Process supervision for the dev database engines (embedded_server.h, pglite.h), internal to
// backends/postgres/engines/: fork/exec with an argument vector (never a shell), running as an
// unprivileged user when schemac is root (setuid, chown), pipes, free ports, the engines'
// temporary directories, and the process-wide registry that stops every running engine on
// fatal signals and at exit. Errors are thrown as schemac::UserError.

#include <limits.h>
#include <signal.h>
#include <sys/types.h>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace schemac::pg::engines {

/// The system user that runs PostgreSQL when schemac runs as root.
inline constexpr char kSystemUser[] = "schemac-pg";
/// Name prefixes of the engines' temporary directories under $TMPDIR.
inline constexpr char kServerDirPrefix[] = "schemac-devdb-";
inline constexpr char kPgliteDirPrefix[] = "schemac-pglite-";
/// In an engine's directory: the pid of the schemac that made it, and of PGlite's Node process.
inline constexpr char kOwnerFile[] = "schemac.owner";
inline constexpr char kEngineFile[] = "schemac.engine";
/// How long an engine may take to accept connections.
inline constexpr long kReadyTimeoutMs = 30'000;

// ---------------------------------------------------------------------------------------------
// Async-signal-safe primitives (system calls only: the signal handler uses them).

/// Milliseconds of the monotonic clock.
long NowMs();
/// Sleeps `ms` milliseconds, resuming after signals.
void SleepMs(long ms);
/// True when `pid` no longer runs; a zombie counts as gone (it holds no files and no sockets).
bool ProcessGone(pid_t pid);
/// Removes `path` and everything under it without following symlinks; "" does nothing.
void RemoveTree(const char* path);

// ---------------------------------------------------------------------------------------------
// The registry of running engines, read by the SIGINT/SIGTERM/SIGHUP/SIGQUIT handler and the
// atexit hook, which stop every engine this process started and remove its directories.

/// One running engine. Written only with the fatal signals blocked (SignalBlock).
struct Slot {
  std::atomic<pid_t> owner{0};  ///< process that started the engine; 0: free
  std::atomic<pid_t> child{0};  ///< initdb, the postmaster or Node, working in `dir`
  std::atomic<unsigned long> serial{0};
  char dir[PATH_MAX] = {};      ///< the engine's temporary directory
  char scratch[PATH_MAX] = {};  ///< a template being written into the cache
};

/// The slot at `index` (from ClaimSlot).
Slot& SlotAt(int index);

/// Blocks the fatal signals for a scope in which the registry changes.
class SignalBlock {
 public:
  SignalBlock();
  ~SignalBlock();
  SignalBlock(const SignalBlock&) = delete;
  SignalBlock& operator=(const SignalBlock&) = delete;

 private:
  sigset_t previous_;
};

/// Installs the fatal-signal handler (again on every start: others may have replaced it) and
/// the atexit hook (once).
void InstallHandlers();

/// Claims a free slot for this process (call with signals blocked); throws UserError when all
/// are taken.
int ClaimSlot(unsigned long* serial);

/// True while slot `index` still holds what this process registered there as `serial`: a signal
/// handler that did not end the process (a chained handler returned) has stopped it and freed it.
bool StillOurs(int index, unsigned long serial);

/// Stops the process in slot `*index` and removes its directories if the slot is still ours,
/// then forgets the slot. Idempotent.
void Release(int* index, unsigned long serial);

/// Copies `path` into a slot's fixed buffer; throws UserError when it does not fit.
void CopyPath(char (&dest)[PATH_MAX], const std::string& path);

/// Claims a slot (into `*slot`, `*serial`) and creates a fresh directory `root`/`prefix`XXXXXX
/// registered in it, in one blocked section, after installing the handlers. Throws UserError
/// when the directory cannot be created (the slot is then claimed: Release it).
std::string ClaimDirectory(const std::string& root, const char* prefix, int* slot,
                           unsigned long* serial);

// ---------------------------------------------------------------------------------------------
// Child processes.

/// A user to run a child as (schemac is root).
struct User {
  uid_t uid;
  gid_t gid;
};

/// What to run, and how.
struct SpawnSpec {
  std::vector<std::string> argv{};  ///< argv[0]: absolute path of the program
  int out_fd = -1;                  ///< stdout and stderr; -1: /dev/null
  std::optional<User> user{};       ///< run as this user (we are root)
  bool own_process_group = false;
  bool die_with_parent = false;
};

/// Forks and execs `spec`; throws UserError when the program cannot be run.
pid_t Spawn(const SpawnSpec& spec);

/// Spawn, with the child registered in `slot` in the same blocked section as the fork, so that
/// no signal can arrive between the two and leave it unregistered.
pid_t SpawnRegistered(Slot& slot, const SpawnSpec& spec);

/// Waits for a child; returns its wait status, or -1 if someone else reaped it.
int WaitChild(pid_t pid);

/// A finished short-lived program.
struct RunResult {
  int status;
  std::string output;
};

/// Runs a short-lived program and collects its stdout and stderr.
RunResult Run(SpawnSpec spec);

/// True for a wait status of a normal exit with status 0.
bool Succeeded(int status);

/// True for a regular executable file.
bool IsExecutable(const std::string& path);
/// The absolute directories of $PATH.
std::vector<std::string> PathDirs();
/// The absolute path of `program` on $PATH, or empty.
std::string FindInPath(const std::string& program);

// ---------------------------------------------------------------------------------------------
// Running as root.

/// The system user kSystemUser, created on first use; throws UserError when it cannot be.
User EnsureSystemUser();
/// Throws UserError when `user` cannot reach `dir` (its parents are checked, not changed).
void CheckTraversable(const std::string& dir, const User& user);
/// Gives `dir` and everything under it to `user`.
void ChownTree(const std::string& dir, const User& user);

// ---------------------------------------------------------------------------------------------
// Directories, logs and ports.

/// $XDG_CACHE_HOME/schemac, else $HOME/.cache/schemac; empty when neither is set.
std::string DefaultCacheDir();
/// $TMPDIR (absolute), else /tmp, without a trailing slash.
std::string TempRoot();
/// The first line of a file; empty when it cannot be read.
std::string ReadFirstLine(const std::string& path);
/// `line` as printable text for a one-line message (controls and invalid UTF-8 become '?',
/// long lines are cut).
std::string Printable(const std::string& line);
/// The last lines of a log, on one line, for error messages.
std::string LogTail(const std::string& path, size_t lines = 4);
/// Whether a server accepts connections at `url`, waiting at most about 2 s.
bool Ready(const std::string& url);
/// Removes the directories of engines whose schemac and engine are both gone (SIGKILL).
void RemoveStaleDirs(const std::string& root);
/// Opens a log file for appending; throws UserError.
int OpenLog(const std::string& path);
/// A TCP port of 127.0.0.1 that nothing listens on right now.
int FreePort();

}  // namespace schemac::pg::engines
