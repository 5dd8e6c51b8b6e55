// Source specs read into canonical form, and the two plans between two sources (compare.h).

#include "compiler/compare.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <future>
#include <regex>
#include <system_error>

#include "compiler/build_failure.h"
#include "compiler/canonicalize.h"
#include "compiler/error.h"
#include "compiler/extern_policies.h"
#include "compiler/files.h"
#include "compiler/load.h"

namespace schemac {

namespace {

namespace fs = std::filesystem;

// A source that is no file and no URL schemac reads, but looks like a connection string: its
// error, read as a path, would print its password.
void RefuseUnreadableUrl(const std::string& spec, const CatalogReader& reader) {
  std::error_code ec;
  if (fs::exists(spec, ec)) return;
  std::string lower = spec;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (spec.find("://") == std::string::npos && spec.find('@') == std::string::npos &&
      lower.find("password") == std::string::npos) {
    return;
  }
  throw UserError(reader.Masked(spec) +
                  " is neither a file nor a PostgreSQL URL (postgresql://user:password@host:"
                  "port/database, postgres://..., or key=value pairs like host=... dbname=...)");
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

std::vector<std::string> ReadAll(const std::vector<fs::path>& files) {
  std::vector<std::string> texts;
  texts.reserve(files.size());
  for (const fs::path& file : files) texts.push_back(ReadFileText(file));
  return texts;
}

}  // namespace

bool IsDatabaseUrl(const std::string& spec) {
  if (spec.starts_with("postgres://") || spec.starts_with("postgresql://")) return true;
  static const std::regex kKeyValue(R"(^\s*[A-Za-z_]+\s*=)");
  std::error_code ec;
  return std::regex_search(spec, kKeyValue) && !fs::exists(spec, ec);
}

SourceSpec ClassifySource(const std::string& spec, const CatalogReader& reader) {
  SourceSpec source;
  if (spec == "empty") return source;
  if (IsDatabaseUrl(spec)) {
    source.kind = SourceSpec::Kind::kDatabase;
    return source;
  }
  RefuseUnreadableUrl(spec, reader);
  source.files = FilesMatching(spec, IsUpMigration);
  if (!source.files.empty()) {
    source.kind = SourceSpec::Kind::kMigrations;
    return source;
  }
  source.files = FilesMatching(spec, IsSql);
  source.kind = source.files.empty() ? SourceSpec::Kind::kSchemaFiles : SourceSpec::Kind::kSqlFiles;
  return source;
}

Source LoadSource(const std::string& spec, CatalogReader& reader, CatalogBuilder& builder,
                  const CatalogScope& scope, const LintLevels& lint_levels) {
  Source source;
  SourceSpec classified = ClassifySource(spec, reader);
  switch (classified.kind) {
    case SourceSpec::Kind::kEmpty:
      return source;
    case SourceSpec::Kind::kDatabase: {
      LiveCatalog live = reader.Read(spec, scope);
      source.schema = std::move(live.schema);
      source.server_version = live.server_version;
      return source;
    }
    case SourceSpec::Kind::kMigrations:
      source.schema = builder.ReplayMigrations(ReadAll(classified.files), scope);
      return source;
    case SourceSpec::Kind::kSqlFiles:
      source.schema = builder.BuildSql(ReadAll(classified.files), scope);
      return source;
    case SourceSpec::Kind::kSchemaFiles:
      break;
  }
  LoadedSchema& loaded = LoadSchema({spec}, /*resolve=*/true, lint_levels);
  if (loaded.diagnostics.HasErrors() || !loaded.schema) throw SourceFailed{loaded, nullptr};
  source.renames = RenamesFromHints(*loaded.schema);
  source.compiled = true;
  try {
    source.schema = Canonicalize(*loaded.schema, builder, scope);
  } catch (const BuildFailed& failed) {
    // The dev database refused statements of the schema: reported like its other errors, at
    // their place in its files.
    ReportBuildFailures(failed, loaded.sources, loaded.diagnostics);
    throw SourceFailed{loaded, nullptr};
  }
  return source;
}

Comparison Compare(const std::string& from, const std::string& to, const CompareOptions& options,
                   CatalogReader& reader, CatalogBuilder& builder) {
  CatalogScope scope{options.schemas, options.exclude_schemas};
  Comparison comparison;
  if (IsDatabaseUrl(from) || IsDatabaseUrl(to)) {
    // A live database is read without the builder, so the two sides are read at once (the
    // other side may build meanwhile, or be a database too).
    std::future<Source> from_source =
        std::async(std::launch::async, [&] { return LoadSource(from, reader, builder, scope, options.lint_levels); });
    std::exception_ptr to_failed;
    try {
      comparison.to = LoadSource(to, reader, builder, scope, options.lint_levels);
    } catch (...) {
      to_failed = std::current_exception();
    }
    std::exception_ptr from_failed;
    try {
      comparison.from = from_source.get();
    } catch (...) {
      from_failed = std::current_exception();
    }
    if (from_failed) {
      // Its error first, as when read one after the other; a `to` with errors still has them
      // reported, before it, as when they were printed the moment they were found.
      if (to_failed) {
        try {
          std::rethrow_exception(to_failed);
        } catch (const SourceFailed& failed) {
          throw SourceFailed{failed.loaded, from_failed};
        } catch (...) {
          // `to`'s other errors give way to `from`'s.
        }
      }
      std::rethrow_exception(from_failed);
    }
    if (to_failed) std::rethrow_exception(to_failed);
  } else {
    comparison.from = LoadSource(from, reader, builder, scope, options.lint_levels);
    comparison.to = LoadSource(to, reader, builder, scope, options.lint_levels);
  }
  // The policies of platform tables are compared where a schema declares the table: a read
  // side keeps only those (a schema that does not declare storage.objects leaves its policies
  // alone).
  if (comparison.to.compiled && !comparison.from.compiled) {
    ScopeExternTables(comparison.from.schema, comparison.to.schema);
  }
  if (comparison.from.compiled && !comparison.to.compiled) {
    ScopeExternTables(comparison.to.schema, comparison.from.schema);
  }
  // The migration runs on the `from` database: it must understand the target's SQL.
  if (comparison.from.server_version != 0) {
    std::string why = reader.CannotRun(from, comparison.from.server_version, comparison.to.schema);
    if (!why.empty()) throw UserError(why);
  }
  DiffOptions diff_options;
  diff_options.allow_destructive = options.allow_destructive;
  diff_options.allow_enum_recreate = options.allow_enum_recreate;
  diff_options.concurrent_indexes = options.concurrent_indexes;
  comparison.up =
      Diff(comparison.from.schema, comparison.to.schema, comparison.to.renames, diff_options);
  comparison.down = Diff(comparison.to.schema, comparison.from.schema,
                         comparison.to.renames.Inverted(),
                         {true, options.allow_enum_recreate, options.concurrent_indexes});
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

}  // namespace schemac
