#include "backends/json/ir_json.h"

namespace schemac::json {

// Stub: replaced by the JSON writer.
nlohmann::ordered_json ToJson(const ir::Schema&) { return nlohmann::ordered_json::object(); }

std::string ToJsonText(const ir::Schema& schema) { return ToJson(schema).dump(2) + "\n"; }

}  // namespace schemac::json
