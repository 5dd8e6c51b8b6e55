#include "tools/schemac/common.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "compiler/error.h"
#include "compiler/load.h"
#include "compiler/resolve.h"

namespace schemac::cli {

void AddDiagnosticFormatOption(CLI::App* command, DiagnosticFormat* format) {
  command
      ->add_option_function<std::string>(
          "--format",
          [format](const std::string& value) {
            *format = value == "json" ? DiagnosticFormat::kJson : DiagnosticFormat::kText;
          },
          "How to print diagnostics: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
}

std::vector<std::string> SchemaPathsOrDefault(const std::vector<std::string>& paths) {
  if (!paths.empty()) return paths;
  std::error_code ec;
  if (std::filesystem::is_directory("schema", ec)) return {"schema"};
  return {"."};
}

namespace {

// Compiling a schema allocates about 30 bytes of syntax tree and IR per byte of source, in
// small pieces. On virtual machines a page fault costs microseconds, and for a 1 MB schema the
// faults alone took a third of `check` (tools/bench, docs/benchmarks.md). So before parsing,
// grow the heap once by the expected amount (address space only: nothing is touched yet), keep
// glibc from handing it back, and ask for transparent huge pages on it: one fault per 2 MB
// instead of one per 4 KB. Where THP is disabled, madvise fails and nothing changes. (The
// executable's offline commands allocate most of the tree from tools/schemac/arena.h instead;
// the reservation still serves what they allocate outside it, such as the types writer's worker
// thread, and the database module's commands.)
void ReserveHeap(uintmax_t source_bytes) {
  constexpr uintmax_t kMin = 8 << 20, kMax = uintmax_t{1} << 30, kHuge = 2 << 20;
  if (source_bytes < (256 << 10)) return;  // Small schemas: not worth a huge page.
  size_t bytes = static_cast<size_t>(std::clamp<uintmax_t>(source_bytes * 40, kMin, kMax));
  mallopt(M_MMAP_THRESHOLD, 64 << 20);  // Large vectors come from the heap too.
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(std::min<size_t>(bytes * 2, INT32_MAX)));
  auto start = reinterpret_cast<uintptr_t>(sbrk(0));
  void* block = malloc(bytes);
  if (block == nullptr) return;
  free(block);
  auto end = reinterpret_cast<uintptr_t>(sbrk(0));
  uintptr_t aligned = (start + kHuge - 1) & ~(kHuge - 1);
  if (end > aligned) madvise(reinterpret_cast<void*>(aligned), end - aligned, MADV_HUGEPAGE);
}

}  // namespace

LoadedSchema& LoadSchema(const std::vector<std::string>& paths, bool resolve) {
  // Kept until the process exits, never freed: schemac runs one command and exits, and
  // releasing a large tree node by node costs more than the exit (about 10 ms for 1,000
  // tables). Held by a static pointer, so leak checkers see it as reachable.
  static auto* kept = new std::vector<LoadedSchema*>;
  kept->push_back(new LoadedSchema);
  LoadedSchema& loaded = *kept->back();
  try {
    loaded.lint = LoadProjectConfig().lint;
  } catch (const UserError& e) {
    loaded.diagnostics.Error(e.what());
  }
  loaded.diagnostics.set_lint_config(&loaded.lint);
  loaded.files = ExpandSchemaPaths(SchemaPathsOrDefault(paths), loaded.diagnostics);
  uintmax_t source_bytes = 0;
  for (const std::string& file : loaded.files) {
    std::error_code ec;
    uintmax_t size = std::filesystem::file_size(file, ec);
    if (!ec) source_bytes += size;
  }
  ReserveHeap(source_bytes);
  loaded.parsed = LoadAndParse(loaded.files, loaded.sources, loaded.diagnostics);
  if (resolve && !loaded.diagnostics.HasErrors()) {
    loaded.schema = Resolve(loaded.parsed, loaded.sources, loaded.diagnostics);
  }
  loaded.diagnostics.SortByPosition();
  return loaded;
}

namespace {

bool UseColor() {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return isatty(STDERR_FILENO) == 1;
}

}  // namespace

void PrintDiagnostics(const LoadedSchema& loaded, DiagnosticFormat format) {
  if (format == DiagnosticFormat::kJson) {
    std::cout << RenderJson(loaded.diagnostics, loaded.sources);
    return;
  }
  RenderOptions options;
  options.color = UseColor();
  std::cerr << RenderText(loaded.diagnostics, loaded.sources, options);
  if (loaded.diagnostics.error_count() > 1) {
    std::cerr << loaded.diagnostics.error_count() << " errors\n";
  }
}

namespace {

// Where writing `path` lands: through its symlinks, as a shell's `>` writes, so that a link
// stays a link (the target need not exist yet). Empty after too many links (a loop).
std::string FollowSymlinks(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path at = path;
  for (int links = 0; links < 40; ++links) {
    std::error_code ec;
    if (!fs::is_symlink(at, ec)) return at.string();
    fs::path target = fs::read_symlink(at, ec);
    if (ec) return at.string();
    at = target.is_absolute() ? target : at.parent_path() / target;
  }
  return "";
}

}  // namespace

bool WriteFileAtomically(const std::string& link, const std::string& content, std::string* error) {
  const std::string path = FollowSymlinks(link);
  if (path.empty()) {
    *error = "cannot write " + link + ": " + std::strerror(ELOOP);
    return false;
  }
  struct stat info {};
  mode_t mode = 0644;
  if (stat(path.c_str(), &info) == 0) mode = info.st_mode & 07777;
  std::string temp = path + ".schemac-tmp-XXXXXX";
  int fd = mkstemp(temp.data());
  if (fd < 0) {
    *error = "cannot write next to " + path + ": " + std::strerror(errno);
    return false;
  }
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = "cannot write " + temp + ": " + std::strerror(errno);
      close(fd);
      unlink(temp.c_str());
      return false;
    }
    written += static_cast<size_t>(n);
  }
  if (fchmod(fd, mode) != 0 || fsync(fd) != 0 || close(fd) != 0) {
    *error = "cannot write " + temp + ": " + std::strerror(errno);
    unlink(temp.c_str());
    return false;
  }
  if (rename(temp.c_str(), path.c_str()) != 0) {
    *error = "cannot replace " + path + ": " + std::strerror(errno);
    unlink(temp.c_str());
    return false;
  }
  return true;
}

