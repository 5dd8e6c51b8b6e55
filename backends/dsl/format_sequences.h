#pragma once
// fmt of `sequence` declarations (backends/dsl/format_sequences.cc).

#include <string>
#include <vector>

#include "compiler/ast.h"

namespace schemac::dsl {

/// The lines of a sequence in canonical form: `sequence NAME [renamed from OLD]`, then, when
/// anything is said, a block with one item a line: `as`, the options (start, increment,
/// minvalue, maxvalue, cache, cycle), `owned by`, the grants.
std::vector<std::string> SequenceLines(const ast::SequenceDecl& decl);

}  // namespace schemac::dsl
