#pragma once
// The migration SQL of the domain and composite type steps (kCreateDomain, kAlterDomain,
// kAddDomainCheck, kDropDomainCheck, kCommentDomain, kDropDomain, kCreateCompositeType,
// kAddAttribute, kAlterAttributeType, kDropAttribute, kCommentCompositeType,
// kDropCompositeType), for emit.cc. Each is safe to run again.

#include <string>

#include "compiler/plan.h"

namespace schemac::pg {

/// The guarded statements of a domain or composite type step, each ending with ";\n"; empty for
/// another kind.
std::string TypeStepSql(const plan::Step& step);

}  // namespace schemac::pg
