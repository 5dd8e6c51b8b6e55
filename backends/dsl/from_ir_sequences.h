#pragma once
// `schemac pull` of sequences: an introspected sequence written as a `sequence` declaration.

#include <string>

#include "compiler/ir.h"

namespace schemac::dsl {

/// The `sequence` declaration of `sequence`, its doc comment first, with a block holding what
/// differs from PostgreSQL's defaults (`as` unless bigint, the options that are not the
/// defaults of its type, `owned by`, grants); ends with a line break.
std::string SequenceText(const ir::Sequence& sequence);

}  // namespace schemac::dsl
