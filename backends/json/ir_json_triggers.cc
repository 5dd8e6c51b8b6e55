// Triggers in the IR's JSON (ir_json_triggers.h).

#include "backends/json/ir_json_triggers.h"

#include <array>
#include <string>

namespace schemac::json::internal {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<EnumName<ir::TriggerTiming>, 3> kTimingNames{{
    {"before", ir::TriggerTiming::kBefore},
    {"after", ir::TriggerTiming::kAfter},
    {"instead of", ir::TriggerTiming::kInsteadOf},
}};
constexpr std::array<EnumName<ir::TriggerLevel>, 2> kLevelNames{{
    {"statement", ir::TriggerLevel::kStatement},
    {"row", ir::TriggerLevel::kRow},
}};
constexpr std::array<EnumName<ir::TriggerEnabled>, 4> kEnabledNames{{
    {"origin", ir::TriggerEnabled::kOrigin},
    {"disabled", ir::TriggerEnabled::kDisabled},
    {"replica", ir::TriggerEnabled::kReplica},
    {"always", ir::TriggerEnabled::kAlways},
}};

Json QualifiedJson(const ir::QualifiedName& name) {
  Json out = Json::object();
  out["schema"] = name.schema;
  out["name"] = name.name;
  return out;
}

constexpr Keys<2> kQualifiedKeys{{{"schema", kRequired}, {"name", kRequired}}};

ir::QualifiedName ReadQualified(Reader& in, const Path& path) {
  ir::QualifiedName out;
  in.Object(path, kQualifiedKeys, [&](std::string_view key, const Path& at) {
    if (key == "schema") {
      out.schema = in.String(at);
    } else {
      out.name = in.String(at);
    }
  });
  return out;
}

Json TriggerJson(const ir::Trigger& t) {
  Json out = Json::object();
  out["name"] = t.name;
  out["table"] = QualifiedJson(t.table);
  out["timing"] = NameOf(kTimingNames, t.timing);
  Json events = Json::array();
  if (t.on_insert) events.push_back("insert");
  if (t.on_update) events.push_back("update");
  if (t.on_delete) events.push_back("delete");
  if (t.on_truncate) events.push_back("truncate");
  out["events"] = events;
  if (!t.update_columns.empty()) out["update_columns"] = t.update_columns;
  out["level"] = NameOf(kLevelNames, t.level);
  if (!t.when.empty()) out["when"] = t.when;
  if (!t.old_table.empty()) out["old_table"] = t.old_table;
  if (!t.new_table.empty()) out["new_table"] = t.new_table;
  out["function"] = QualifiedJson(t.function);
  if (!t.arguments.empty()) out["arguments"] = t.arguments;
  if (t.enabled != ir::TriggerEnabled::kOrigin) out["enabled"] = NameOf(kEnabledNames, t.enabled);
  if (!t.comment.empty()) out["comment"] = t.comment;
  return out;
}

constexpr Keys<13> kTriggerKeys{{
    {"name", kRequired},
    {"table", kRequired},
    {"timing", kRequired},
    {"events", kRequired},
    {"update_columns", kOptional},
    {"level", kRequired},
    {"when", kOptional},
    {"old_table", kOptional},
    {"new_table", kOptional},
    {"function", kRequired},
    {"arguments", kOptional},
    {"enabled", kOptional},
    {"comment", kOptional},
}};

void ReadEvents(Reader& in, const Path& path, ir::Trigger* t) {
  for (const std::string& event : in.Strings(path)) {
    if (event == "insert") {
      t->on_insert = true;
    } else if (event == "update") {
      t->on_update = true;
    } else if (event == "delete") {
      t->on_delete = true;
    } else if (event == "truncate") {
      t->on_truncate = true;
    } else {
      Fail(path, "unknown event \"" + event + "\"; expected insert, update, delete or truncate");
    }
  }
}

ir::Trigger ReadTrigger(Reader& in, const Path& path) {
  ir::Trigger out;
  in.Object(path, kTriggerKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "table") {
      out.table = ReadQualified(in, at);
    } else if (key == "timing") {
      out.timing = in.Enum(at, kTimingNames);
    } else if (key == "events") {
      ReadEvents(in, at, &out);
    } else if (key == "update_columns") {
      out.update_columns = in.Strings(at);
    } else if (key == "level") {
      out.level = in.Enum(at, kLevelNames);
    } else if (key == "when") {
      out.when = in.String(at);
    } else if (key == "old_table") {
      out.old_table = in.String(at);
    } else if (key == "new_table") {
      out.new_table = in.String(at);
    } else if (key == "function") {
      out.function = ReadQualified(in, at);
    } else if (key == "arguments") {
      out.arguments = in.Strings(at);
    } else if (key == "enabled") {
      out.enabled = in.Enum(at, kEnabledNames);
    } else {
      out.comment = in.String(at);
    }
  });
  return out;
}

}  // namespace

Json TriggersJson(const std::vector<ir::Trigger>& triggers) {
  Json out = Json::array();
  for (const ir::Trigger& t : triggers) out.push_back(TriggerJson(t));
  return out;
}

void ReadTriggers(Reader& in, const Path& path, std::vector<ir::Trigger>* out) {
  in.Array(path, [&](const Path& at) { out->push_back(ReadTrigger(in, at)); });
}

}  // namespace schemac::json::internal
