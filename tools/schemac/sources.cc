#include "tools/schemac/sources.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <future>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <regex>

#include "backends/postgres/connection.h"
#include "backends/postgres/create_sql.h"
#include "backends/json/ir_json.h"
#include "backends/postgres/devdb.h"
#include "tools/schemac/build_id.h"
#include "tools/schemac/common.h"

namespace schemac::cli {

namespace {

namespace fs = std::filesystem;

// A connection string libpq reads: a postgres:// or postgresql:// URL, or key=value pairs
// (`host=db dbname=x`, spaces around `=` allowed) that name no file.
bool IsUrl(const std::string& spec) {
  if (spec.starts_with("postgres://") || spec.starts_with("postgresql://")) return true;
  static const std::regex kKeyValue(R"(^\s*[A-Za-z_]+\s*=)");
  std::error_code ec;
  return std::regex_search(spec, kKeyValue) && !fs::exists(spec, ec);
}

// A source that is no file and no URL schemac reads, but looks like a connection string
// (another scheme, user:password@host without one, a password= pair) is refused with its
// password masked: read as a path, its error would print it whole.
void RefuseUnreadableUrl(const std::string& spec) {
  std::error_code ec;
  if (fs::exists(spec, ec)) return;
  std::string lower = spec;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (spec.find("://") == std::string::npos && spec.find('@') == std::string::npos &&
      lower.find("password") == std::string::npos) {
    return;
  }
  throw UserError(pg::MaskPassword(spec) +
                  " is neither a file nor a PostgreSQL URL (postgresql://user:password@host:"
                  "port/database, postgres://..., or key=value pairs like host=... dbname=...)");
}

std::string ReadText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UserError("cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// An up migration: `up.sql` (migrations/<name>/up.sql) or `<anything>.up.sql`.
bool IsUpMigration(const std::string& name) {
  return name == "up.sql" || name.ends_with(".up.sql");
}

bool IsSql(const std::string& name) { return name.ends_with(".sql"); }

// Files under `spec` (itself when it is a file) whose names `match`, in lexical order of their
// paths; empty when a .schema file is among them (then it is a schema directory).
std::vector<fs::path> FilesMatching(const std::string& spec, bool (*match)(const std::string&)) {
  std::vector<fs::path> files;
  if (fs::is_regular_file(spec)) {
    if (match(fs::path(spec).filename().string())) files.push_back(spec);
    return files;
  }
  if (!fs::is_directory(spec)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(spec)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".schema")) return {};
    if (entry.is_regular_file() && match(name)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// 128 bits of FNV-1a (two 64-bit hashes with different offsets), as hex: a cache key.
std::string Fingerprint(const std::string& text) {
  uint64_t a = 0xcbf29ce484222325ULL;
  uint64_t b = 0x84222325cbf29ce4ULL;
  for (unsigned char c : text) {
    a = (a ^ c) * 0x100000001b3ULL;
    b = (b ^ c) * 0x100000001b3ULL;
  }
  return fmt::format("{:016x}{:016x}", a, b);
}

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

// The schema `build` makes on the dev database, from the cache when the same inputs were built
// before: canonical forms are kept under CacheDir()/canonical/, keyed by everything they depend
// on (the code of the executable and of this module, the dev server, the options, the SQL).
// SCHEMAC_NO_CACHE=1 turns the cache off. A cache file that cannot be read is rebuilt; one that
// cannot be written is skipped.
ir::Schema Cached(const std::string& inputs, pg::DevDatabase& dev,
                  const pg::IntrospectOptions& introspect,
                  const std::function<ir::Schema()>& build) {
  const char* off = std::getenv("SCHEMAC_NO_CACHE");
  std::string dir = pg::CacheDir();
  if ((off != nullptr && std::string(off) == "1") || dir.empty()) return build();
  // The code that builds and reads canonical forms lives in this module as much as in the
  // executable: both binaries' build ids (hashes of their contents, read from memory, where
  // hashing the files would cost a third of a second per run). Without them a rebuild could not
  // be told apart, so nothing is cached.
  std::string executable = LoadedBuildId(nullptr);
  std::string module = LoadedBuildId(reinterpret_cast<const void*>(&Cached));
  if (executable.empty() || module.empty()) return build();
  std::string key = fmt::format("schemac-canonical 2\n{}\nexecutable {}\nmodule {}\n{}\n",
                                SCHEMAC_VERSION, executable, module, dev.Identity());
  for (const std::string& s : introspect.schemas) key += "schema " + s + "\n";
  for (const std::string& s : introspect.exclude_schemas) key += "exclude " + s + "\n";
  fs::path file = fs::path(dir) / "canonical" / (Fingerprint(key + inputs) + ".json");
  std::error_code ec;
  if (fs::exists(file, ec)) {
    try {
      return json::FromJsonText(ReadText(file));
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

}  // namespace

Source LoadSource(const std::string& spec, pg::DevDatabase& dev,
                  const pg::IntrospectOptions& introspect) {
  Source source;
  if (spec == "empty") return source;
  if (IsUrl(spec)) {
    std::unique_ptr<pqxx::connection> connection = pg::Connect(spec);
    source.server_version = connection->server_version();
    pg::IntrospectOptions options = introspect;
    options.url = spec;
    source.schema = pg::Introspect(*connection, options);
    return source;
  }
  RefuseUnreadableUrl(spec);
  std::vector<fs::path> migrations = FilesMatching(spec, IsUpMigration);
  if (!migrations.empty()) {
    std::vector<std::string> texts;
    std::string inputs = "replay\n";
    for (const fs::path& file : migrations) {
      texts.push_back(ReadText(file));
      inputs += texts.back() + "\n-- schemac:next\n";
    }
    source.schema = Cached(inputs, dev, introspect,
                           [&] { return dev.Replay(texts, /*supabase=*/true, introspect); });
    return source;
  }
  std::vector<fs::path> sql_files = FilesMatching(spec, IsSql);
  if (!sql_files.empty()) {
    std::string sql;
    for (const fs::path& file : sql_files) sql += ReadText(file) + "\n;\n";
    source.schema = Cached("sql supabase\n" + sql, dev, introspect,
                           [&] { return dev.Materialize(sql, /*supabase=*/true, introspect); });
    return source;
  }
  LoadedSchema& loaded = LoadSchema({spec}, /*resolve=*/true);
  if (loaded.diagnostics.HasErrors() || !loaded.schema) {
    PrintDiagnostics(loaded, DiagnosticFormat::kText);
    throw SourceFailed{};
  }
  const ir::Schema& compiled = *loaded.schema;
  source.renames = RenamesFromHints(compiled);
  std::string sql =
      pg::CreateRolesSql(compiled) + pg::CreateExternStubsSql(compiled) + pg::CreateSql(compiled);
  bool supabase = compiled.target == ir::Target::kSupabase;
  source.schema = Cached(std::string("schema ") + (supabase ? "supabase" : "postgres") + "\n" + sql,
                         dev, introspect, [&] {
                           return dev.Materialize(sql, supabase, introspect, compiled.extensions,
                                                  pg::NeededServer(compiled));
                         });
  // Extern tables stay extern: built as stand-ins on the dev database, never created, changed or
  // dropped by a migration.
  for (const ir::Table& declared : compiled.tables) {
    if (!declared.is_extern) continue;
    auto it = std::find_if(source.schema.tables.begin(), source.schema.tables.end(),
                           [&](const ir::Table& t) { return t.name == declared.name; });
    if (it != source.schema.tables.end()) {
      *it = declared;
    } else {
      source.schema.tables.push_back(declared);
    }
  }
  source.schema.Reindex();
  // What the schema files leave unsaid stays unsaid: an extension without a version takes the
  // server's default, and is not pinned to the dev server's.
  for (ir::Extension& extension : source.schema.extensions) {
    for (const ir::Extension& declared : compiled.extensions) {
      if (declared.name == extension.name && declared.version.empty()) extension.version.clear();
    }
  }
  return source;
}

CompareOptions WithProjectDefaults(CompareOptions options, const ProjectConfig& config) {
  if (options.dev_url.empty()) options.dev_url = config.dev_url;
  if (options.exclude_schemas.empty()) options.exclude_schemas = config.exclude_schemas;
  return options;
}

Comparison Compare(const std::string& from, const std::string& to, const CompareOptions& options,
                   pg::DevDatabase& dev) {
  pg::IntrospectOptions introspect{options.schemas, options.exclude_schemas, {}};
  Comparison comparison;
  if (IsUrl(from) || IsUrl(to)) {
    // A live database is read without the dev database, so the two sides are read at once (the
    // other side may build on the dev database meanwhile, or be a database too).
    std::future<Source> from_source =
        std::async(std::launch::async, [&] { return LoadSource(from, dev, introspect); });
    std::exception_ptr to_failed;
    try {
      comparison.to = LoadSource(to, dev, introspect);
    } catch (...) {
      to_failed = std::current_exception();
    }
    comparison.from = from_source.get();  // Its error first, as when read one after the other.
    if (to_failed) std::rethrow_exception(to_failed);
  } else {
    comparison.from = LoadSource(from, dev, introspect);
    comparison.to = LoadSource(to, dev, introspect);
  }
  // The migration runs on the `from` database: it must understand the target's SQL.
  if (comparison.from.server_version != 0) {
    pg::ServerNeed need = pg::NeededServer(comparison.to.schema);
    if (need.version > comparison.from.server_version) {
      throw UserError(fmt::format("the {} needs PostgreSQL {}, and {} runs {}", need.what,
                                  need.version / 10000, pg::MaskPassword(from),
                                  pg::ServerVersionText(comparison.from.server_version)));
    }
  }
  DiffOptions diff_options;
  diff_options.allow_destructive = options.allow_destructive;
  diff_options.allow_enum_recreate = options.allow_enum_recreate;
  comparison.up = Diff(comparison.from.schema, comparison.to.schema, comparison.to.renames,
                       diff_options);
  comparison.down = Diff(comparison.to.schema, comparison.from.schema,
                         comparison.to.renames.Inverted(), {true, options.allow_enum_recreate});
  return comparison;
}

std::vector<std::string> Irreversible(const Comparison& comparison) {
  std::vector<std::string> out;
  for (const plan::Step& step : comparison.up.steps) {
    if (step.hazards & plan::kDataLoss) out.push_back("up: " + step.Describe());
  }
  for (const std::string& error : comparison.down.errors) out.push_back(error);
  return out;
}

}  // namespace schemac::cli
