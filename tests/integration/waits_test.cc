// Waits with limits and Ctrl-C during apply, on a real PostgreSQL: a table locked by another
// session, the apply lock held by another session, servers that never answer, SIGINT, SIGTERM
// and pg_terminate_backend during apply. Each schemac run has a hang guard (killed after 60 s,
// which then fails the test on its messages); no test asserts how long anything took.

#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <pqxx/pqxx>
#include <thread>

#include "backends/postgres/connection.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

extern char** environ;

namespace schemac::testing {

namespace {

using namespace std::chrono_literals;

constexpr int kHangGuardSeconds = 60;

// schemac with a hang guard: a run that does not end is killed, and its messages then fail the
// test's checks.
RunResult Guarded(const std::string& args) {
  return RunShell("NO_COLOR=1 timeout -s KILL " + std::to_string(kHangGuardSeconds) + " " +
                  SCHEMAC_BINARY + " " + args);
}

std::string DevUrl() { return " --dev-url '" + EngineUrl(Engine::kPostgres) + "'"; }

// A session of the test that holds what `sql` takes in a transaction left open until it is
// destroyed (or Release() is called).
struct Holder {
  Holder(const std::string& url, const std::string& sql)
      : connection(pg::Connect(url)), tx(std::make_unique<pqxx::work>(*connection)) {
    tx->exec(sql);
    pid = connection->backendpid();
  }
  void Release() { tx.reset(); }
  std::unique_ptr<pqxx::connection> connection;
  std::unique_ptr<pqxx::work> tx;
  int pid = 0;
};

// The columns of a table, in order ("" when it does not exist).
std::string Columns(const std::string& url, const std::string& table) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  pqxx::nontransaction tx(*connection);
  return tx.exec1("select coalesce(string_agg(attname, ',' order by attnum), '') from "
                  "pg_attribute where attrelid = to_regclass('" + table +
                  "') and attnum > 0 and not attisdropped")[0]
      .c_str();
}

std::string HeldBy(int pid) { return "held by pid " + std::to_string(pid) + " (user "; }

// schemac running in the background, its output in files; killed if still running at the end.
class Background {
 public:
  Background(const std::string& args, const TempDir& dir) : dir_(dir.path) {
    std::string command = "exec env NO_COLOR=1 " + std::string(SCHEMAC_BINARY) + " " + args +
                          " >" + (dir_ / "out").string() + " 2>" + (dir_ / "err").string();
    // The signals this test sends must reach schemac with their default disposition, whatever
    // the test runner's is.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
    std::string shell = "/bin/sh", flag = "-c";
    char* argv[] = {shell.data(), flag.data(), command.data(), nullptr};
    if (posix_spawn(&pid_, "/bin/sh", nullptr, &attributes, argv, environ) != 0) pid_ = -1;
    posix_spawnattr_destroy(&attributes);
  }
  ~Background() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  pid_t pid() const { return pid_; }

  // The exit status; -1 when it did not end within the hang guard (then it is killed) or ended
  // by a signal.
  int Wait() {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kHangGuardSeconds);
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) return -1;  // The destructor kills it.
      std::this_thread::sleep_for(50ms);
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string Err() const { return ReadFile(dir_ / "err"); }
  std::string Out() const { return ReadFile(dir_ / "out"); }

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
};

// The backend of another session waiting for a lock while running an ALTER TABLE (apply's
// migration), once there is one; 0 after the hang guard.
int WaitingMigration(const std::string& url) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kHangGuardSeconds);
  while (std::chrono::steady_clock::now() < deadline) {
    pqxx::result rows = pqxx::nontransaction(*connection)
                            .exec("select pid from pg_stat_activity where datname = "
                                  "current_database() and wait_event_type = 'Lock' "
                                  "and query ilike '%alter table%'");
    if (!rows.empty()) return rows[0][0].as<int>();
    std::this_thread::sleep_for(50ms);
  }
  return 0;
}

