// Process supervision for the dev database engines: see process.h. The signal handler and the
// atexit hook share static state with the code that starts engines, so everything they read is
// async-signal-safe and lives here, in one place.

#include "backends/postgres/engines/process.h"

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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>

#include "backends/postgres/connection.h"

extern char** environ;

namespace schemac::pg::engines {

namespace fs = std::filesystem;

namespace {

constexpr long kShutdownTimeoutMs = 10'000;
constexpr long kKillTimeoutMs = 5'000;

// The signals after which a server must not outlive schemac. SIGQUIT and SIGHUP are included
// because a closed terminal or Ctrl-\ would otherwise leave a postmaster behind.
constexpr int kFatalSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

}  // namespace

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

namespace {

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

}  // namespace

void RemoveTree(const char* path) {
  if (path[0] != '\0') RemoveTreeAt(AT_FDCWD, path, 0);
}

// ---------------------------------------------------------------------------------------------
// The registry of running servers, in static storage so that the signal handler can read it.
// Slots are written only with the fatal signals blocked, so the handler never sees a slot
// half-written by its own thread. A slot belongs to the process that filled it: after fork() the
// child has a copy of the parent's slots and must neither stop the parent's servers nor keep
// them from being reused.

namespace {

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

}  // namespace

Slot& SlotAt(int index) { return g_slots[index]; }

SignalBlock::SignalBlock() {
  sigset_t set = FatalSignalSet();
  pthread_sigmask(SIG_BLOCK, &set, &previous_);
}

SignalBlock::~SignalBlock() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

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

std::string ClaimDirectory(const std::string& root, const char* prefix, int* slot,
                           unsigned long* serial) {
  std::string pattern = fmt::format("{}/{}XXXXXX", root, prefix);
  SignalBlock block;
  InstallHandlers();
  *slot = ClaimSlot(serial);
  if (mkdtemp(pattern.data()) == nullptr) {
    throw UserError(fmt::format("cannot create a directory in {}: {} (set TMPDIR, or pass "
                                "--dev-url URL)",
                                root, std::strerror(errno)));
  }
  CopyPath(g_slots[*slot].dir, pattern);
  return pattern;
}

// ---------------------------------------------------------------------------------------------
// Child processes: fork/exec with an argument vector, never a shell.

namespace {

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

}  // namespace

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

pid_t SpawnRegistered(Slot& slot, const SpawnSpec& spec) {
  SignalBlock block;
  pid_t pid = Spawn(spec);
  slot.child.store(pid);
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
bool IsExecutable(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(path.c_str(), X_OK) == 0;
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
// ---------------------------------------------------------------------------------------------
// Running as root.

namespace {

std::optional<User> LookUpUser(const char* name) {
  struct passwd pw;
  struct passwd* found = nullptr;
  std::vector<char> buf(16384);
  if (getpwnam_r(name, &pw, buf.data(), buf.size(), &found) != 0 || found == nullptr) {
    return std::nullopt;
  }
  return User{pw.pw_uid, pw.pw_gid};
}

}  // namespace

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

namespace {

bool Searchable(const struct stat& st, const User& user) {
  if (st.st_uid == user.uid) return st.st_mode & S_IXUSR;
  if (st.st_gid == user.gid) return st.st_mode & S_IXGRP;
  return st.st_mode & S_IXOTH;
}

}  // namespace

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
std::string LogTail(const std::string& path, size_t lines) {
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

namespace {

pid_t ReadPid(const std::string& path) {
  std::string line = ReadFirstLine(path);
  return line.empty() ? 0 : static_cast<pid_t>(std::atol(line.c_str()));
}

}  // namespace

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
    if (name.starts_with(kServerDirPrefix)) {
      engine_pid_file = dir + "/data/postmaster.pid";
    } else if (name.starts_with(kPgliteDirPrefix)) {
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


}  // namespace schemac::pg::engines
