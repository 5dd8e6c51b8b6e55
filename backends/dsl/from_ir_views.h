#pragma once
// `schemac pull` of views: an introspected view written as a `view` declaration.

#include <string>

#include "compiler/ir.h"

namespace schemac::dsl {

/// The `[materialized] view` declaration of `view`, its doc comment first, its query as
/// PostgreSQL prints it (pg_get_viewdef), a block with its column comments, grants and indexes
/// when it has any; ends with a line break.
std::string ViewText(const ir::View& view);

}  // namespace schemac::dsl
