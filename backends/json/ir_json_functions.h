#pragma once
// The JSON of ir::Function, written by ToJson (ir_json_write.cc) under "functions" and read
// back by FromJson (ir_json_read.cc). Internal to backends/json.

#include <nlohmann/json.hpp>
#include <string>

#include "backends/json/json_reader.h"
#include "compiler/ir.h"

namespace schemac::json::internal {

/// Every field but the origins; optional keys left out at their defaults.
nlohmann::ordered_json FunctionJson(const ir::Function& function);

/// The inverse of FunctionJson, strict like every reader of FromJson.
ir::Function ReadFunction(Reader& in, const Path& path);

}  // namespace schemac::json::internal
