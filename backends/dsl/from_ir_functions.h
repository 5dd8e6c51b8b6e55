#pragma once
// pull of functions (backends/dsl/from_ir_functions.cc): an ir::Function as DSL text.

#include <string>

#include "compiler/ir.h"

namespace schemac::dsl {

/// `function` declaration text for `fn` (its doc comment first), which parses and resolves back
/// to an equal function: clauses only where they differ from PostgreSQL's defaults (volatile,
/// called on null input, security invoker, parallel unsafe, cost and rows 0), EXECUTE grants as
/// `grant execute to ROLE` plus `revoke execute from public` when PUBLIC has none, settings in
/// the form that resolves to the stored text, and the body in a dollar quote whose tag does not
/// occur in it. Ends with a line break.
std::string FunctionText(const ir::Function& fn);

/// The dollar-quote tag for `body`: `$$`, else `$body$`, `$body1$`, ...: the first whose
/// closing occurrence is where the body ends.
std::string DollarTag(const std::string& body);

}  // namespace schemac::dsl
