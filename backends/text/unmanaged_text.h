#pragma once
// The objects a database holds that schemac does not model (ir::Schema::unmanaged), as pull,
// plan and diff report them: one line each and a count
// (the JSON is backends/json/ir_json_unmanaged.h's).
// docs/cli.md, "Unmanaged objects".

#include <string>
#include <vector>

#include "compiler/ir.h"

namespace schemac::text {

/// What plan and diff say they do with them.
inline constexpr const char* kUnmanagedLeft =
    "left as they are (a plan never creates, changes or drops them)";

/// One line per object, `not managed by schemac: rule public.r on public.t`, then the count,
/// `2 objects not managed by schemac: <consequence>` (`consequence` says what the command did
/// with them: "not written", "left as they are"). Empty when there are none.
std::string UnmanagedText(const std::vector<ir::UnmanagedObject>& objects,
                          const std::string& consequence);

/// The objects of both lists, sorted, each once (diff reads two sources).
std::vector<ir::UnmanagedObject> MergeUnmanaged(const std::vector<ir::UnmanagedObject>& a,
                                                const std::vector<ir::UnmanagedObject>& b);

}  // namespace schemac::text