// A database with a plain table (no expression a catalog read would lock it for) and a schema
// that adds a table and a column to it: a migration that waits for `plain`'s lock.
struct SlowApply {
  ScratchDb db{Engine::kPostgres};
  TempDir dir;
  std::string args;
  SlowApply() {
    db.Exec("create table plain (id integer primary key)");
    std::ofstream(dir.path / "app.schema") << "table plain {\n  id integer primary key\n  note "
                                              "text?\n}\n\ntable extra {\n  id integer primary "
                                              "key\n}\n";
    args = "apply --auto-approve --db '" + db.url() + "' --schema " +
           (dir.path / "app.schema").string() + DevUrl();
  }
  void CheckUnchanged() {
    CHECK(Columns(db.url(), "public.plain") == "id");
    CHECK(Columns(db.url(), "public.extra") == "");
  }
};

}  // namespace

TEST_CASE("reads of a table locked elsewhere give up after the lock timeout and name the holder",
          "[pg][waits]") {
  ScratchDb db(Engine::kPostgres);
  // A check constraint: reading it (pg_get_expr) takes the table's ACCESS SHARE lock.
  db.Exec("create table victim (id integer primary key, body text check (length(body) < 100))");
  TempDir dir;
  std::ofstream(dir.path / "app.schema")
      << "table victim {\n  id integer primary key\n  body text? check (length(body) < 100)\n"
         "  extra text?\n}\n";
  std::string schema = " --schema " + (dir.path / "app.schema").string();
  std::string db_arg = " --db '" + db.url() + "'";
  Holder holder(db.url(), "lock table victim in access exclusive mode");
  const std::string reason =
      "a lock was not granted within 1s (the lock timeout; --lock-timeout changes it): "
      "public.victim: AccessExclusiveLock " + HeldBy(holder.pid);

  for (const std::string& command :
       {"plan" + db_arg + schema + DevUrl(), "pull" + db_arg, "types" + db_arg,
        "apply --auto-approve" + db_arg + schema + DevUrl()}) {
    INFO(command);
    RunResult run = Guarded(command + " --lock-timeout 1s");
    INFO("stderr: " << run.err);
    CHECK(run.exit_code == 1);
    CHECK(run.err.starts_with("schemac: error: cannot read "));
    CHECK(run.err.find(reason) != std::string::npos);
    CHECK(run.err.find("idle in transaction since ") != std::string::npos);
  }
  holder.Release();
  CHECK(Columns(db.url(), "public.victim") == "id,body");  // apply changed nothing.
}

TEST_CASE("apply's migration gives up on a locked table, names the holder, applies nothing",
          "[pg][waits]") {
  SlowApply slow;
  Holder holder(slow.db.url(), "lock table plain in access exclusive mode");
  RunResult run = Guarded(slow.args + " --lock-timeout 1s");
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("schemac: error: migration failed: a lock was not granted within 1s (the "
                     "lock timeout; --lock-timeout changes it): public.plain: "
                     "AccessExclusiveLock " + HeldBy(holder.pid)) != std::string::npos);
  CHECK(run.err.ends_with("; nothing was applied\n"));
  holder.Release();
  slow.CheckUnchanged();
}

TEST_CASE("apply --concurrent-indexes: the index build waits for writers up to the lock timeout",
          "[pg][waits]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create table plain (id integer primary key, body text)");
  TempDir dir;
  std::ofstream(dir.path / "app.schema")
      << "table plain {\n  id integer primary key\n  body text?\n  index plain_body (body)\n}\n";
  std::string args = "apply --auto-approve --concurrent-indexes --db '" + db.url() +
                     "' --schema " + (dir.path / "app.schema").string() + DevUrl();
  auto index_state = [&] {
    std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
    pqxx::nontransaction tx(*connection);
    return std::string(tx.exec1("select coalesce((select case when indisvalid then 'valid' else "
                                "'invalid' end from pg_index where indexrelid = "
                                "to_regclass('public.plain_body')), 'none')")[0]
                           .c_str());
  };
  {
    // A writer's open transaction: CREATE INDEX CONCURRENTLY waits for it to end, outside any
    // transaction of the migration, and that wait is bounded by the lock timeout too.
    Holder writer(db.url(), "insert into plain values (1, 'x')");
    RunResult run = Guarded(args + " --lock-timeout 1s");
    INFO("stderr: " << run.err);
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("schemac: error: migration failed: a lock was not granted within 1s (the "
                       "lock timeout; --lock-timeout changes it): public.plain: "
                       "RowExclusiveLock " + HeldBy(writer.pid)) != std::string::npos);
    CHECK(run.err.find("(in: CREATE INDEX CONCURRENTLY IF NOT EXISTS plain_body ON public.plain") !=
          std::string::npos);
    CHECK(run.err.find("; PostgreSQL leaves the index it was building invalid (unused by "
                       "queries); the next apply, or this file run again, drops it and builds "
                       "it again") != std::string::npos);
  }
  CHECK(index_state() == "invalid");
  // PostgreSQL leaves the failed build behind as an invalid index: the next apply builds it
  // again instead of taking it for done.
  RunResult again = Guarded(args);
  INFO("stderr: " << again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("- drop index plain_body on public.plain (invalid: left by a failed "
                       "concurrent build)") != std::string::npos);
  CHECK(again.out.find("+ create index plain_body on public.plain  [NOT_TRANSACTIONAL]") !=
        std::string::npos);
  CHECK(index_state() == "valid");
  RunResult clean = Guarded("plan --exit-code --db '" + db.url() + "' --schema " +
                            (dir.path / "app.schema").string() + DevUrl());
  INFO("plan stderr: " << clean.err);
  CHECK(clean.exit_code == 0);
}

