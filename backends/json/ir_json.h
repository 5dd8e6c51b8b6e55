#pragma once
// The IR as stable JSON (`schemac ir --json`): keys in a fixed order, declaration order kept,
// source origins left out, so the same schema always gives the same bytes.

#include <nlohmann/json.hpp>
#include <string>

#include "compiler/ir.h"

namespace schemac::json {

nlohmann::ordered_json ToJson(const ir::Schema& schema);
/// ToJson(schema) indented by two spaces, with a final newline.
std::string ToJsonText(const ir::Schema& schema);

}  // namespace schemac::json
