#pragma once
// The text of a `trigger` declaration, shared by fmt (from the syntax tree, format.cc) and pull
// (from the IR, from_ir_triggers.cc): one layout for both, so that pull's output is fmt's.
// Internal to backends/dsl.

#include <string>
#include <vector>

#include "compiler/ast.h"
#include "compiler/ir.h"

namespace schemac::dsl {

/// The clauses of a trigger, each already written as DSL (names quoted where needed).
struct TriggerText {
  std::string head;                  ///< `trigger NAME before insert or update of a on T`.
  std::vector<std::string> clauses;  ///< `referencing ...`, `for each row`, `when (...)`, ...
};

/// The lines of the declaration: one when it fits in the width, else the head and one
/// indented line per clause. `indent` is the continuation indent.
std::vector<std::string> TriggerLines(const TriggerText& text, size_t max_width,
                                      const std::string& indent);

/// From the syntax tree (fmt keeps what was written: `for each statement` only when said).
TriggerText TriggerTextOf(const ast::TriggerDecl& decl);

/// From the IR (pull): PostgreSQL's default level, statement, is left unsaid.
TriggerText TriggerTextOf(const ir::Trigger& trigger);

}  // namespace schemac::dsl
