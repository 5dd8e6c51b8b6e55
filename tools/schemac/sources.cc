#include "tools/schemac/sources.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "backends/postgres/emit.h"
#include "tools/schemac/common.h"

namespace schemac::cli {

CompareOptions WithProjectDefaults(CompareOptions options, const ProjectConfig& config) {
  if (options.dev_url.empty()) options.dev_url = config.dev_url;
  if (options.exclude_schemas.empty()) options.exclude_schemas = config.exclude_schemas;
  return options;
}

namespace {

// '+', '~' or '-' by what the step does.
char Mark(const plan::Step& step) {
  std::string description = step.Describe();
  if (description.starts_with("create") || description.starts_with("add")) return '+';
  if (description.starts_with("drop") || description.starts_with("remove")) return '-';
  return '~';
}

std::vector<std::string> HazardList(uint32_t hazards) {
  std::vector<std::string> out;
  std::string names = plan::HazardNames(hazards);
  for (size_t start = 0; start < names.size();) {
    size_t comma = names.find(", ", start);
    out.push_back(names.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  return out;
}

}  // namespace

std::string PlanText(const plan::Plan& plan, bool color, bool grouped) {
  const char* red = color ? "\033[31m" : "";
  const char* green = color ? "\033[32m" : "";
  const char* yellow = color ? "\033[33m" : "";
  const char* bold = color ? "\033[1m" : "";
  const char* reset = color ? "\033[0m" : "";
  std::vector<std::pair<std::string, std::vector<const plan::Step*>>> groups;
  for (const plan::Step& step : plan.steps) {
    std::string group;
    if (grouped) group = step.table.name.empty() ? "schemas, extensions" : step.table.ToString();
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first == group; });
    if (it == groups.end()) {
      groups.push_back({group, {}});
      it = groups.end() - 1;
    }
    it->second.push_back(&step);
  }
  std::string out;
  int add = 0, change = 0, drop = 0;
  for (const auto& [group, steps] : groups) {
    if (grouped) out += std::string(bold) + group + reset + "\n";
    for (const plan::Step* step : steps) {
      char mark = Mark(*step);
      (mark == '+' ? add : mark == '-' ? drop : change)++;
      const char* colour = mark == '+' ? green : mark == '-' ? red : yellow;
      out += std::string(grouped ? "  " : "") + colour + mark + reset + " " + step->Describe();
      std::string hazards = plan::HazardNames(step->hazards);
      if (!hazards.empty()) {
        out += std::string("  ") + (step->hazards & plan::kDataLoss ? red : yellow) + "[" +
               hazards + "]" + reset;
      }
      out += "\n";
    }
  }
  out += std::to_string(add) + " to add, " + std::to_string(change) + " to change, " +
         std::to_string(drop) + " to drop\n";
  return out;
}

std::string PlanJson(const plan::Plan& plan, bool concurrent_indexes,
                     const std::vector<pg::RowImpact>& impacts) {
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const plan::Step& step : plan.steps) {
    steps.push_back({{"description", step.Describe()},
                     {"hazards", HazardList(step.hazards)},
                     {"sql", pg::StepSql(step, concurrent_indexes)}});
  }
  for (const pg::RowImpact& impact : impacts) {
    bool known = impact.result == pg::RowImpact::Result::kCounted ||
                 impact.result == pg::RowImpact::Result::kCapped;
    steps[impact.step]["rows_changed"] = {
        {"count", known ? nlohmann::ordered_json(impact.rows) : nlohmann::ordered_json()},
        {"exact", impact.result == pg::RowImpact::Result::kCounted},
        {"text", impact.Text()}};
  }
  nlohmann::ordered_json out = {{"steps", steps}};
  return out.dump(2) + "\n";
}

}  // namespace schemac::cli
