#pragma once
// The migration SQL of the trigger steps (kCreateTrigger, kAlterTrigger, kCommentTrigger,
// kDropTrigger), for emit.cc. Each is safe to run again.

#include <string>

#include "compiler/plan.h"

namespace schemac::pg {

/// The guarded statements of a trigger step, each ending with ";\n"; empty for another kind.
std::string TriggerStepSql(const plan::Step& step);

}  // namespace schemac::pg
