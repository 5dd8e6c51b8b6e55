// The PGlite engine: finding its npm packages, and starting Node with the server script
// (tools/pg/pglite_server.mjs, compiled in) on a free port, retried when the port is taken
// before Node binds it. The process and its directory are registered with process.h.

#include "backends/postgres/engines/pglite.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "backends/postgres/connection.h"
#include "backends/postgres/engines/process.h"
#include "pglite_server_mjs.h"

namespace schemac::pg {

namespace fs = std::filesystem;

using engines::ClaimDirectory;
using engines::FindInPath;
using engines::FreePort;
using engines::kEngineFile;
using engines::kOwnerFile;
using engines::kReadyTimeoutMs;
using engines::LogTail;
using engines::NowMs;
using engines::OpenLog;
using engines::Printable;
using engines::Ready;
using engines::Release;
using engines::RemoveStaleDirs;
using engines::SignalBlock;
using engines::SleepMs;
using engines::Slot;
using engines::SlotAt;
using engines::SpawnRegistered;
using engines::SpawnSpec;
using engines::StillOurs;
using engines::TempRoot;


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
  dir_ = ClaimDirectory(root, engines::kPgliteDirPrefix, &slot_, &serial_);
  std::ofstream(dir_ + "/" + kOwnerFile) << getpid() << "\n";
  RemoveStaleDirs(root);
  std::string script = dir_ + "/pglite_server.mjs";
  std::ofstream(script) << kPgliteServerMjs;
  std::string log = dir_ + "/pglite.log";
  Slot& slot = SlotAt(slot_);
  // A port found free can be taken before Node binds it: then Node exits, and another is tried.
  for (int attempt = 1;; ++attempt) {
    int port = FreePort();
    int fd = OpenLog(log);
    SpawnSpec spec{.argv = {node, script, prefix, std::to_string(port), "127.0.0.1"},
                   .out_fd = fd,
                   .own_process_group = true,
                   .die_with_parent = true};
    try {
      pid_ = SpawnRegistered(slot, spec);
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

}  // namespace schemac::pg
