#pragma once
// The IR as stable JSON (`schemac ir --json`): keys in a fixed order, declaration order kept,
// source origins left out, so the same schema always gives the same bytes. FromJson reads that
// form back (canonical forms are cached on disk in it).
//
// Files: ir_json_write.cc (ToJson, ToJsonText: an nlohmann::ordered_json document),
// ir_json_read.cc (FromJson, FromJsonText: one reader per IR object), json_reader.h (the strict
// pull reader under FromJsonText, schemac's own for speed: docs/benchmarks.md, "IR JSON"),
// ir_json_names.h (the enum names both use).

#include <nlohmann/json.hpp>
#include <string>

#include "compiler/ir.h"

namespace schemac::json {

nlohmann::ordered_json ToJson(const ir::Schema& schema);
/// ToJson(schema) indented by two spaces, with a final newline.
std::string ToJsonText(const ir::Schema& schema);

/// The inverse of ToJson: every key ToJson writes, optional keys absent meaning their default,
/// enums by the names ToJson writes. Origins stay empty; the indexes are rebuilt (Reindex).
/// Strict: an unknown key, a missing required key, a value of the wrong JSON type or an unknown
/// enum name throws std::runtime_error naming the path, e.g.
/// `tables[3].columns[1].type: expected a string`.
ir::Schema FromJson(const nlohmann::ordered_json& json);
/// Parses `text` (the output of ToJsonText, or any JSON of that shape) and reads it with
/// FromJson. Invalid JSON and duplicate keys in an object also throw std::runtime_error.
ir::Schema FromJsonText(const std::string& text);

}  // namespace schemac::json
