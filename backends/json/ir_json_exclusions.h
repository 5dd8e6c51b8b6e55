#pragma once
// A table's exclusion constraints (ir::Table::exclusions) as JSON, written by ir_json_write.cc and
// read by ir_json_read.cc under the table's key "exclusions" (written only when there are any):
// [{"name", "method", "elements": [{"column" | "expression", "opclass"?, "operator"}],
// "include"?, "where"?, "deferrable"?, "initially_deferred"?, "comment"?}]. Internal to
// backends/json.

#include <nlohmann/json.hpp>
#include <vector>

#include "backends/json/json_reader.h"
#include "compiler/ir.h"

namespace schemac::json::internal {

nlohmann::ordered_json ExclusionsJson(const std::vector<ir::ExclusionConstraint>& exclusions);

/// Reads the array ExclusionsJson writes, strictly (see FromJson).
std::vector<ir::ExclusionConstraint> ReadExclusions(Reader& in, const Path& path);

}  // namespace schemac::json::internal
