#pragma once
// Parsing of one .schema file into the AST (grammar/schema_grammar.h holds the rules).

#include <cstdint>

#include "compiler/ast.h"
#include "compiler/diagnostics.h"
#include "compiler/source.h"

namespace schemac {

/// Parses file `file` of `sources`. Syntax errors are reported to `diagnostics` with the
/// position where the input stopped matching and what was expected there; parsing resumes at
/// the next line that starts a declaration, so every error of a file is reported in one run.
/// Declarations that parsed are returned even when others failed.
ast::File Parse(const SourceManager& sources, uint32_t file, Diagnostics& diagnostics);

}  // namespace schemac
