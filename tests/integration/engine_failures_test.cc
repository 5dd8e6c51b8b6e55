// The dev database engines schemac starts itself (the embedded PostgreSQL, the PGlite engine)
// when they go wrong: an engine that cannot start, a port taken, an engine killed mid-run, a dev
// URL that cannot be used. Each gives a one-line error naming the cause and exit 1, or recovers;
// either way no process and no temporary directory is left behind.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <set>
#include <sstream>
#include <thread>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

namespace fs = std::filesystem;

// A fresh TMPDIR and XDG_CACHE_HOME for the schemac child, so that what it leaves is visible.
struct Sandbox {
  TempDir tmp;
  TempDir cache;
  std::string Env() const {
    return "NO_COLOR=1 SCHEMAC_NO_CACHE=1 TMPDIR='" + tmp.path.string() + "' XDG_CACHE_HOME='" +
           cache.path.string() + "' ";
  }
};

struct Process {
  pid_t pid = 0;
  pid_t ppid = 0;
  char state = '?';
  std::string cmdline;  // arguments joined by spaces
};

// A file of /proc; empty when the process is gone (a read may then fail with ESRCH).
std::string Slurp(const fs::path& path) {
  std::string text;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) text.append(buf, static_cast<size_t>(n));
  close(fd);
  return text;
}

std::vector<Process> Processes() {
  std::vector<Process> all;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    Process p;
    p.pid = std::atoi(name.c_str());
    std::string stat = Slurp(entry.path() / "stat");
    size_t paren = stat.rfind(')');
    if (paren == std::string::npos || paren + 2 >= stat.size()) continue;  // gone meanwhile
    std::istringstream fields(stat.substr(paren + 2));
    fields >> p.state >> p.ppid;
    p.cmdline = Slurp(entry.path() / "cmdline");
    std::replace(p.cmdline.begin(), p.cmdline.end(), '\0', ' ');
    all.push_back(std::move(p));
  }
  return all;
}

bool Running(const Process& p) { return p.state != 'Z' && p.state != 'X'; }

bool Alive(pid_t pid) {
  for (const Process& p : Processes()) {
    if (p.pid == pid) return Running(p);
  }
  return false;
}

// What `pgrep -f DIR` would list (zombies aside: they hold nothing), as "pid cmdline" lines.
std::vector<std::string> ProcessesMentioning(const fs::path& dir) {
  std::vector<std::string> found;
  for (const Process& p : Processes()) {
    if (Running(p) && p.pid != getpid() && p.cmdline.find(dir.string()) != std::string::npos) {
      found.push_back(std::to_string(p.pid) + " " + p.cmdline);
    }
  }
  return found;
}

std::vector<std::string> Entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().string());
  return names;
}

void CheckNothingLeft(const Sandbox& box) {
  CHECK(Entries(box.tmp.path) == std::vector<std::string>{});
  CHECK(ProcessesMentioning(box.tmp.path) == std::vector<std::string>{});
}

