#pragma once
// Turning the PATH arguments of a command into parsed files: a path is a .schema file or a
// directory whose .schema files (recursively, in lexical order of their paths, skipping hidden
// directories and node_modules) form one schema. LoadSchema does all of it, resolving too, and
// keeps the result for the rest of the process.

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ast.h"
#include "compiler/diagnostics.h"
#include "compiler/ir.h"
#include "compiler/lint.h"
#include "compiler/source.h"

namespace schemac {

/// Expands files and directories into the list of .schema files, in lexical order within each
/// directory. Reports a missing path or a directory without .schema files as an error.
std::vector<std::string> ExpandSchemaPaths(const std::vector<std::string>& paths,
                                           Diagnostics& diagnostics);

/// Loads and parses every file. Unreadable files and syntax errors go to `diagnostics`.
std::vector<ast::File> LoadAndParse(const std::vector<std::string>& files, SourceManager& sources,
                                    Diagnostics& diagnostics);

/// The PATH arguments of a command, or the default when none were given: ./schema when it
/// exists, else the current directory.
std::vector<std::string> SchemaPathsOrDefault(const std::vector<std::string>& paths);

/// Everything a command learns from reading a schema.
struct LoadedSchema {
  SourceManager sources;
  Diagnostics diagnostics;
  std::vector<std::string> files;
  std::vector<ast::File> parsed;
  std::optional<ir::Schema> schema;  ///< Set when `resolve` was asked for and parsing succeeded.
  LintConfig lint;  ///< The lint levels of the load, used by `diagnostics`.
};

/// Where a load takes its lint levels from (the CLI: schemac.json's "lint"), asked once before
/// parsing; a UserError it throws (an invalid schemac.json) becomes an error among the
/// diagnostics. Empty: every rule at its default level.
using LintLevels = std::function<LintConfig()>;

/// Expands (SchemaPathsOrDefault), reads and parses the paths; then, when `resolve` is true and
/// there was no syntax error, resolves them into the IR. Diagnostics are sorted by position and
/// not printed. The result lives until the process exits (see load.cc for why).
LoadedSchema& LoadSchema(const std::vector<std::string>& paths, bool resolve,
                         const LintLevels& lint_levels = {});

/// Thrown by the library (compare.h) for a .schema source with errors: nothing has been printed;
/// the caller prints `loaded`'s diagnostics (the CLI: as text on stderr, exit 1).
struct SourceFailed {
  const LoadedSchema& loaded;
  /// The other source's error, when both sources of a comparison were read at once and it
  /// failed too: reported after the diagnostics.
  std::exception_ptr other_error;
};

}  // namespace schemac
