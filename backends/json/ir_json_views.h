#pragma once
// Views in the IR JSON (ir_json_views.cc). Internal to backends/json.

#include <nlohmann/json.hpp>
#include <vector>

#include "backends/json/json_reader.h"
#include "compiler/ir.h"

namespace schemac::json::internal {

/// The `views` array of the schema's JSON.
nlohmann::ordered_json ViewsToJson(const std::vector<ir::View>& views);
/// Reads the `views` array at `path` onto `out`.
void ReadViewsJson(Reader& in, const Path& path, std::vector<ir::View>* out);

}  // namespace schemac::json::internal
