#pragma once
// The compare pipeline as a library: what diff, plan and apply compare. A source spec (`empty`,
// a database URL, a migrations directory, .sql files, .schema files) is read into canonical
// form through the catalog interfaces (catalog.h); two sources give the plan between them and
// its reverse. Nothing here prints: a .schema source with errors throws SourceFailed (load.h)
// with its diagnostics.

#include <filesystem>
#include <string>
#include <vector>

#include "compiler/catalog.h"
#include "compiler/diff.h"
#include "compiler/ir.h"
#include "compiler/load.h"
#include "compiler/plan.h"

namespace schemac {

/// A connection string a CatalogReader reads: a postgres:// or postgresql:// URL, or key=value
/// pairs (`host=db dbname=x`, spaces around `=` allowed) that name no file.
bool IsDatabaseUrl(const std::string& spec);

/// What a source spec names, and the files to read for it.
struct SourceSpec {
  enum class Kind {
    kEmpty,       ///< `empty`: no objects.
    kDatabase,    ///< A live database (IsDatabaseUrl).
    kMigrations,  ///< Up migrations: files named up.sql or *.up.sql.
    kSqlFiles,    ///< .sql files: a file, or a directory with .sql files and no .schema files.
    kSchemaFiles  ///< Anything else: .schema files (a file or a directory), compiled.
  };
  Kind kind = Kind::kEmpty;
  /// kMigrations and kSqlFiles: the files, in lexical order of their paths (a directory is read
  /// recursively).
  std::vector<std::filesystem::path> files;
};

/// Classifies `spec`. A string that is no file and no URL schemac reads, but looks like a
/// connection string (another scheme, user:password@host without one, a password= pair), is
/// refused with UserError, its password masked by `reader` (read as a path, its error would
/// print it whole).
SourceSpec ClassifySource(const std::string& spec, const CatalogReader& reader);

/// A source read into canonical form, with the rename hints of its .schema files.
struct Source {
  ir::Schema schema;
  Renames renames;
  int server_version = 0;  ///< A live database's server version (0 for other sources).
  bool compiled = false;   ///< Read from .schema files (its extern tables are declared ones).
};

/// Reads a source (ClassifySource): `empty`; a database through `reader`; up migrations
/// replayed, in lexical order of their paths, through `builder`; .sql files run in that order
/// through `builder`; else .schema files, compiled (LoadSchema) and canonicalized
/// (canonicalize.h). Throws UserError, or SourceFailed for a schema with errors.
Source LoadSource(const std::string& spec, CatalogReader& reader, CatalogBuilder& builder,
                  const CatalogScope& scope, const LintLevels& lint_levels = {});

/// What Compare needs besides its two sources.
struct CompareOptions {
  bool allow_destructive = false;            ///< DiffOptions::allow_destructive for the up plan.
  bool allow_enum_recreate = false;          ///< DiffOptions::allow_enum_recreate for both plans.
  bool concurrent_indexes = false;           ///< DiffOptions::concurrent_indexes for both plans.
  LintLevels lint_levels;                    ///< For .schema sources (LoadSchema); may be called
                                             ///< from two threads.
  std::vector<std::string> schemas;          ///< CatalogScope::schemas.
  std::vector<std::string> exclude_schemas;  ///< CatalogScope::exclude_schemas.
};

/// Both directions between two sources.
struct Comparison {
  Source from;
  Source to;
  plan::Plan up;    ///< Errors include refused destructive steps unless allowed.
  plan::Plan down;  ///< The reverse (renames inverted); destructive steps never refused.
};

/// Reads both sources (LoadSource; at once, on two threads, when one is a database: `reader`
/// then runs beside the other side's `builder`) and plans both ways. When both fail, `from`'s
/// error is thrown (a .schema `to` with errors throws SourceFailed carrying `from`'s error). A
/// `from` database that cannot run `to`'s SQL (CatalogReader::CannotRun) is refused with
/// UserError.
Comparison Compare(const std::string& from, const std::string& to, const CompareOptions& options,
                   CatalogReader& reader, CatalogBuilder& builder);

/// Why the down migration cannot restore what the up one changes: each DATA_LOSS step of the
/// up plan ("up: " and its description), and each change the reverse plan refuses (an enum
/// value the up plan adds).
std::vector<std::string> Irreversible(const Comparison& comparison);

}  // namespace schemac
