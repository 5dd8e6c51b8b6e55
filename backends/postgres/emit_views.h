#pragma once
// Migration SQL of the view steps (kCreateView ... kDropView), each statement safe to run again.

#include <string>

#include "compiler/plan.h"

namespace schemac::pg {

/// The guarded statements of a view step, each ending with ";\n"; empty for other kinds.
std::string ViewStepSql(const plan::Step& step);

}  // namespace schemac::pg
