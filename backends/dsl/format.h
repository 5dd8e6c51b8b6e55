#pragma once
// `schemac fmt`: the canonical text of a parsed .schema file.

#include <string>

#include "compiler/ast.h"
#include "compiler/source.h"

namespace schemac::dsl {

/// The canonical layout of `file`: one declaration after another separated by one blank line,
/// table items one per line with columns aligned, modifiers in a fixed order, keywords in
/// lowercase, identifiers quoted only when needed, `--` and `///` comments kept. Formatting the
/// output again yields the same bytes, and it parses to the same IR as the input.
std::string FormatFile(const ast::File& file, const SourceManager& sources);

}  // namespace schemac::dsl
