// Process supervision (process.h) without a database: children run and reaped, their output
// made printable, engine directories removed on release, free ports.

#include "backends/postgres/engines/process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "compiler/error.h"

namespace schemac::pg::engines {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

TEST_CASE("process: a short-lived program's output and status are collected", "[engines]") {
  RunResult ok = Run({.argv = {"/bin/sh", "-c", "echo out; echo err >&2"}});
  CHECK(Succeeded(ok.status));
  CHECK(ok.output == "out\nerr\n");
  RunResult failed = Run({.argv = {"/bin/sh", "-c", "exit 3"}});
  CHECK_FALSE(Succeeded(failed.status));
  REQUIRE_THROWS_AS(Run({.argv = {"/nonexistent/schemac/program"}}), UserError);
  REQUIRE_THROWS_WITH(Run({.argv = {"/nonexistent/schemac/program"}}),
                      Contains("cannot run /nonexistent/schemac/program"));
}

TEST_CASE("process: what a child prints reaches messages as one printable line", "[engines]") {
  CHECK(Printable("plain text") == "plain text");
  CHECK(Printable("a\x1b[31mred\x07") == "a?[31mred?");
  CHECK(Printable("caf\xc3\xa9") == "caf\xc3\xa9");  // valid UTF-8 is kept
  CHECK(Printable("bad \xff byte") == "bad ? byte");
  CHECK(Printable(std::string(400, 'x')).size() < 400);

  std::string log = fs::temp_directory_path() / ("schemac-process-test-" +
                                                 std::to_string(getpid()) + ".log");
  std::ofstream(log) << "one\ntwo\n\nthree\nfour\nfive\n";
  CHECK(LogTail(log) == "two | three | four | five");
  CHECK(LogTail(log, 2) == "four | five");
  fs::remove(log);
  CHECK(LogTail(log) == "(empty log)");
}

TEST_CASE("process: an engine's directory is removed when its slot is released", "[engines]") {
  std::string root = fs::temp_directory_path();
  int slot = -1;
  unsigned long serial = 0;
  std::string dir = ClaimDirectory(root, "schemac-process-test-", &slot, &serial);
  REQUIRE(fs::is_directory(dir));
  CHECK(dir.starts_with(root + "/schemac-process-test-"));
  CHECK(StillOurs(slot, serial));
  std::ofstream(dir + "/file") << "x";
  fs::create_directories(dir + "/sub/deeper");
  Release(&slot, serial);
  CHECK(slot == -1);
  CHECK_FALSE(fs::exists(dir));
  Release(&slot, serial);  // idempotent
}

TEST_CASE("process: a free port can be bound on 127.0.0.1", "[engines]") {
  int port = FreePort();
  REQUIRE(port > 0);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  CHECK(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  close(fd);
}

}  // namespace
}  // namespace schemac::pg::engines
