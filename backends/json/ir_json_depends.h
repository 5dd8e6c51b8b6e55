#pragma once
// What a schema says of its objects by reference (ir::ObjectRef) as JSON, written by
// ir_json_write.cc and read by ir_json_read.cc, each only when there is any:
// - "dependencies" (ir::Schema::dependencies):
//   [{"dependent": {"kind", "schema", "name", "member"}, "referenced": {...}}];
// - "owners" (ir::Schema::owners): [{"object": {...}, "role": ROLE}].
// "member" is left out when empty, kinds by ir::ToString(ObjectKind) ("table", "column",
// "function", ...). Internal to backends/json.

#include <nlohmann/json.hpp>
#include <vector>

#include "backends/json/json_reader.h"
#include "compiler/ir.h"

namespace schemac::json::internal {

nlohmann::ordered_json DependenciesJson(const std::vector<ir::Dependency>& dependencies);

/// Reads the array DependenciesJson writes, strictly (see FromJson).
std::vector<ir::Dependency> ReadDependencies(Reader& in, const Path& path);

nlohmann::ordered_json OwnersJson(const std::vector<ir::Owner>& owners);

/// Reads the array OwnersJson writes, strictly (see FromJson).
std::vector<ir::Owner> ReadOwners(Reader& in, const Path& path);

}  // namespace schemac::json::internal
