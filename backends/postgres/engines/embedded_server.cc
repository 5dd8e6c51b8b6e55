// The embedded PostgreSQL server: finding its binaries, its cached initdb templates, and its
// start in named steps (directory, template or initdb, postmaster, readiness). The processes and
// directories are registered with process.h, which stops them on signals and at exit.

#include "backends/postgres/engines/embedded_server.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "backends/postgres/connection.h"
#include "backends/postgres/engines/process.h"

namespace schemac::pg {

namespace fs = std::filesystem;

using engines::ChownTree;
using engines::CheckTraversable;
using engines::ClaimDirectory;
using engines::CopyPath;
using engines::DefaultCacheDir;
using engines::EnsureSystemUser;
using engines::FindInPath;
using engines::IsExecutable;
using engines::kOwnerFile;
using engines::kReadyTimeoutMs;
using engines::LogTail;
using engines::NowMs;
using engines::OpenLog;
using engines::PathDirs;
using engines::ReadFirstLine;
using engines::Ready;
using engines::Release;
using engines::RemoveStaleDirs;
using engines::RemoveTree;
using engines::Run;
using engines::RunResult;
using engines::SignalBlock;
using engines::SleepMs;
using engines::Slot;
using engines::SlotAt;
using engines::SpawnRegistered;
using engines::SpawnSpec;
using engines::StillOurs;
using engines::Succeeded;
using engines::TempRoot;
using engines::User;
using engines::WaitChild;

namespace {

constexpr int kPort = 5432;  // only names the socket file: the server listens on no TCP port

// ---------------------------------------------------------------------------------------------
// Finding the server binaries.


bool HasServer(const std::string& dir) {
  return !dir.empty() && IsExecutable(dir + "/postgres") && IsExecutable(dir + "/initdb");
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

// A template is used only if it is complete: the rename that publishes it is atomic, but a
// cache directory may also be damaged by hand.
bool TemplateUsable(const std::string& dir, int major) {
  return !dir.empty() && ReadFirstLine(dir + "/PG_VERSION") == std::to_string(major) &&
         fs::exists(dir + "/global/pg_control");
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
  MakeDirectory(user);
  std::string data = dir_ + "/data";
  warm_ = TemplateUsable(template_dir_, major);
  if (warm_) {
    CopyTemplate(data, user);
  } else {
    RunInitdb(data, user);
    PublishTemplate(data, cache);
  }
  std::string log = dir_ + "/postmaster.log";
  StartPostmaster(data, user, log);
  WaitUntilReady(log);
}

// The server's temporary directory, registered (so that signals remove it), owned by the server
// user, and marked with our pid so that a later start can tell whether it is stale.
void EmbeddedServer::MakeDirectory(const std::optional<User>& user) {
  // The socket lives in the directory; a unix socket path has a hard limit of ~107 bytes.
  std::string root = TempRoot();
  std::string pattern = fmt::format("{}/{}XXXXXX", root, engines::kServerDirPrefix);
  if (pattern.size() + sizeof("/.s.PGSQL.5432.lock") > sizeof(sockaddr_un::sun_path)) {
    throw UserError(fmt::format(
        "TMPDIR {} is too long for a unix socket path; set TMPDIR to a shorter directory such "
        "as /tmp, or pass --dev-url URL",
        root));
  }
  dir_ = ClaimDirectory(root, engines::kServerDirPrefix, &slot_, &serial_);
  if (user) {
    CheckTraversable(dir_, *user);
    ChownTree(dir_, *user);
  }
  std::ofstream(dir_ + "/" + kOwnerFile) << getpid() << "\n";
  RemoveStaleDirs(root);
}

// A warm start: the data directory is a copy of the cached template.
void EmbeddedServer::CopyTemplate(const std::string& data, const std::optional<User>& user) {
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
}

// A cold start: initdb writes the data directory.
void EmbeddedServer::RunInitdb(const std::string& data, const std::optional<User>& user) {
  Slot& slot = SlotAt(slot_);
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
    pid = SpawnRegistered(slot, spec);
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
}

// Publishes the fresh cluster as the template: copy into a scratch sibling, then rename, so
// that a concurrent start never sees half a template. Caching is an optimisation: if the
// cache cannot be written, the server still starts.
void EmbeddedServer::PublishTemplate(const std::string& data, const std::string& cache) {
  if (template_dir_.empty()) return;
  int major = server_version_ / 10000;
  Slot& slot = SlotAt(slot_);
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

void EmbeddedServer::StartPostmaster(const std::string& data, const std::optional<User>& user,
                                     const std::string& log) {
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
    pid_ = SpawnRegistered(SlotAt(slot_), spec);
  } catch (...) {
    close(fd);
    throw;
  }
  close(fd);
}

void EmbeddedServer::WaitUntilReady(const std::string& log) {
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
      SlotAt(slot_).child.store(0);
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

std::string CacheDir() { return DefaultCacheDir(); }

}  // namespace schemac::pg
