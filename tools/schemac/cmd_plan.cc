// `schemac plan --db URL [--schema PATH]`: what it would take to bring a live database to the
// schema files, for humans (grouped by table, hazards coloured), as SQL or as JSON.
// `schemac apply` is in cmd_apply.cc; the options both take in plan_options.h.

#include <iostream>
#include <memory>

#include "backends/postgres/connection.h"
#include "backends/postgres/data_check.h"
#include "backends/postgres/emit.h"
#include "backends/postgres/impact.h"
#include "backends/registry.h"
#include "backends/text/plan_text.h"
#include "backends/text/unmanaged_text.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"
#include "tools/schemac/plan_options.h"
#include "tools/schemac/sources.h"

namespace schemac::cli {

namespace {

// The counts as the plan backends take them.
std::vector<backends::RowCount> RowCounts(const std::vector<pg::RowImpact>& impacts) {
  std::vector<backends::RowCount> rows;
  for (const pg::RowImpact& impact : impacts) {
    bool known = impact.result == pg::RowImpact::Result::kCounted ||
                 impact.result == pg::RowImpact::Result::kCapped;
    rows.push_back({impact.step, known ? std::optional<int64_t>(impact.rows) : std::nullopt,
                    impact.result == pg::RowImpact::Result::kCounted, impact.Text()});
  }
  return rows;
}

// The data checks as the plan backends take them (passed ones are not listed).
std::vector<backends::DataCheckNote> DataCheckNotes(const std::vector<pg::DataCheck>& checks) {
  std::vector<backends::DataCheckNote> notes;
  for (const pg::DataCheck& check : checks) {
    if (check.result == pg::DataCheck::Result::kPassed) continue;
    bool refused = check.result == pg::DataCheck::Result::kRefused;
    notes.push_back({check.step, refused ? "refused" : "skipped", check.subject,
                     refused && check.rows >= 0 ? std::optional<int64_t>(check.rows) : std::nullopt,
                     refused && check.rows >= 0 && !check.capped, check.sample, check.text});
  }
  return notes;
}

int RunPlan(PlanOptions options) {
  CompareOptions compare = Resolve(options);
  pg::DevDatabase dev(compare.dev_url);
  pg::LiveCatalogReader live;
  // Destructive steps are shown, not refused: the plan is for reading.
  compare.allow_destructive = true;
  Comparison comparison = Compare(options.db, options.schema, compare, live, dev);
  if (!comparison.up.errors.empty()) {
    PrintErrors(comparison.up);
    return kExitErrors;
  }
  const plan::Plan& up = comparison.up;
  const backends::PlanBackend& backend = backends::PlanBackendNamed(options.format);
  // How many rows each DATA_LOSS type change would change, counted now (bounded, timed out),
  // where they are shown: in the JSON, or after the text for readers.
  std::vector<pg::RowImpact> impacts;
  if (backend.ReportsRowCounts() || backend.ForReaders()) {
    impacts = pg::CountTypeChangeImpact(options.db, up);
  }
  // Whether the rows there now would refuse a step (bounded, read-only): shown in every format.
  std::vector<pg::DataCheck> checks = pg::CheckData(
      options.db, up, comparison.from.schema, comparison.to.schema, DataCheckOptionsOf(options));
  // What the database holds that schemac does not model: listed, never planned.
  const std::vector<ir::UnmanagedObject>& unmanaged = comparison.from.schema.unmanaged;
  bool drift = !up.steps.empty() || (options.fail_on_unmanaged && !unmanaged.empty());
  int exit_status = options.exit_code && drift ? kExitChanges : kExitOk;
  if (backend.ForReaders() && up.steps.empty()) {
    std::cout << "No changes: the database matches the schema.\n"
              << text::UnmanagedText(unmanaged, text::kUnmanagedLeft);
    return exit_status;
  }
  backends::PlanOptions output;
  output.target = &comparison.to.schema;
  output.color = ColorOnStdout();
  output.grouped = true;
  output.row_counts = RowCounts(impacts);
  // The SQL apply would run with the same flags.
  output.emit.concurrent_indexes = compare.concurrent_indexes;
  output.emit.lock_timeout = pg::DurationText(options.timeouts.timeouts.lock_ms);
  if (options.timeouts.statement_given) {
    output.emit.statement_timeout = pg::DurationText(options.timeouts.timeouts.statement_ms);
  }
  output.data_checks = DataCheckNotes(checks);
  output.unmanaged = &unmanaged;
  backends::StreamSink out(std::cout);
  backend.Emit(up, output, out);
  if (backend.ForReaders()) {
    std::cout << pg::ImpactText(up, impacts) << pg::DataCheckText(up, checks)
              << text::UnmanagedText(unmanaged, text::kUnmanagedLeft);
    if ((up.Hazards() & plan::kDataLoss) && !options.compare.allow_destructive) {
      std::cout << "Steps marked DATA_LOSS need --allow-destructive to be applied.\n";
    }
  }
  if (pg::AnyRefused(checks)) {
    std::cout << std::flush;
    std::cerr << pg::DataRefusalErrors(up, checks)
              << "schemac: this plan cannot be applied to the rows the database holds now\n";
    return kExitErrors;
  }
  return exit_status;
}

}  // namespace

void AddPlanCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App* command = app.add_subcommand(
      "plan", "Show what applying the schema files to a database would change");
  AddCommonOptions(command, *options);
  command->add_option("--format", options->format, "text (default), sql or json")
      ->check(CLI::IsMember({"text", "sql", "json"}));
  CLI::Option* exit_code_flag =
      command->add_flag("--exit-code", options->exit_code, "Exit 2 when there are changes (drift)");
  command->add_flag("--fail-on-unmanaged", options->fail_on_unmanaged,
                    "With --exit-code: exit 2 also when the database holds objects schemac does "
                    "not manage")
      ->needs(exit_code_flag);
  command->add_flag("--allow-destructive", options->compare.allow_destructive,
                    "Do not mention that DATA_LOSS steps need the flag");
  command->footer("Example:\n  schemac plan --db \"$DATABASE_URL\" --schema schema/ --exit-code");
  command->callback([options, &exit_code] {
    exit_code = RunReportingErrors([&] { return RunPlan(*options); });
  });
}

}  // namespace schemac::cli
