// The embedded PostgreSQL server (embedded_server.h): cold and warm starts, failures, signals.

#include "backends/postgres/engines/embedded_server.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <string>

#include "backends/postgres/connection.h"

namespace schemac::pg {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

// A directory under /tmp removed at the end of the scope. Mode 0755 so that the unprivileged
// server user reaches it when the tests run as root.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/schemac-devdb-test-XXXXXX";
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
    chmod(path_.c_str(), 0755);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Gone, or a zombie nobody reaped yet: either way it holds no socket and no files.
bool ProcessGone(pid_t pid) {
  if (kill(pid, 0) != 0 && errno == ESRCH) return true;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  size_t paren = text.rfind(')');
  return paren == std::string::npos || (paren + 2 < text.size() && text[paren + 2] == 'Z');
}

void WriteExecutable(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  chmod(path.c_str(), 0755);
}

TEST_CASE("the embedded dev database starts cold, restarts warm, and stops clean", "[devdb]") {
  TempDir cache;
  DevServerOptions options{.bindir = "", .cache_dir = cache.path()};

  auto server = EmbeddedServer::Start(options);
  CHECK_FALSE(server->warm());
  REQUIRE(server->server_version() >= 150000);
  REQUIRE(fs::exists(server->bindir() + "/postgres"));
  pid_t pid = server->pid();
  std::string dir = server->dir();
  REQUIRE(pid > 0);
  REQUIRE(fs::is_directory(dir));
  {
    pqxx::connection c{server->url()};
    REQUIRE(c.server_version() == server->server_version());
    pqxx::work w{c};
    w.exec("select 1");
    w.exec("create table notes (id int primary key, body text not null)");
    w.exec("insert into notes values (1, 'kept until stop')");
    // Unix socket only: nothing listens on TCP.
    REQUIRE(w.exec("show listen_addresses")[0][0].as<std::string>().empty());
    REQUIRE(w.exec("show fsync")[0][0].as<std::string>() == "off");
    w.commit();
  }

  server->Stop();
  REQUIRE(ProcessGone(pid));
  REQUIRE_FALSE(fs::exists(dir));
  REQUIRE(server->pid() == 0);
  server->Stop();  // idempotent

  // The first start cached its initdb; the second copies it instead of running initdb.
  REQUIRE(fs::exists(server->template_dir() + "/PG_VERSION"));
  auto warm = EmbeddedServer::Start(options);
  REQUIRE(warm->warm());
  REQUIRE(warm->template_dir() == server->template_dir());
  REQUIRE(warm->dir() != dir);
  {
    pqxx::connection c{warm->url()};
    pqxx::work w{c};
    // A fresh copy of the template: nothing of the previous server survives.
    REQUIRE(w.exec("select count(*) from pg_class where relname = 'notes'")[0][0].as<int>() == 0);
  }
  pid_t warm_pid = warm->pid();
  std::string warm_dir = warm->dir();
  warm.reset();  // the destructor stops too
  REQUIRE(ProcessGone(warm_pid));
  REQUIRE_FALSE(fs::exists(warm_dir));
}

TEST_CASE("missing server binaries give an actionable one-line error", "[devdb]") {
  REQUIRE(fs::exists(FindServerBindir() + "/postgres"));
  REQUIRE_THROWS_AS(FindServerBindir("/nonexistent/schemac/bin"), UserError);
  REQUIRE_THROWS_WITH(FindServerBindir("/nonexistent/schemac/bin"),
                      Contains("--dev-url") && Contains("apt-get install postgresql") &&
                          Contains("/nonexistent/schemac/bin"));
  DevServerOptions options{.bindir = "/nonexistent/schemac/bin", .cache_dir = ""};
  REQUIRE_THROWS_WITH(EmbeddedServer::Start(options), Contains("--dev-url"));
}

TEST_CASE("a server that fails to start leaves no process and no directory", "[devdb]") {
  TempDir tmp;
  TempDir bin;
  TempDir cache;
  // A fake server: it reports a supported version, then dies the way a broken install would.
  WriteExecutable(bin.path() + "/postgres",
                  "#!/bin/sh\n"
                  "if [ \"$1\" = --version ]; then echo 'postgres (PostgreSQL) 15.99'; exit 0; fi\n"
                  "echo 'FATAL:  simulated startup failure' >&2\n"
                  "exit 1\n");
  WriteExecutable(bin.path() + "/initdb",
                  "#!/bin/sh\necho 'initdb: simulated failure' >&2\nexit 1\n");

  const char* old_tmpdir = std::getenv("TMPDIR");
  std::string saved = old_tmpdir ? old_tmpdir : "";
  setenv("TMPDIR", tmp.path().c_str(), 1);
  DevServerOptions options{.bindir = bin.path(), .cache_dir = cache.path()};

  SECTION("initdb fails") {
    REQUIRE_THROWS_WITH(EmbeddedServer::Start(options),
                        Contains("initdb failed") && Contains("simulated failure"));
  }
  SECTION("the postmaster exits during start") {
    // A template that passes the completeness check, so that start skips initdb.
    fs::create_directories(cache.path() + "/template-15/global");
    std::ofstream(cache.path() + "/template-15/PG_VERSION") << "15\n";
    std::ofstream(cache.path() + "/template-15/global/pg_control") << "";
    REQUIRE_THROWS_WITH(EmbeddedServer::Start(options), Contains("exited during start") &&
                                                            Contains("simulated startup failure") &&
                                                            !Contains("\n"));
  }

  if (old_tmpdir) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  REQUIRE(fs::is_empty(tmp.path()));
  // No half-written template either.
  for (const auto& entry : fs::directory_iterator(cache.path())) {
    REQUIRE(entry.path().filename().string().find(".tmp-") == std::string::npos);
  }
}

// A child process that plays schemac: it starts a server, reports its postmaster and directory,
// and waits to be killed.
struct ChildServer {
  pid_t child = 0;
  pid_t postmaster = 0;
  std::string dir;
};

ChildServer StartInChild(const DevServerOptions& options) {
  int fds[2];
  REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // Catch2 handles SIGTERM while a test runs; schemac does not.
    close(fds[0]);
    signal(SIGTERM, SIG_DFL);
    std::string message;
    try {
      auto server = EmbeddedServer::Start(options);
      message = "ok " + std::to_string(server->pid()) + " " + server->dir() + "\n";
      if (write(fds[1], message.data(), message.size()) < 0) _exit(2);
      for (;;) pause();
    } catch (const std::exception& e) {
      message = std::string("error ") + e.what() + "\n";
      if (write(fds[1], message.data(), message.size()) < 0) _exit(2);
    }
    _exit(1);
  }
  close(fds[1]);
  std::string line;
  char c;
  while (read(fds[0], &c, 1) == 1 && c != '\n') line += c;
  close(fds[0]);
  INFO("child said: " << line);
  REQUIRE(line.rfind("ok ", 0) == 0);
  ChildServer result;
  result.child = child;
  std::istringstream in(line.substr(3));
  in >> result.postmaster >> result.dir;
  REQUIRE(result.postmaster > 0);
  REQUIRE(fs::is_directory(result.dir));
  REQUIRE_FALSE(ProcessGone(result.postmaster));
  return result;
}