TEST_CASE("an invalid index the schema does not declare is reported, dropped, and not pulled",
          "[pg][waits]") {
  ScratchDb db(Engine::kPostgres);
  // A unique index built concurrently over duplicates fails and stays behind, invalid.
  db.Exec("create table plain (id integer primary key, body text);"
          "insert into plain values (1, 'x'), (2, 'x')");
  {
    std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
    pqxx::nontransaction tx(*connection);  // CONCURRENTLY runs outside a transaction block.
    CHECK_THROWS_AS(tx.exec("create unique index concurrently plain_body_key on plain (body)"),
                    pqxx::unique_violation);
  }
  TempDir dir;
  std::ofstream(dir.path / "app.schema")
      << "table plain {\n  id integer primary key\n  body text?\n}\n";
  std::string schema = " --schema " + (dir.path / "app.schema").string() + DevUrl();
  RunResult plan = Guarded("plan --exit-code --db '" + db.url() + "'" + schema);
  INFO("plan: " << plan.out << plan.err);
  CHECK(plan.exit_code == 2);  // Before: "No changes", the leftover invisible.
  CHECK(plan.out.find("- drop index plain_body_key on public.plain (invalid: left by a failed "
                      "concurrent build)") != std::string::npos);
  RunResult pull = Guarded("pull --db '" + db.url() + "' --out " + (dir.path / "pulled").string());
  INFO("pull: " << pull.err);
  CHECK(pull.exit_code == 0);
  std::string text = ReadFile(dir.path / "pulled" / "public.schema");
  CHECK(text.find("  -- pull: index plain_body_key is invalid (a failed CREATE INDEX "
                  "CONCURRENTLY) and is not written\n") != std::string::npos);
  RunResult apply = Guarded("apply --auto-approve --db '" + db.url() + "'" + schema);
  INFO("apply: " << apply.err);
  CHECK(apply.exit_code == 0);
  CHECK(Guarded("plan --exit-code --db '" + db.url() + "'" + schema).exit_code == 0);
}

TEST_CASE("apply's migration stops at the statement timeout, rolled back", "[pg][waits]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create table plain (id integer primary key, body text);"
          "insert into plain values (1, 'x')");
  TempDir dir;
  // Validating the check over the existing row runs pg_sleep: longer than the timeout.
  std::ofstream(dir.path / "app.schema")
      << "table plain {\n  id integer primary key\n  body text?\n"
         "  check plain_slow (pg_sleep(3)::text = '')\n  note text?\n}\n";
  RunResult run = Guarded("apply --auto-approve --statement-timeout 1s --db '" + db.url() +
                          "' --schema " + (dir.path / "app.schema").string() + DevUrl());
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("schemac: error: migration failed: a statement ran longer than 1s (the "
                     "statement timeout; --statement-timeout changes it)") != std::string::npos);
  CHECK(run.err.ends_with("; nothing was applied\n"));
  CHECK(Columns(db.url(), "public.plain") == "id,body");
}

