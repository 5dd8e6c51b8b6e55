#pragma once
// Parsing of one .schema file into the AST (grammar/schema_grammar.h holds the rules).

#include <cstdint>

#include "compiler/ast.h"
#include "compiler/diagnostics.h"
#include "compiler/source.h"
#include "compiler/worker.h"

namespace schemac {

/// Parses file `file` of `sources`. Syntax errors are reported to `diagnostics` with the
/// position where the input stopped matching and what was expected there; parsing resumes at
/// the next line that starts a declaration, so every error of a file is reported in one run.
/// Declarations that parsed are returned even when others failed.
/// Files of 256 KB and more are parsed in two halves at once, the second on a worker thread,
/// when `may_split` (the result is the same: a half with any diagnostic makes the whole file be
/// parsed again in one piece).
ast::File Parse(const SourceManager& sources, uint32_t file, Diagnostics& diagnostics,
                bool may_split = true);

/// What the parser's worker thread runs inside (compiler/worker.h): the CLI gives it an
/// allocation arena of its own. Null: nothing.
void SetParseWorkerWrapper(WorkerWrapper wrapper);

}  // namespace schemac
