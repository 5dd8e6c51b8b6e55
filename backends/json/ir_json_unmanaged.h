#pragma once
// ir::Schema::unmanaged as JSON: `"unmanaged": [{"kind": "rule", "name": "public.r on public.t"},
// ...]`, written only when there is one (ir_json_write.cc) and read back (ir_json_read.cc).
// The plan JSON of plan and diff lists them the same way (backends/text/plan_text.cc).

#include <nlohmann/json.hpp>
#include <vector>

#include "backends/json/json_reader.h"
#include "compiler/ir.h"

namespace schemac::json {

/// The list as a JSON array, in the given (the IR's sorted) order.
nlohmann::ordered_json UnmanagedJson(const std::vector<ir::UnmanagedObject>& objects);

namespace internal {

/// Reads the array UnmanagedJson writes into `out`.
void ReadUnmanaged(Reader& in, const Path& path, std::vector<ir::UnmanagedObject>* out);

}  // namespace internal
}  // namespace schemac::json
