// The canonical cache's key, files and eviction (canonical_cache.h).

#include "backends/postgres/canonical_cache.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <utility>
#include <vector>

#include "backends/json/ir_json.h"
#include "backends/postgres/build_id.h"
#include "backends/postgres/engines/embedded_server.h"
#include "compiler/files.h"

namespace schemac::pg {

namespace {

namespace fs = std::filesystem;

// Keeps the cache directory small: past kCacheEntries files, the least recently written half go.
constexpr size_t kCacheEntries = 256;

void Evict(const fs::path& dir) {
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    entries.emplace_back(entry.last_write_time(ec), entry.path());
  }
  if (entries.size() <= kCacheEntries) return;
  std::sort(entries.begin(), entries.end());
  for (size_t i = 0; i < entries.size() / 2; ++i) fs::remove(entries[i].second, ec);
}

}  // namespace

std::string Fingerprint(const std::string& text) {
  uint64_t a = 0xcbf29ce484222325ULL;
  uint64_t b = 0x84222325cbf29ce4ULL;
  for (unsigned char c : text) {
    a = (a ^ c) * 0x100000001b3ULL;
    b = (b ^ c) * 0x100000001b3ULL;
  }
  return fmt::format("{:016x}{:016x}", a, b);
}

ir::Schema Cached(const std::string& inputs, const std::function<std::string()>& identity,
                  const IntrospectOptions& introspect, const std::function<ir::Schema()>& build) {
  const char* off = std::getenv("SCHEMAC_NO_CACHE");
  std::string dir = CacheDir();
  if ((off != nullptr && std::string(off) == "1") || dir.empty()) return build();
  // The code that builds and reads canonical forms lives in the database module as much as in
  // the executable: both binaries' build ids (hashes of their contents, read from memory, where
  // hashing the files would cost a third of a second per run). Without them a rebuild could not
  // be told apart, so nothing is cached.
  std::string executable = LoadedBuildId(nullptr);
  std::string module = LoadedBuildId(reinterpret_cast<const void*>(&Cached));
  if (executable.empty() || module.empty()) return build();
  std::string key = fmt::format("schemac-canonical 4\n{}\nexecutable {}\nmodule {}\n{}\n",
                                SCHEMAC_VERSION, executable, module, identity());
  for (const std::string& s : introspect.schemas) key += "schema " + s + "\n";
  for (const std::string& s : introspect.exclude_schemas) key += "exclude " + s + "\n";
  fs::path file = fs::path(dir) / "canonical" / (Fingerprint(key + inputs) + ".json");
  std::error_code ec;
  if (fs::exists(file, ec)) {
    try {
      return json::FromJsonText(ReadFileText(file));
    } catch (const std::exception&) {
      // Damaged or from another format: build again and replace it.
    }
  }
  ir::Schema schema = build();
  fs::create_directories(file.parent_path(), ec);
  std::string error;
  if (!ec && WriteFileAtomically(file.string(), json::ToJsonText(schema), &error)) {
    Evict(file.parent_path());
  }
  return schema;
}

}  // namespace schemac::pg
