#pragma once
// Semantic analysis: AST -> IR. Resolves names and types, assigns PostgreSQL's default names
// to unnamed constraints and indexes, and reports every semantic error of the schema.

#include <vector>

#include "compiler/ast.h"
#include "compiler/diagnostics.h"
#include "compiler/ir.h"
#include "compiler/source.h"

namespace schemac {

/// Resolves the files of one schema (in the order given) into an IR. Errors and warnings go to
/// `diagnostics`; the returned IR is only meaningful when no error was reported.
ir::Schema Resolve(const std::vector<ast::File>& files, const SourceManager& sources,
                   Diagnostics& diagnostics);

}  // namespace schemac
