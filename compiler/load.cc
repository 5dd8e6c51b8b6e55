#include "compiler/load.h"

#include <malloc.h>
#include <unistd.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "compiler/error.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"

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

LoadedSchema& LoadSchema(const std::vector<std::string>& paths, bool resolve,
                         const LintLevels& lint_levels) {
  // Kept until the process exits, never freed: schemac runs one command and exits, and
  // releasing a large tree node by node costs more than the exit (about 10 ms for 1,000
  // tables). Held by a static pointer, so leak checkers see it as reachable.
  static auto* kept = new std::vector<LoadedSchema*>;
  kept->push_back(new LoadedSchema);
  LoadedSchema& loaded = *kept->back();
  if (lint_levels) {
    try {
      loaded.lint = lint_levels();
    } catch (const UserError& e) {
      loaded.diagnostics.Error(e.what());
    }
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

}  // namespace schemac
