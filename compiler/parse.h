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
/// Files of 256 KB and more are parsed in two halves at once, the second on a worker thread,
/// when `may_split` (the result is the same: a half with any diagnostic makes the whole file be
/// parsed again in one piece).
ast::File Parse(const SourceManager& sources, uint32_t file, Diagnostics& diagnostics,
                bool may_split = true);

/// Runs `work(context)` on the parser's worker thread, for the caller to give the thread what
/// its own thread has (the CLI's allocation arena). Null: run it as it is.
using ParseWorkerWrapper = void (*)(void (*work)(void* context), void* context);
void SetParseWorkerWrapper(ParseWorkerWrapper wrapper);

}  // namespace schemac