// One line on stderr ("schemac: error: ...\n"), printable UTF-8, nothing on stdout, exit 1.
void CheckOneLineError(const RunResult& run) {
  INFO("stdout: " << run.out << "\nstderr: " << run.err);
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK(run.err.starts_with("schemac: error: "));
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK(run.err.ends_with("\n"));
  bool printable = true;
  for (size_t i = 0; i + 1 < run.err.size(); ++i) {
    auto c = static_cast<unsigned char>(run.err[i]);
    if (c < 0x20 || c == 0x7F) printable = false;
    if (c >= 0x80) {  // a UTF-8 sequence: lead byte, then continuation bytes
      int length = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
      if (length == 0 || i + length > run.err.size() - 1) {
        printable = false;
        continue;
      }
      for (int k = 1; k < length; ++k) {
        if ((static_cast<unsigned char>(run.err[i + k]) & 0xC0) != 0x80) printable = false;
      }
      i += length - 1;
    }
  }
  CHECK(printable);
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The same schema in many tables, so that building it takes long enough to be interrupted.
std::string ManyTables(int count, bool vector) {
  std::string text = vector ? "extension vector\n\n" : "";
  for (int i = 0; i < count; ++i) {
    text += "table t" + std::to_string(i) + " {\n  id bigint primary key\n  name text\n  n int?\n" +
            (vector ? "  e vector(3)?\n" : "") + "}\n";
  }
  return text;
}

constexpr char kVectorSchema[] = "extension vector\n\ntable t {\n  id int primary key\n  e vector(3)?\n}\n";
constexpr char kPlainSchema[] = "table t {\n  id int primary key\n  name text\n}\n";

std::string PglitePrefix() {
  if (const char* prefix = std::getenv("SCHEMAC_PGLITE_PREFIX"); prefix != nullptr) return prefix;
  if (const char* build = std::getenv("SCHEMAC_BUILD_DIR"); build != nullptr) {
    return std::string(build) + "/npm";
  }
  return (fs::path(SCHEMAC_BINARY).parent_path() / "npm").string();
}

// Runs schemac with `args` in the background, in `env` (variable assignments); `timeout` makes
// a hang a failure (exit 124), not a stuck test run.
std::future<RunResult> Start(const std::string& env, const std::string& args) {
  std::string command = env + "timeout 90 " + SCHEMAC_BINARY + " " + args;
  return std::async(std::launch::async, [command] { return RunShell(command); });
}

using Clock = std::chrono::steady_clock;

bool Done(const std::future<RunResult>& run) {
  return run.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

// A fake `postgres` in a directory of its own, next to the real initdb.
fs::path FakeBindir(const fs::path& dir, const std::string& script) {
  fs::create_directories(dir);
  WriteFile(dir / "postgres", "#!/bin/sh\n" + script);
  fs::permissions(dir / "postgres", fs::perms::owner_all | fs::perms::group_read |
                                        fs::perms::group_exec | fs::perms::others_read |
                                        fs::perms::others_exec);
  fs::create_symlink(PgBindir() + "/initdb", dir / "initdb");
  return dir;
}

}  // namespace

TEST_CASE("engines: an embedded PostgreSQL that fails to start is one line, nothing left",
          "[devdb]") {
  Sandbox box;
  TempDir work;
  WriteFile(work.path / "app.schema", kPlainSchema);
  std::string diff = " " + std::string(SCHEMAC_BINARY) + " diff --from empty --to " +
                     (work.path / "app.schema").string();
  const std::string version = "if [ \"$1\" = --version ]; then echo 'postgres (PostgreSQL) 15.99'; exit 0; fi\n";

  SECTION("postgres exits 1 with a message") {
    fs::path bindir = FakeBindir(work.path / "exits", version + "echo 'FATAL:  boom from the fake server' >&2\nexit 1\n");
    RunResult run = RunShell(box.Env() + "SCHEMAC_PG_BINDIR='" + bindir.string() + "'" + diff);
    CheckOneLineError(run);
    CHECK(Contains(run.err, "the embedded dev database (PostgreSQL 15.99 in " + bindir.string() +
                                ") exited during start: FATAL: boom from the fake server"));
    CheckNothingLeft(box);
  }
  SECTION("postgres prints garbage: control characters, escape sequences, bytes not UTF-8") {
    fs::path bindir = FakeBindir(
        work.path / "garbage",
        version + "printf 'one\\r\\ntwo\\v\\f\\033[2J\\033]0;title\\007\\000nul\\302\\205c1\\n'\n"
                  "head -c 4000 /dev/urandom\nprintf '\\nlast words \\303\\244\\n'\nexit 3\n");
    RunResult run = RunShell(box.Env() + "SCHEMAC_PG_BINDIR='" + bindir.string() + "'" + diff);
    CheckOneLineError(run);
    CHECK(Contains(run.err, "exited during start: "));
    CHECK(Contains(run.err, "last words \xc3\xa4\n"));
    CheckNothingLeft(box);
  }
  SECTION("postgres --version prints garbage") {
    fs::path bindir = FakeBindir(work.path / "version", "head -c 300 /dev/urandom\necho\necho garbage\n");
    RunResult run = RunShell(box.Env() + "SCHEMAC_PG_BINDIR='" + bindir.string() + "'" + diff);
    CheckOneLineError(run);
    CHECK(Contains(run.err, "found an unreadable `postgres --version` in " + bindir.string()));
    CheckNothingLeft(box);
  }
  SECTION("no server binaries at all") {
    RunResult run = RunShell(box.Env() + "SCHEMAC_PG_BINDIR='" + (work.path / "none").string() +
                             "'" + diff);
    CheckOneLineError(run);
    CHECK(Contains(run.err, "no PostgreSQL server binaries (initdb, postgres) in "));
    CheckNothingLeft(box);
  }
}

TEST_CASE("engines: a PGlite engine that cannot start is one line naming Node's error",
          "[devdb][pglite]") {
  Sandbox box;
  TempDir work;
  WriteFile(work.path / "vec.schema", kVectorSchema);
  // An npm prefix that looks complete but whose packages throw when imported.
  for (const char* package : {"pglite", "pglite-pgvector", "pglite-socket"}) {
    fs::path dir = work.path / "npm/node_modules/@electric-sql" / package;
    fs::create_directories(dir);
    WriteFile(dir / "package.json", "{\"name\": \"x\", \"main\": \"index.js\"}\n");
    WriteFile(dir / "index.js", std::string("throw new Error('broken ") + package + ": cannot load');\n");
  }
  RunResult run = RunShell(box.Env() + "SCHEMAC_PGLITE_PREFIX='" + (work.path / "npm").string() +
                           "' " + SCHEMAC_BINARY + " diff --from empty --to " +
                           (work.path / "vec.schema").string());
  CheckOneLineError(run);
  CHECK(Contains(run.err,
                 "the PGlite engine exited during start: Error: broken pglite: cannot load\n"));
  CheckNothingLeft(box);
}

TEST_CASE("engines: the embedded PostgreSQL needs no TCP port (5432 taken is fine)", "[devdb]") {
  // It listens on a unix socket in its own directory only: a listener on the port number its
  // socket is named after changes nothing. (Something else may hold 5432 already: fine too.)
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(5432);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool held = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
              listen(fd, 4) == 0;
  INFO("this test holds 127.0.0.1:5432: " << held);
  Sandbox box;
  TempDir work;
  WriteFile(work.path / "app.schema", kPlainSchema);
  RunResult run = RunShell(box.Env() + SCHEMAC_BINARY + " diff --from empty --to " +
                           (work.path / "app.schema").string());
  close(fd);
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(Contains(run.out, "CREATE TABLE IF NOT EXISTS public.t"));
  CheckNothingLeft(box);
}

namespace {

// Takes the port of each PGlite engine schemac starts from `box` before Node can bind it (Node
// gets its port on the command line and binds it only after loading PGlite, seconds later).
// `answer(n)`: whether the listener on the n-th port (from 0) answers like PostgreSQL (an
// authentication error) instead of staying silent; `count`: how many ports to take.
class PortSquatter {
 public:
  PortSquatter(const Sandbox& box, std::function<bool(int)> answer, int count)
      : box_(box), answer_(std::move(answer)), count_(count) {}
  ~PortSquatter() {
    for (const Listener& l : listeners_) close(l.fd);
  }

  // Called in a loop while schemac runs.
  void Poll() {
    for (const Process& p : Processes()) {
      if (!Running(p) || seen_.count(p.pid) != 0) continue;
      if (!Contains(p.cmdline, box_.tmp.path.string()) || !Contains(p.cmdline, "pglite_server.mjs")) {
        continue;
      }
      seen_.insert(p.pid);
      // node SCRIPT PREFIX PORT HOST
      std::istringstream args(p.cmdline);
      std::string node, script, prefix;
      int port = 0;
      args >> node >> script >> prefix >> port;
      if (static_cast<int>(taken_.size() + missed_.size()) >= count_) continue;
      int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      int one = 1;
      setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(static_cast<uint16_t>(port));
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (port > 0 && bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
          listen(fd, 16) == 0) {
        listeners_.push_back({fd, answer_(static_cast<int>(taken_.size()))});
        taken_.push_back(port);
      } else {
        close(fd);
        missed_.push_back(port);
      }
    }
    // The answering listeners reply to each startup packet with a FATAL error: enough for
    // libpq's PQping to say "the server is up".
    for (const Listener& l : listeners_) {
      if (!l.answer) continue;
      for (;;) {
        int client = accept(l.fd, nullptr, nullptr);
        if (client < 0) break;
        pollfd wait{client, POLLIN, 0};
        char buf[512];
        if (poll(&wait, 1, 1000) > 0 && read(client, buf, sizeof buf) > 0) {
          std::string body = std::string("SFATAL") + '\0' + "C28000" + '\0' +
                             "Msquatter: not the PGlite engine" + '\0' + '\0';
          uint32_t length = htonl(static_cast<uint32_t>(body.size() + 4));
          std::string message(1, 'E');  // Appended, not "E" + ...: GCC 12 warns wrongly there.
          message.append(reinterpret_cast<const char*>(&length), 4);
          message += body;
          ssize_t ignored = write(client, message.data(), message.size());
          (void)ignored;
          ++answered_;
        }
        close(client);
      }
    }
  }

  const std::vector<int>& taken() const { return taken_; }
  const std::vector<int>& missed() const { return missed_; }
  int answered() const { return answered_; }

 private:
  struct Listener {
    int fd;
    bool answer;
  };
  const Sandbox& box_;
  std::function<bool(int)> answer_;
  int count_;
  std::set<pid_t> seen_;
  std::vector<Listener> listeners_;
  std::vector<int> taken_;
  std::vector<int> missed_;
  int answered_ = 0;
};

RunResult RunSquatted(const std::string& env, const std::string& args, PortSquatter& squatter) {
  std::future<RunResult> run = Start(env, args);
  while (!Done(run)) {
    squatter.Poll();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return run.get();
}

}  // namespace

TEST_CASE("engines: PGlite's port taken, twice, is retried on another port", "[devdb][pglite]") {
  Sandbox box;
  TempDir work;
  WriteFile(work.path / "vec.schema", kVectorSchema);
  // Schemac picks a free port, and something takes it before Node binds it. The first time it
  // is a listener that never answers (the start must not hang on it); the second time one that
  // answers like PostgreSQL (the start must not take it for the engine). The third port is free.
  PortSquatter squatter(box, [](int n) { return n > 0; }, 2);
  RunResult run = RunSquatted(box.Env() + "SCHEMAC_PGLITE_PREFIX='" + PglitePrefix() + "' ",
                              "diff --from empty --to " + (work.path / "vec.schema").string(),
                              squatter);
  INFO("stderr: " << run.err << "\nports taken: " << squatter.taken().size()
                  << ", missed: " << squatter.missed().size()
                  << ", answered: " << squatter.answered());
  REQUIRE(squatter.missed().empty());  // else Node had bound its port first: nothing tested
  CHECK(squatter.taken().size() == 2);
  CHECK(run.exit_code == 0);
  CHECK(Contains(run.out, "CREATE TABLE IF NOT EXISTS public.t"));
  CHECK(Contains(run.out, "vector(3)"));
  CheckNothingLeft(box);
}

namespace {

// Whether a backend's process title ("postgres: USER DATABASE [local] ACTIVITY", kept up to date
// by update_process_title) says that it runs a statement of the schema's build on a dev
// database. Not while it connects: the title names the database from the startup packet on,
// with no activity, then "authentication", "startup", and "idle" before the first statement.
bool RunsBuildStatement(const std::string& title) {
  size_t database = title.find(" schemac_dev_");
  if (!title.starts_with("postgres: ") || database == std::string::npos) return false;
  size_t local = title.find(" [local] ", database);
  if (local == std::string::npos) return false;
  std::string activity = title.substr(local + 9);
  while (!activity.empty() && activity.back() == ' ') activity.pop_back();  // the padding
  return activity == "CREATE TABLE" || activity == "ALTER TABLE" || activity == "CREATE INDEX";
}

}  // namespace

TEST_CASE("engines: a backend's title tells a build statement from a connection", "[devdb]") {
  CHECK(RunsBuildStatement("postgres: postgres schemac_dev_17752_1 [local] CREATE TABLE"));
  CHECK(RunsBuildStatement("postgres: postgres schemac_dev_17752_1 [local] ALTER TABLE   "));
  CHECK_FALSE(RunsBuildStatement("postgres: postgres schemac_dev_17752_1 [local] "));
  CHECK_FALSE(RunsBuildStatement("postgres: postgres schemac_dev_17752_1 [local] authentication"));
  CHECK_FALSE(RunsBuildStatement("postgres: postgres schemac_dev_17752_1 [local] startup"));
  CHECK_FALSE(RunsBuildStatement("postgres: postgres schemac_dev_17752_1 [local] idle"));
  CHECK_FALSE(RunsBuildStatement("postgres: postgres schemac_dev_17752_1 [local] SELECT"));
  CHECK_FALSE(RunsBuildStatement("postgres: postgres postgres [local] CREATE DATABASE"));
}

TEST_CASE("engines: the embedded PostgreSQL killed while a schema is built on it", "[devdb]") {
  Sandbox box;
  TempDir work;
  WriteFile(work.path / "many.schema", ManyTables(1000, false));
  std::future<RunResult> run =
      Start(box.Env(), "diff --from empty --to " + (work.path / "many.schema").string());
  // The postmaster (its command line names the data directory in TMPDIR), once one of its
  // backends runs the build's statements on the dev database: connected, past its startup, so
  // that what is killed is a build and not a connection attempt. Then kill -9 it.
  pid_t postmaster = 0;
  std::string killed_during;
  std::vector<pid_t> children;
  while (!Done(run) && postmaster == 0) {
    std::vector<Process> all = Processes();
    for (const Process& p : all) {
      if (!Running(p) || !Contains(p.cmdline, "postgres -D " + box.tmp.path.string())) continue;
      bool building = false;
      for (const Process& child : all) {
        if (child.ppid == p.pid && Running(child) && RunsBuildStatement(child.cmdline)) {
          building = true;
          killed_during = child.cmdline;
        }
      }
      if (!building) continue;
      for (const Process& child : all) {
        if (child.ppid == p.pid) children.push_back(child.pid);
      }
      // The whole server, as a crash takes it down: a postmaster killed alone leaves its
      // backends running the statements they have, and the build may then still succeed.
      postmaster = p.pid;
      kill(postmaster, SIGKILL);
      for (pid_t child : children) kill(child, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  RunResult result = run.get();
  INFO("exit " << result.exit_code << ", stderr: " << result.err);
  INFO("killed while: " << killed_during);
  REQUIRE(postmaster != 0);  // else the build ended before it could be interrupted
  CheckOneLineError(result);
  CHECK(Contains(result.err, "the embedded PostgreSQL dev database ("));
  CHECK(Contains(result.err, ") stopped while the schema was built on it (it crashed or was killed): "));
  CheckNothingLeft(box);
  // Its children were killed with it; give the kernel a moment, then none is left.
  auto deadline = Clock::now() + std::chrono::seconds(20);
  std::vector<pid_t> alive;
  do {
    alive.clear();
    for (pid_t child : children) {
      if (Alive(child)) alive.push_back(child);
    }
    if (!alive.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (!alive.empty() && Clock::now() < deadline);
  CHECK(alive == std::vector<pid_t>{});
}

namespace {

// Established TCP connections from 127.0.0.1 to `port` (from /proc/net/tcp).
int ConnectionsTo(int port) {
  std::ifstream in("/proc/net/tcp");
  std::string line;
  std::getline(in, line);  // header
  int count = 0;
  char remote[64], state[8];
  while (std::getline(in, line)) {
    if (std::sscanf(line.c_str(), "%*s %*s %63s %7s", remote, state) != 2) continue;
    std::string r = remote;
    size_t colon = r.find(':');
    if (colon == std::string::npos) continue;
    if (std::strtol(r.c_str() + colon + 1, nullptr, 16) == port && std::string(state) == "01") {
      ++count;
    }
  }
  return count;
}

// The PGlite engine of `box` (Node, whose command line names its script in TMPDIR) once
// schemac holds two connections to it at once: the readiness check uses one at a time, the
// build two (admin and build). 0 until then.
pid_t BuildingPglite(const Sandbox& box) {
  for (const Process& p : Processes()) {
    if (!Running(p) || !Contains(p.cmdline, box.tmp.path.string()) ||
        !Contains(p.cmdline, "pglite_server.mjs")) {
      continue;
    }
    std::istringstream args(p.cmdline);
    std::string program, script, prefix;
    int port = 0;
    args >> program >> script >> prefix >> port;
    if (ConnectionsTo(port) >= 2) return p.pid;
  }
  return 0;
}

}  // namespace

TEST_CASE("engines: the PGlite engine killed while a schema is built on it", "[devdb][pglite]") {
  Sandbox box;
  TempDir work;
  WriteFile(work.path / "many.schema", ManyTables(300, true));
  std::future<RunResult> run =
      Start(box.Env() + "SCHEMAC_PGLITE_PREFIX='" + PglitePrefix() + "' ",
            "diff --from empty --to " + (work.path / "many.schema").string());
  pid_t node = 0;
  while (!Done(run) && node == 0) {
    if ((node = BuildingPglite(box)) != 0) kill(node, SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  RunResult result = run.get();
  INFO("exit " << result.exit_code << ", stderr: " << result.err);
  REQUIRE(node != 0);  // else the build ended before it could be interrupted
  CheckOneLineError(result);
  CHECK(Contains(result.err, "the PGlite dev database engine stopped while the schema was built "
                             "on it (it crashed or was killed): "));
  CheckNothingLeft(box);
}

TEST_CASE("engines: what a schemac killed with -9 leaves is removed by the next run",
          "[devdb][pglite]") {
  Sandbox box;
  TempDir work;
  WriteFile(work.path / "many.schema", ManyTables(300, true));
  std::string env = box.Env() + "SCHEMAC_PGLITE_PREFIX='" + PglitePrefix() + "' ";
  std::string args = "diff --from empty --to " + (work.path / "many.schema").string();
  std::future<RunResult> run = Start(env, args);
  // schemac itself, once the PGlite engine (started after the embedded server, which lacks
  // pgvector) holds the build's connections: no handler runs, nothing is cleaned up.
  pid_t schemac = 0;
  while (!Done(run) && schemac == 0) {
    if (BuildingPglite(box) != 0) {
      for (const Process& p : Processes()) {
        if (Running(p) && p.cmdline.starts_with(std::string(SCHEMAC_BINARY) + " " + args)) {
          schemac = p.pid;
        }
      }
      if (schemac != 0) kill(schemac, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  RunResult killed = run.get();
  REQUIRE(schemac != 0);  // else the build ended before it could be interrupted
  CHECK(killed.exit_code == 128 + SIGKILL);
  // Its engines stop by themselves (parent death signal); their directories stay.
  auto deadline = Clock::now() + std::chrono::seconds(20);
  while (!ProcessesMentioning(box.tmp.path).empty() && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(ProcessesMentioning(box.tmp.path) == std::vector<std::string>{});
  std::vector<std::string> left = Entries(box.tmp.path);
  CHECK(left.size() == 2);
  for (const char* prefix : {"schemac-devdb-", "schemac-pglite-"}) {
    CHECK(std::count_if(left.begin(), left.end(), [&](const std::string& path) {
            return fs::path(path).filename().string().starts_with(prefix);
          }) == 1);
  }

  // The next run that starts both engines removes them.
  WriteFile(work.path / "vec.schema", kVectorSchema);
  RunResult next = RunShell(env + SCHEMAC_BINARY + " diff --from empty --to " +
                            (work.path / "vec.schema").string());
  INFO(next.err);
  CHECK(next.exit_code == 0);
  CheckNothingLeft(box);
}

TEST_CASE("engines: a dev URL without CREATEDB whose database is not empty is refused",
          "[devdb]") {
  ScratchDb db(Engine::kPostgres);
  std::string role = "schemac_nocreatedb";
  db.Exec("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role +
          "') then create role " + role + " login nocreatedb; end if; end $$;");
  db.Exec("do $$ begin execute format('alter database %I owner to " + role +
          "', current_database()); end $$");
  db.Exec("create table keep_me (id int)");
  std::string url = db.url();
  url.replace(url.find("postgres@"), 9, role + "@");
  Sandbox box;
  TempDir work;
  WriteFile(work.path / "app.schema", kPlainSchema);
  RunResult run = RunShell(box.Env() + SCHEMAC_BINARY + " diff --dev-url '" + url +
                           "' --from empty --to " + (work.path / "app.schema").string());
  CheckOneLineError(run);
  CHECK(Contains(run.err, "is not empty ("));
  CHECK(Contains(run.err, "), and schemac cannot create databases on that server (no CREATEDB"));
  CheckNothingLeft(box);
  // Left as it was.
  db.Exec("select 1 from keep_me");
}

TEST_CASE("engines: a PGlite dev URL that is not empty is refused in one line",
          "[devdb][pglite]") {
  ScratchDb db(Engine::kPglite);
  db.Exec("create table keep_me (id int)");
  Sandbox box;
  TempDir work;
  WriteFile(work.path / "vec.schema", kVectorSchema);
  RunResult run = RunShell(box.Env() + SCHEMAC_BINARY + " diff --dev-url '" + db.url() +
                           "' --from empty --to " + (work.path / "vec.schema").string());
  CheckOneLineError(run);
  CHECK(Contains(run.err, "is not empty ("));
  CheckNothingLeft(box);
  db.Exec("select 1 from keep_me");
}

}  // namespace schemac::testing