TEST_CASE("SIGTERM to schemac stops its server and removes its directory", "[devdb]") {
  TempDir cache;
  ChildServer server = StartInChild({.bindir = "", .cache_dir = cache.path()});
  REQUIRE(kill(server.child, SIGTERM) == 0);
  int status = 0;
  REQUIRE(waitpid(server.child, &status, 0) == server.child);
  // The handler re-raised the signal: the child died of SIGTERM, as without the handler.
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(WTERMSIG(status) == SIGTERM);
  REQUIRE(ProcessGone(server.postmaster));
  REQUIRE_FALSE(fs::exists(server.dir));
}

TEST_CASE("after a SIGKILL the server shuts down and the next start removes its directory",
          "[devdb]") {
  TempDir cache;
  TempDir tmp;
  const char* old_tmpdir = std::getenv("TMPDIR");
  std::string saved = old_tmpdir ? old_tmpdir : "";
  setenv("TMPDIR", tmp.path().c_str(), 1);
  DevServerOptions options{.bindir = "", .cache_dir = cache.path()};

  ChildServer server = StartInChild(options);
  REQUIRE(kill(server.child, SIGKILL) == 0);
  REQUIRE(waitpid(server.child, nullptr, 0) == server.child);
  // No handler runs on SIGKILL; the parent-death signal makes the postmaster shut down. Poll
  // for it (a generous bound, not a timing assertion).
  for (int i = 0; i < 3000 && !ProcessGone(server.postmaster); ++i) usleep(10'000);
  REQUIRE(ProcessGone(server.postmaster));
  REQUIRE(fs::exists(server.dir));

  auto next = EmbeddedServer::Start(options);
  REQUIRE_FALSE(fs::exists(server.dir));
  next->Stop();

  if (old_tmpdir) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  REQUIRE(fs::is_empty(tmp.path()));
}

}  // namespace
}  // namespace schemac::pg
