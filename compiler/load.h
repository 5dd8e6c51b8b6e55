#pragma once
// Turning the PATH arguments of a command into parsed files: a path is a .schema file or a
// directory whose .schema files (recursively, in lexical order of their paths, skipping hidden
// directories and node_modules) form one schema.

#include <string>
#include <vector>

#include "compiler/ast.h"
#include "compiler/diagnostics.h"
#include "compiler/source.h"

namespace schemac {

/// Expands files and directories into the list of .schema files, in lexical order within each
/// directory. Reports a missing path or a directory without .schema files as an error.
std::vector<std::string> ExpandSchemaPaths(const std::vector<std::string>& paths,
                                           Diagnostics& diagnostics);

/// Loads and parses every file. Unreadable files and syntax errors go to `diagnostics`.
std::vector<ast::File> LoadAndParse(const std::vector<std::string>& files, SourceManager& sources,
                                    Diagnostics& diagnostics);

}  // namespace schemac
