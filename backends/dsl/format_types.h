#pragma once
// fmt of `domain` and composite `type` declarations (backends/dsl/format_types.cc).

#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast.h"

namespace schemac::dsl {

/// The lines of a domain: one line when it fits in `max_width`, else the head and one clause
/// per line indented by `indent` (collate, default, not null, then the checks as written).
std::vector<std::string> DomainLines(const ast::DomainDecl& decl, std::string_view indent,
                                     size_t max_width);

/// The lines of a composite type: one line when it fits in `max_width`, else one attribute per
/// line indented by `indent`.
std::vector<std::string> CompositeLines(const ast::CompositeDecl& decl, std::string_view indent,
                                        size_t max_width);

}  // namespace schemac::dsl