TEST_CASE("apply says who holds the apply lock and gives up after the lock timeout",
          "[pg][waits]") {
  SlowApply slow;
  // The key every schemac apply takes (backends/postgres/apply.h, kApplyLock).
  Holder holder(slow.db.url(), "select pg_advisory_lock(" + std::to_string(0x736368656d6163LL) + ")");
  RunResult run = Guarded(slow.args + " --lock-timeout 1s");
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 1);
  CHECK(run.err.starts_with("schemac: waiting for the apply lock " + HeldBy(holder.pid)));
  CHECK(run.err.find("schemac: error: another apply holds the apply lock on ") !=
        std::string::npos);
  CHECK(run.err.find(": pid " + std::to_string(holder.pid) + " (user ") != std::string::npos);
  CHECK(run.err.find("gave up after 1s (the lock timeout; --lock-timeout changes it); nothing "
                     "was applied\n") != std::string::npos);
  holder.Release();
  slow.CheckUnchanged();
}

namespace {

// A listening socket on 127.0.0.1; the kernel completes the TCP handshake of each client.
struct Listener {
  Listener() {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof(address);
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        listen(fd, 8) != 0 || getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      FAIL("cannot listen on 127.0.0.1");
    }
    port = ntohs(address.sin_port);
  }
  ~Listener() { close(fd); }
  int fd = -1;
  int port = 0;
};

bool ReadExactly(int fd, char* buffer, size_t size) {
  for (size_t done = 0; done < size;) {
    ssize_t n = read(fd, buffer + done, size - done);
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

uint32_t BigEndian(const char* bytes) {
  return (uint32_t(uint8_t(bytes[0])) << 24) | (uint32_t(uint8_t(bytes[1])) << 16) |
         (uint32_t(uint8_t(bytes[2])) << 8) | uint32_t(uint8_t(bytes[3]));
}

std::string Message(char type, const std::string& body) {
  uint32_t length = body.size() + 4;
  std::string out(1, type);
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((length >> shift) & 0xff);
  return out + body;
}

// One client of a fake PostgreSQL server: the startup is answered (no TLS, no password, a
// version-15 server, ready for queries), then every query is read and none is ever answered.
void ServeSilently(int client) {
  char header[8];
  for (;;) {
    if (!ReadExactly(client, header, 8)) return;
    uint32_t length = BigEndian(header), code = BigEndian(header + 4);
    std::string rest(length - 8, '\0');
    if (!ReadExactly(client, rest.data(), rest.size())) return;
    if (code == 80877103 || code == 80877104) {  // SSLRequest, GSSENCRequest: no.
      if (write(client, "N", 1) != 1) return;
      continue;
    }
    break;  // The startup message.
  }
  std::string reply = Message('R', std::string("\0\0\0\0", 4));
  for (const auto& [name, value] :
       {std::pair<std::string, std::string>{"server_version", "15.4"}, {"client_encoding", "UTF8"},
        {"standard_conforming_strings", "on"}, {"integer_datetimes", "on"},
        {"DateStyle", "ISO, MDY"}}) {
    reply += Message('S', name + std::string(1, '\0') + value + std::string(1, '\0'));
  }
  reply += Message('K', std::string("\0\0\0\1\0\0\0\2", 8));
  reply += Message('Z', "I");
  if (write(client, reply.data(), reply.size()) != static_cast<ssize_t>(reply.size())) return;
  char ignored[4096];
  while (read(client, ignored, sizeof(ignored)) > 0) {
  }
}

}  // namespace

TEST_CASE("a server that accepts connections and never answers fails pull on the connect timeout",
          "[pg][waits]") {
  // The kernel completes the TCP handshake for a listening socket; nobody ever reads or writes.
  Listener listener;
  std::string url = "postgresql://app:secret@127.0.0.1:" + std::to_string(listener.port) + "/x";

  RunResult run = Guarded("pull --db '" + url + "' --connect-timeout 2");
  CHECK(run.exit_code == 1);
  CHECK(run.err == "schemac: error: cannot connect to " + pg::MaskPassword(url) +
                       ": the server did not answer within 2 s (the connect timeout; "
                       "--connect-timeout changes it)\n");
}

TEST_CASE("a server that stops answering after the startup fails pull after the statement timeout",
          "[pg][waits]") {
  Listener listener;
  std::thread server([&] {
    // Until the test closes the listener: each client served in turn.
    for (int client; (client = accept(listener.fd, nullptr, nullptr)) >= 0; close(client)) {
      ServeSilently(client);
    }
  });
  std::string url = "postgresql://app@127.0.0.1:" + std::to_string(listener.port) +
                    "/x?sslmode=disable&gssencmode=disable";
  RunResult run = Guarded("pull --db '" + url + "' --statement-timeout 1s");
  shutdown(listener.fd, SHUT_RDWR);
  server.join();
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 1);
  CHECK(run.err == "schemac: error: cannot connect to " + url +
                       ": the server sent nothing for more than 6s while a statement ran (the "
                       "statement timeout plus 5s), so schemac closed the connection; "
                       "--statement-timeout changes the limit\n");
}

