// The plan as text and as JSON (plan_text.h).

#include "backends/text/plan_text.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "backends/json/ir_json_unmanaged.h"
#include "backends/postgres/emit.h"

namespace schemac::text {

namespace {

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
      char mark = plan::MarkSymbol(plan::MarkOf(step->kind));
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

std::string PlanNotes(const plan::Plan& plan) {
  // The plan's own notes (functions whose bodies name a renamed or dropped column) first.
  std::string out;
  for (const std::string& note : plan.notes) out += note + "\n";
  for (const plan::Step& step : plan.steps) {
    if (step.kind == plan::StepKind::kCreateIndex && (step.hazards & plan::kBlocksWrites)) {
      return out +
             "Index builds marked BLOCKS_WRITES block writes to their table until they finish; "
             "--concurrent-indexes builds them without (CREATE INDEX CONCURRENTLY, outside the "
             "transaction).\n";
    }
  }
  return out;
}

std::string PlanJson(const plan::Plan& plan, bool concurrent_indexes,
                     const std::vector<backends::RowCount>& rows,
                     const std::vector<backends::DataCheckNote>& checks,
                     const std::vector<ir::UnmanagedObject>* unmanaged) {
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const plan::Step& step : plan.steps) {
    steps.push_back({{"description", step.Describe()},
                     {"hazards", HazardList(step.hazards)},
                     {"sql", pg::StepSql(step, concurrent_indexes)}});
  }
  for (const backends::RowCount& row : rows) {
    steps[row.step]["rows_changed"] = {
        {"count", row.count ? nlohmann::ordered_json(*row.count) : nlohmann::ordered_json()},
        {"exact", row.exact},
        {"text", row.text}};
  }
  for (const backends::DataCheckNote& check : checks) {
    nlohmann::ordered_json& list = steps[check.step]["data_checks"];
    list.push_back(
        {{"result", check.result},
         {"subject", check.subject},
         {"rows", check.rows ? nlohmann::ordered_json(*check.rows) : nlohmann::ordered_json()},
         {"exact", check.exact},
         {"sample", check.sample},
         {"text", check.text}});
  }
  nlohmann::ordered_json out = {{"steps", steps}};
  if (unmanaged != nullptr) out["unmanaged"] = json::UnmanagedJson(*unmanaged);
  if (!plan.notes.empty()) out["notes"] = plan.notes;
  return out.dump(2) + "\n";
}

void TextPlanBackend::Emit(const plan::Plan& plan, const backends::PlanOptions& options,
                           backends::OutputSink& sink) const {
  sink.Write("", PlanText(plan, options.color, options.grouped) + PlanNotes(plan));
}

void JsonPlanBackend::Emit(const plan::Plan& plan, const backends::PlanOptions& options,
                           backends::OutputSink& sink) const {
  sink.Write("", PlanJson(plan, options.emit.concurrent_indexes, options.row_counts,
                          options.data_checks, options.unmanaged));
}

}  // namespace schemac::text
