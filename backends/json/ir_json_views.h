#pragma once
// Views in the IR JSON (ir_json_views.cc), and the readers and writers of the other IR objects
// that views share with tables (columns, indexes, grants), exposed to it by ir_json_write.cc and
// ir_json_read.cc. Internal to backends/json.

#include <nlohmann/json.hpp>
#include <vector>

#include "backends/json/json_reader.h"
#include "compiler/ir.h"

namespace schemac::json::internal {

// Shared writers (ir_json_write.cc) and readers (ir_json_read.cc).
nlohmann::ordered_json ColumnToJson(const ir::Column& column);
nlohmann::ordered_json IndexToJson(const ir::Index& index);
nlohmann::ordered_json GrantToJson(const ir::Grant& grant);
ir::Column ReadColumnJson(Reader& in, const Path& path);
ir::Index ReadIndexJson(Reader& in, const Path& path);
ir::Grant ReadGrantJson(Reader& in, const Path& path);

/// The `views` array of the schema's JSON.
nlohmann::ordered_json ViewsToJson(const std::vector<ir::View>& views);
/// Reads the `views` array at `path` onto `out`.
void ReadViewsJson(Reader& in, const Path& path, std::vector<ir::View>* out);

}  // namespace schemac::json::internal
