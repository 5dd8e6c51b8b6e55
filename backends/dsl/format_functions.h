#pragma once
// fmt of `function` declarations (backends/dsl/format_functions.cc), and the helpers of
// format.cc it shares.

#include <string>
#include <vector>

#include "backends/dsl/dsl_names.h"
#include "compiler/ast.h"

namespace schemac::dsl {

/// An identifier as fmt writes it at `position` (format.cc).
std::string FormatName(const ast::Ident& id, NamePosition position);
/// A type as fmt writes it (format.cc).
std::string FormatType(const ast::TypeRef& type);

/// The lines of a function in canonical form: the head (`function NAME(ARGS) returns ...`, the
/// arguments one per line when the head would be wider than `max_width`), then one clause per
/// line, indented by `indent`, in the order of ast::FunctionClauseKind, the body last and
/// verbatim. A line may hold line breaks (a multi-line body or default).
std::vector<std::string> FunctionLines(const ast::FunctionDecl& decl, std::string_view indent,
                                       size_t max_width);

/// An argument's name as the DSL writes it: quoted also when it is a mode word (`in`, `out`,
/// `inout`, `variadic`), which would otherwise read as the mode.
std::string ArgNameText(std::string_view name);

}  // namespace schemac::dsl
