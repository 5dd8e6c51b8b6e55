#pragma once
// Triggers in the IR's JSON (ir_json.h): the writer and the reader of Schema::triggers, called
// by ir_json_write.cc and ir_json_read.cc. Internal to backends/json.

#include <nlohmann/json.hpp>
#include <vector>

#include "backends/json/json_reader.h"
#include "compiler/ir.h"

namespace schemac::json::internal {

/// The triggers as a JSON array, keys in a fixed order, optional ones left out.
nlohmann::ordered_json TriggersJson(const std::vector<ir::Trigger>& triggers);

/// Reads the array TriggersJson writes into `out`.
void ReadTriggers(Reader& in, const Path& path, std::vector<ir::Trigger>* out);

}  // namespace schemac::json::internal
