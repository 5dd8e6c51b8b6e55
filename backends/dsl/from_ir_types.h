#pragma once
// `schemac pull` of domains and composite types: `domain` and `type` declarations.

#include <functional>
#include <string>

#include "compiler/ir.h"

namespace schemac::dsl {

/// How pull writes a type (from_ir.cc's TypeText).
using TypeTextFn = std::function<std::string(const ir::ColumnType&)>;

/// The `domain` declaration of `domain`, its doc comment first; a check is named only when its
/// name is not PostgreSQL's default (`<domain>_check`). Ends with a line break.
std::string DomainText(const ir::Domain& domain, const TypeTextFn& type_text);

/// The `type NAME as (...)` declaration of `type`, its doc comment first. Ends with a line
/// break.
std::string CompositeTypeText(const ir::CompositeType& type, const TypeTextFn& type_text);

}  // namespace schemac::dsl
