#pragma once
// Sequences in the IR JSON (ir_json_sequences.cc), and the options of a sequence, which identity
// columns share. Internal to backends/json.

#include <nlohmann/json.hpp>
#include <vector>

#include "backends/json/json_reader.h"
#include "compiler/ir.h"

namespace schemac::json::internal {

/// `{"start": 1, "increment": 1, "min": 1, "max": ..., "cache": 1, "cycle": false}`.
nlohmann::ordered_json SequenceOptionsToJson(const ir::SequenceOptions& options);
ir::SequenceOptions ReadSequenceOptionsJson(Reader& in, const Path& path);

/// The `sequences` array of the schema's JSON.
nlohmann::ordered_json SequencesToJson(const std::vector<ir::Sequence>& sequences);
/// Reads the `sequences` array at `path` onto `out`.
void ReadSequencesJson(Reader& in, const Path& path, std::vector<ir::Sequence>* out);

}  // namespace schemac::json::internal
