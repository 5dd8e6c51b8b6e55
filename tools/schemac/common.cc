#include "tools/schemac/common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

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

LoadedSchema LoadSchema(const std::vector<std::string>& paths, bool resolve) {
  LoadedSchema loaded;
  loaded.files = ExpandSchemaPaths(SchemaPathsOrDefault(paths), loaded.diagnostics);
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

bool WriteFileAtomically(const std::string& path, const std::string& content, std::string* error) {
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

}  // namespace schemac::cli