TEST_CASE("SIGINT and SIGTERM during apply cancel the migration, roll back, exit 130 and 143",
          "[pg][waits]") {
  for (int signal : {SIGINT, SIGTERM}) {
    SlowApply slow;
    Holder holder(slow.db.url(), "lock table plain in access exclusive mode");
    // No lock limit: the migration waits for `plain` until the signal.
    Background apply(slow.args + " --lock-timeout 0", slow.dir);
    int waiting = WaitingMigration(slow.db.url());
    REQUIRE(waiting != 0);
    kill(apply.pid(), signal);
    int exit_code = apply.Wait();
    std::string name = signal == SIGINT ? "SIGINT" : "SIGTERM";
    INFO(name << " stderr: " << apply.Err());
    CHECK(exit_code == (signal == SIGINT ? 130 : 143));
    CHECK(apply.Err() == "schemac: interrupted by " + name +
                             ": the migration was stopped and its open transaction rolled "
                             "back; nothing was applied\n");
    CHECK(apply.Out().find("Applied") == std::string::npos);
    holder.Release();
    slow.CheckUnchanged();
  }
}

TEST_CASE("SIGINT after a no-transaction segment ran says exactly what was applied",
          "[pg][waits]") {
  SlowApply slow;
  slow.db.Exec("create type mood as enum ('calm')");
  std::ofstream(slow.dir.path / "app.schema")
      << "enum mood ('calm', 'busy')\n\ntable plain {\n  id integer primary key\n  note text?\n}\n";
  Holder holder(slow.db.url(), "lock table plain in access exclusive mode");
  // The enum value is added in its own segment, before the transaction that waits for `plain`.
  Background apply(slow.args + " --lock-timeout 0", slow.dir);
  REQUIRE(WaitingMigration(slow.db.url()) != 0);
  kill(apply.pid(), SIGINT);
  int exit_code = apply.Wait();
  INFO("stderr: " << apply.Err());
  CHECK(exit_code == 130);
  CHECK(apply.Err() ==
        "schemac: interrupted by SIGINT: the migration was stopped and its open transaction "
        "rolled back; applied before it stopped: ALTER TYPE public.mood ADD VALUE IF NOT EXISTS "
        "'busy' AFTER 'calm';\n");
  holder.Release();
  CHECK(Columns(slow.db.url(), "public.plain") == "id");
  std::unique_ptr<pqxx::connection> connection = pg::Connect(slow.db.url());
  CHECK(pqxx::nontransaction(*connection)
            .exec1("select string_agg(enumlabel, ',' order by enumsortorder) from pg_enum "
                   "where enumtypid = 'public.mood'::regtype")[0]
            .c_str() == std::string("calm,busy"));
}

TEST_CASE("a backend terminated during apply is reported as a lost connection", "[pg][waits]") {
  SlowApply slow;
  Holder holder(slow.db.url(), "lock table plain in access exclusive mode");
  Background apply(slow.args + " --lock-timeout 0", slow.dir);
  int waiting = WaitingMigration(slow.db.url());
  REQUIRE(waiting != 0);
  {
    std::unique_ptr<pqxx::connection> admin = pg::Connect(slow.db.url());
    pqxx::nontransaction(*admin).exec("select pg_terminate_backend(" + std::to_string(waiting) +
                                      ")");
  }
  int exit_code = apply.Wait();
  INFO("stderr: " << apply.Err());
  CHECK(exit_code == 1);
  CHECK(apply.Err().starts_with(
      "schemac: error: the connection to the database was lost during the migration ("));
  CHECK(apply.Err().ends_with("): nothing was applied\n"));
  CHECK(apply.Err().find("internal error") == std::string::npos);
  CHECK(apply.Err().find("client encoding") == std::string::npos);  // pqxx's words, not ours.
  holder.Release();
  slow.CheckUnchanged();
}

}  // namespace schemac::testing