bool FlushStdout(std::string* error) {
  // main's stdout buffer sets errno to the first failure again on every sync after one; flush()
  // itself would skip the sync on a stream already marked bad.
  errno = 0;
  if (std::cout.rdbuf()->pubsync() == 0 && std::cout.good()) return true;
  int reason = errno;
  *error = "cannot write to standard output";
  if (reason != 0) *error += std::string(": ") + std::strerror(reason);
  return false;
}

namespace {

// `"lint": {"empty-enum": "off", ...}`: a level for each rule named (docs/cli.md).
void LoadLintLevels(const nlohmann::json& lint, LintConfig* config) {
  if (!lint.is_object()) throw std::runtime_error("\"lint\" must be an object of rule ids");
  for (const auto& [rule, value] : lint.items()) {
    std::optional<LintLevel> level =
        value.is_string() ? ParseLintLevel(value.get<std::string>()) : std::nullopt;
    if (!level) {
      throw std::runtime_error("lint rule \"" + rule + "\" must be \"off\", \"warning\" or \"error\"");
    }
    if (!config->Set(rule, *level)) {
      std::string known;
      for (const LintRule* r : LintRules()) known += (known.empty() ? "" : ", ") + std::string(r->id);
      throw std::runtime_error("unknown lint rule \"" + rule + "\" (rules: " + known + ")");
    }
  }
}

}  // namespace

ProjectConfig LoadProjectConfig() {
  ProjectConfig config;
  if (const char* url = std::getenv("DATABASE_URL"); url != nullptr) config.database_url = url;
  const std::filesystem::path path = "schemac.json";
  if (!std::filesystem::exists(path)) return config;
  try {
    nlohmann::json json = nlohmann::json::parse(std::ifstream(path));
    if (!json.is_object()) throw std::runtime_error("expected an object");
    for (const auto& [key, value] : json.items()) {
      if (key == "schema") config.schema = value.get<std::string>();
      else if (key == "migrations") config.migrations = value.get<std::string>();
      else if (key == "dev_url") config.dev_url = value.get<std::string>();
      else if (key == "exclude_schemas") config.exclude_schemas = value.get<std::vector<std::string>>();
      else if (key == "lint") LoadLintLevels(value, &config.lint);
      else throw std::runtime_error("unknown key \"" + key + "\"");
    }
  } catch (const std::exception& e) {
    throw UserError(std::string("schemac.json: ") + e.what() +
                    " (keys: schema, migrations, dev_url, exclude_schemas, lint)");
  }
  return config;
}

void AddTimeoutOptions(CLI::App* command, TimeoutFlags* flags) {
  // Checked while the command line is parsed, so a bad value is a usage error (exit 2).
  CLI::Validator duration(
      [](const std::string& text) -> std::string {
        int64_t ms = 0;
        if (pg::ParseDuration(text, &ms)) return "";
        return "'" + text + "' is not a duration: 0 (no limit) or a whole number with a unit, " +
               "ms, s, min or h (500ms, 5s, 2min)";
      },
      "DURATION");
  pg::Timeouts defaults;
  command
      ->add_option("--connect-timeout", flags->timeouts.connect_seconds,
                   "Seconds to wait for a connection, 0 for no limit (default " +
                       std::to_string(defaults.connect_seconds) + ")")
      ->check(CLI::Range(0, 86400));
  command
      ->add_option_function<std::string>(
          "--lock-timeout",
          [flags](const std::string& text) { pg::ParseDuration(text, &flags->timeouts.lock_ms); },
          "Longest wait for a lock (lock_timeout; for apply, also its wait for the apply "
          "lock); 0 for no limit (default " + pg::DurationText(defaults.lock_ms) + ")")
      ->check(duration);
  command
      ->add_option_function<std::string>(
          "--statement-timeout",
          [flags](const std::string& text) {
            pg::ParseDuration(text, &flags->timeouts.statement_ms);
            flags->statement_given = true;
          },
          "Longest run of one statement (statement_timeout), 0 for no limit (default " +
              pg::DurationText(defaults.statement_ms) +
              " for reads; apply's and diff's migrations default to 15min)")
      ->check(duration);
}

int RunReportingErrors(const std::function<int()>& body) {
  try {
    return body();
  } catch (const SourceFailed&) {
    return kExitErrors;
  } catch (const UserError& e) {
    std::cerr << "schemac: error: " << e.what() << "\n";
    return kExitErrors;
  } catch (const std::exception& e) {
    std::cerr << "schemac: internal error: " << e.what() << "\n";
    return kExitErrors;
  }
}

}  // namespace schemac::cli
