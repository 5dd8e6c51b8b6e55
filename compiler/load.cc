#include "compiler/load.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "compiler/parse.h"

namespace schemac {

namespace {

// A URL (`postgresql://user:pw@host/db`, `user:pw@host`) or key=value connection string given
// where a path belongs.
bool LooksLikeConnectionString(const std::string& path) {
  return path.find("://") != std::string::npos || path.find('@') != std::string::npos ||
         path.find('=') != std::string::npos;
}

}  // namespace

namespace fs = std::filesystem;

std::vector<std::string> ExpandSchemaPaths(const std::vector<std::string>& paths,
                                           Diagnostics& diagnostics) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (it->is_directory(ec) && (name.starts_with('.') || name == "node_modules")) {
          it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && it->path().extension() == ".schema") {
          found.push_back(it->path().string());
        }
      }
      if (ec) {
        diagnostics.Error("cannot read directory " + path + ": " + ec.message());
        continue;
      }
      if (found.empty()) {
        diagnostics.Error("no .schema files in directory " + path);
        continue;
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else if (LooksLikeConnectionString(path)) {
      // Never echoed: it may hold a password.
      diagnostics.Error(
          "no such file or directory, and the argument looks like a database URL (not shown, as "
          "it may hold a password): this command reads .schema files");
    } else {
      diagnostics.Error("no such file or directory: " + path);
    }
  }
  return files;
}

std::vector<ast::File> LoadAndParse(const std::vector<std::string>& files, SourceManager& sources,
                                    Diagnostics& diagnostics) {
  std::vector<ast::File> parsed;
  for (const std::string& path : files) {
    uint32_t index = 0;
    std::string error;
    if (!sources.Load(path, &index, &error)) {
      diagnostics.Error(error);
      continue;
    }
    parsed.push_back(Parse(sources, index, diagnostics));
  }
  return parsed;
}

}  // namespace schemac
