#pragma once
// The dependencies of a schema (ir::Schema::dependencies) as JSON, written by ir_json_write.cc
// and read by ir_json_read.cc under the key "dependencies" (written only when there are any):
// [{"dependent": {"kind", "schema", "name", "member"}, "referenced": {...}}], "member" left out
// when empty, kinds by ir::ToString(ObjectKind) ("table", "column", "function", ...). Internal
// to backends/json.

#include <nlohmann/json.hpp>
#include <vector>

#include "backends/json/json_reader.h"
#include "compiler/ir.h"

namespace schemac::json::internal {

nlohmann::ordered_json DependenciesJson(const std::vector<ir::Dependency>& dependencies);

/// Reads the array DependenciesJson writes, strictly (see FromJson).
std::vector<ir::Dependency> ReadDependencies(Reader& in, const Path& path);

}  // namespace schemac::json::internal
