// `schemac doctor`: which dev database engines can run here, their server versions and
// extensions, and the cache. Each engine is really started (and stopped): what it prints is what
// a diff would get.

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
#include "backends/postgres/engines/embedded_server.h"
#include "backends/postgres/engines/pglite.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"

namespace schemac::cli {

namespace {

struct DoctorOptions {
  std::string dev_url;
  TimeoutFlags timeouts;
};

// The server's version (and, `with_createdb`, whether it can create databases) and its
// available extensions, as indented lines.
std::string Describe(const std::string& url, bool with_createdb) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  pqxx::nontransaction tx(*connection);
  std::string out = "    server: PostgreSQL " +
                    std::string(tx.exec1("SHOW server_version")[0].c_str());
  if (with_createdb) {
    bool createdb = tx.exec1("SELECT rolcreatedb OR rolsuper FROM pg_roles "
                             "WHERE rolname = current_user")[0]
                        .as<bool>();
    out += createdb ? "; can create databases" : "; cannot create databases (builds in place)";
  }
  pqxx::result extensions =
      tx.exec("SELECT name FROM pg_available_extensions ORDER BY name");
  std::string heading = "    extensions (" + std::to_string(extensions.size()) + "):";
  out += "\n" + heading;
  size_t column = heading.size();
  for (const pqxx::row& row : extensions) {
    std::string name = row[0].c_str();
    if (column + name.size() + 1 > 96) {
      out += "\n     ";
      column = 5;
    }
    out += " " + name;
    column += name.size() + 1;
  }
  return out + "\n";
}

std::string Seconds(std::chrono::steady_clock::time_point start) {
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", s);
  return text;
}

// Size in bytes and number of files under `dir`.
std::pair<uintmax_t, size_t> TreeSize(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  uintmax_t bytes = 0;
  size_t files = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      bytes += it->file_size(ec);
      ++files;
    }
  }
  return {bytes, files};
}

int RunDoctor(const DoctorOptions& options) {
  namespace fs = std::filesystem;
  int engines = 0;
  std::cout << "Dev database engines:\n";

  std::cout << "  embedded PostgreSQL: ";
  try {
    auto start = std::chrono::steady_clock::now();
    std::unique_ptr<pg::EmbeddedServer> server = pg::EmbeddedServer::Start();
    std::cout << server->bindir() << ", started in " << Seconds(start)
              << (server->warm() ? " (from the cached template)\n" : " (initdb)\n");
    std::cout << Describe(server->url(), false);
    ++engines;
  } catch (const std::exception& e) {
    std::cout << "unavailable: " << e.what() << "\n";
  }

  std::cout << "  PGlite engine (pgvector, citext): ";
  std::string prefix = pg::FindPglitePrefix();
  if (prefix.empty()) {
    std::cout << "unavailable: " << pg::PgliteNotFound() << "\n";
  } else {
    try {
      auto start = std::chrono::steady_clock::now();
      std::unique_ptr<pg::EmbeddedPglite> pglite = pg::EmbeddedPglite::Start(prefix);
      std::cout << prefix << ", started in " << Seconds(start) << "\n";
      std::cout << Describe(pglite->url(), false);
      ++engines;
    } catch (const std::exception& e) {
      std::cout << "unavailable: " << e.what() << "\n";
    }
  }

  std::string dev_url = options.dev_url.empty() ? LoadProjectConfig().dev_url : options.dev_url;
  if (!dev_url.empty()) {
    std::cout << "  --dev-url " << pg::MaskPassword(dev_url) << ": ";
    try {
      std::string described = Describe(dev_url, true);
      std::cout << "reachable\n" << described;
      ++engines;
    } catch (const std::exception& e) {
      std::cout << "unavailable: " << pg::OneLine(e.what()) << "\n";
    }
  }

  std::string cache = pg::CacheDir();
  std::cout << "Cache: ";
  if (cache.empty()) {
    std::cout << "none (neither XDG_CACHE_HOME nor HOME is set)\n";
  } else {
    auto [bytes, files] = TreeSize(cache);
    auto [canonical_bytes, canonical] = TreeSize(fs::path(cache) / "canonical");
    std::cout << cache << ": " << (bytes + (1 << 19)) / (1 << 20) << " MiB in " << files
              << " files (" << canonical << " canonical forms, "
              << (canonical_bytes + 512) / 1024 << " KiB)\n";
  }
  if (engines == 0) {
    std::cerr << "schemac: error: no dev database engine can run here: install PostgreSQL 15 or "
                 "newer (tools/setup.sh), or pass --dev-url URL\n";
    return kExitErrors;
  }
  return kExitOk;
}

}  // namespace

void AddDoctorCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DoctorOptions>();
  CLI::App* command = app.add_subcommand(
      "doctor", "Show which dev database engines run here, their extensions, and the cache");
  command->add_option("--dev-url", options->dev_url,
                      "Also check this server (default: schemac.json's dev_url)");
  AddTimeoutOptions(command, &options->timeouts);
  command->footer(
      "Exit status: 0 when at least one engine can run, 1 when none can.\n\n"
      "Example:\n  schemac doctor");
  command->callback([options, &exit_code] {
    pg::SetDefaultTimeouts(options->timeouts.timeouts);
    exit_code = RunReportingErrors([&] { return RunDoctor(*options); });
  });
}

}  // namespace schemac::cli
