// Sequences in the IR JSON: written after the tables, under `sequences` (left out when there are
// none, so that the JSON of a schema without sequences is as it was), and read back strictly.
// Values are integers written exactly (a sequence's bounds need all 64 bits).

#include "backends/json/ir_json_sequences.h"

#include <string_view>

#include "backends/json/ir_json_names.h"
#include "backends/json/ir_json_parts.h"

namespace schemac::json::internal {

namespace {

using Json = nlohmann::ordered_json;

constexpr Keys<6> kOptionKeys{{{"start", kRequired},
                               {"increment", kRequired},
                               {"min", kRequired},
                               {"max", kRequired},
                               {"cache", kRequired},
                               {"cycle", kRequired}}};

constexpr Keys<8> kSequenceKeys{{
    {"schema", kRequired},
    {"name", kRequired},
    {"type", kRequired},
    {"options", kRequired},
    {"owned_by", kOptional},
    {"grants", kRequired},
    {"comment", kOptional},
    {"renamed_from", kOptional},
}};

constexpr Keys<2> kOwnedByKeys{{{"table", kRequired}, {"column", kRequired}}};

Json SequenceJson(const ir::Sequence& sequence) {
  Json out = Json::object();
  out["schema"] = sequence.name.schema;
  out["name"] = sequence.name.name;
  out["type"] = sequence.type;
  out["options"] = SequenceOptionsToJson(sequence.options);
  if (!sequence.owned_table.empty()) {
    Json owned = Json::object();
    owned["table"] = sequence.owned_table;
    owned["column"] = sequence.owned_column;
    out["owned_by"] = std::move(owned);
  }
  Json grants = Json::array();
  for (const ir::Grant& g : sequence.grants) grants.push_back(GrantToJson(g));
  out["grants"] = std::move(grants);
  if (!sequence.comment.empty()) out["comment"] = sequence.comment;
  if (sequence.renamed_from) out["renamed_from"] = *sequence.renamed_from;
  return out;
}

ir::Sequence ReadSequence(Reader& in, const Path& path) {
  ir::Sequence out;
  in.Object(path, kSequenceKeys, [&](std::string_view key, const Path& at) {
    if (key == "schema") {
      out.name.schema = in.String(at);
    } else if (key == "name") {
      out.name.name = in.String(at);
    } else if (key == "type") {
      out.type = in.String(at);
    } else if (key == "options") {
      out.options = ReadSequenceOptionsJson(in, at);
    } else if (key == "owned_by") {
      in.Object(at, kOwnedByKeys, [&](std::string_view k, const Path& v) {
        (k == "table" ? out.owned_table : out.owned_column) = in.String(v);
      });
    } else if (key == "grants") {
      in.Array(at, [&](const Path& g) { out.grants.push_back(ReadGrantJson(in, g)); });
    } else if (key == "comment") {
      out.comment = in.String(at);
    } else {
      out.renamed_from = in.String(at);
    }
  });
  return out;
}

}  // namespace

Json SequenceOptionsToJson(const ir::SequenceOptions& options) {
  Json out = Json::object();
  out["start"] = options.start;
  out["increment"] = options.increment;
  out["min"] = options.min;
  out["max"] = options.max;
  out["cache"] = options.cache;
  out["cycle"] = options.cycle;
  return out;
}

ir::SequenceOptions ReadSequenceOptionsJson(Reader& in, const Path& path) {
  ir::SequenceOptions out;
  in.Object(path, kOptionKeys, [&](std::string_view key, const Path& at) {
    if (key == "cycle") {
      out.cycle = in.Bool(at);
      return;
    }
    int64_t value = in.Integer(at);
    if (key == "start") out.start = value;
    if (key == "increment") out.increment = value;
    if (key == "min") out.min = value;
    if (key == "max") out.max = value;
    if (key == "cache") out.cache = value;
  });
  return out;
}

Json SequencesToJson(const std::vector<ir::Sequence>& sequences) {
  Json out = Json::array();
  for (const ir::Sequence& sequence : sequences) out.push_back(SequenceJson(sequence));
  return out;
}

void ReadSequencesJson(Reader& in, const Path& path, std::vector<ir::Sequence>* out) {
  in.Array(path, [&](const Path& at) { out->push_back(ReadSequence(in, at)); });
}

}  // namespace schemac::json::internal
