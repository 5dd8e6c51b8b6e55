// Sequence options: PostgreSQL's defaults and checks, and their DSL and SQL text.

#include "compiler/sequence_options.h"

#include <fmt/format.h>

#include <limits>
#include <vector>

namespace schemac {

bool IsUnset(const ir::SequenceOptions& options) { return options == ir::SequenceOptions{}; }

SequenceRange SequenceTypeRange(std::string_view type) {
  if (type == "smallint") return {std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max()};
  if (type == "integer") return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
  return {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
}

ir::SequenceOptions EffectiveSequenceOptions(std::string_view type,
                                             const ast::SequenceOptions& written,
                                             std::string* error) {
  SequenceRange range = SequenceTypeRange(type);
  ir::SequenceOptions out;
  out.increment = written.increment.value_or(1);
  bool ascending = out.increment > 0;
  out.min = written.min.value_or(ascending ? 1 : range.min);
  out.max = written.max.value_or(ascending ? range.max : -1);
  out.start = written.start.value_or(ascending ? out.min : out.max);
  out.cache = written.cache.value_or(1);
  out.cycle = written.cycle;
  // The messages are PostgreSQL's (init_params), so a user reads what the server would say.
  if (out.increment == 0) {
    *error = "INCREMENT must not be zero";
  } else if (out.min < range.min || out.min > range.max) {
    *error = fmt::format("MINVALUE ({}) is out of range for sequence data type {}", out.min, type);
  } else if (out.max < range.min || out.max > range.max) {
    *error = fmt::format("MAXVALUE ({}) is out of range for sequence data type {}", out.max, type);
  } else if (out.min >= out.max) {
    *error = fmt::format("MINVALUE ({}) must be less than MAXVALUE ({})", out.min, out.max);
  } else if (out.start < out.min) {
    *error = fmt::format("START value ({}) cannot be less than MINVALUE ({})", out.start, out.min);
  } else if (out.start > out.max) {
    *error = fmt::format("START value ({}) cannot be greater than MAXVALUE ({})", out.start, out.max);
  } else if (out.cache < 1) {
    *error = fmt::format("CACHE ({}) must be greater than zero", out.cache);
  }
  return out;
}

namespace {

// The options that differ from the defaults of `type`, each as its two spellings.
std::vector<std::string> NonDefault(std::string_view type, const ir::SequenceOptions& options,
                                    bool sql) {
  if (IsUnset(options)) return {};
  std::string error;
  ir::SequenceOptions defaults = EffectiveSequenceOptions(type, {}, &error);
  // The defaults of minvalue, maxvalue and start follow the increment's sign.
  ast::SequenceOptions with_increment;
  with_increment.increment = options.increment;
  ir::SequenceOptions implied = EffectiveSequenceOptions(type, with_increment, &error);
  ast::SequenceOptions with_bounds = with_increment;
  with_bounds.min = options.min;
  with_bounds.max = options.max;
  ir::SequenceOptions implied_start = EffectiveSequenceOptions(type, with_bounds, &error);
  std::vector<std::string> out;
  auto add = [&](const char* dsl, const char* word, int64_t value) {
    out.push_back(fmt::format("{} {}", sql ? word : dsl, value));
  };
  if (options.start != implied_start.start) add("start", "START WITH", options.start);
  if (options.increment != defaults.increment) add("increment", "INCREMENT BY", options.increment);
  if (options.min != implied.min) add("minvalue", "MINVALUE", options.min);
  if (options.max != implied.max) add("maxvalue", "MAXVALUE", options.max);
  if (options.cache != defaults.cache) add("cache", "CACHE", options.cache);
  if (options.cycle) out.push_back(sql ? "CYCLE" : "cycle");
  return out;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : " ") + part;
  return out;
}

}  // namespace

std::string SequenceOptionsDsl(std::string_view type, const ir::SequenceOptions& options) {
  return Join(NonDefault(type, options, false));
}

std::vector<std::string> SequenceOptionsDslItems(std::string_view type,
                                                 const ir::SequenceOptions& options) {
  return NonDefault(type, options, false);
}

std::string WrittenSequenceOptionsDsl(const ast::SequenceOptions& written) {
  std::vector<std::string> out;
  auto add = [&](const char* word, const std::optional<int64_t>& value) {
    if (value) out.push_back(fmt::format("{} {}", word, *value));
  };
  add("start", written.start);
  add("increment", written.increment);
  add("minvalue", written.min);
  add("maxvalue", written.max);
  add("cache", written.cache);
  if (written.cycle) out.push_back("cycle");
  return Join(out);
}

std::string SequenceOptionsSql(std::string_view type, const ir::SequenceOptions& options) {
  return Join(NonDefault(type, options, true));
}

std::string SequenceOptionsChangeSql(const ir::SequenceOptions& from, const ir::SequenceOptions& to,
                                     std::string_view prefix) {
  std::vector<std::string> out;
  auto add = [&](const char* word, int64_t before, int64_t after) {
    if (before != after) out.push_back(fmt::format("{}{} {}", prefix, word, after));
  };
  add("INCREMENT BY", from.increment, to.increment);
  add("MINVALUE", from.min, to.min);
  add("MAXVALUE", from.max, to.max);
  add("START WITH", from.start, to.start);
  add("CACHE", from.cache, to.cache);
  if (from.cycle != to.cycle) out.push_back(fmt::format("{}{}", prefix, to.cycle ? "CYCLE" : "NO CYCLE"));
  return Join(out);
}

}  // namespace schemac
