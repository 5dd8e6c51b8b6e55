#pragma once
// What diff, plan and apply compare: sources read into canonical form, the project's defaults
// (schemac.json), and the plan between two sources with its reverse.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "backends/postgres/dev_database.h"
#include "backends/postgres/introspect.h"
#include "compiler/diff.h"
#include "compiler/plan.h"
#include "tools/schemac/common.h"

namespace schemac::cli {

/// A source read into canonical form, with the rename hints of its .schema files.
struct Source {
  ir::Schema schema;
  Renames renames;
  int server_version = 0;  ///< A live database's server_version_num (0 for other sources).
};

/// Reads a source: `empty`; a PostgreSQL URL (postgres://, postgresql://, or key=value pairs
/// that name no file); a string that only looks like one (another scheme, user:password@host,
/// password=) is refused, its password masked; a migrations directory (files named up.sql or *.up.sql, replayed in
/// lexical order of their paths on a fresh dev database); .sql files (a file, or a directory with .sql files and
/// no .schema files, run in lexical order on a fresh dev database after the Supabase
/// environment); else .schema files, compiled, built on the dev database and read back. Throws
/// UserError, or SourceFailed after printing a schema's diagnostics.
Source LoadSource(const std::string& spec, pg::DevDatabase& dev,
                  const pg::IntrospectOptions& introspect);

/// Options shared by diff, plan and apply.
struct CompareOptions {
  std::string dev_url;
  bool allow_destructive = false;
  bool allow_enum_recreate = false;
  std::vector<std::string> schemas;
  std::vector<std::string> exclude_schemas;
};

/// Both directions between two sources.
struct Comparison {
  Source from;
  Source to;
  plan::Plan up;    ///< Errors include refused destructive steps unless allowed.
  plan::Plan down;  ///< The reverse (renames inverted); destructive steps never refused.
};

/// `options` with what the command line left unset taken from the project: the dev URL and the
/// excluded schemas.
CompareOptions WithProjectDefaults(CompareOptions options, const ProjectConfig& config);

Comparison Compare(const std::string& from, const std::string& to, const CompareOptions& options,
                   pg::DevDatabase& dev);

/// Why the down migration cannot restore what the up one changes: each DATA_LOSS step of the
/// up plan, and each change the reverse plan refuses (an enum value the up plan adds).
std::vector<std::string> Irreversible(const Comparison& comparison);

}  // namespace schemac::cli
