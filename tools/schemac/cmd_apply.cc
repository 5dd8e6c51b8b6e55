// `schemac apply`: the plan of `schemac plan`, shown, confirmed, then applied by the PostgreSQL
// backend (backends/postgres/apply.h: the apply lock, the run, the check). This file only reads
// the options, asks for confirmation, calls the library and prints what it returns.

#include <unistd.h>

#include <iostream>
#include <memory>

#include "backends/postgres/apply.h"
#include "backends/postgres/catalog_reader.h"
#include "backends/postgres/connection.h"
#include "backends/postgres/data_check.h"
#include "backends/postgres/emit.h"
#include "backends/postgres/impact.h"
#include "backends/postgres/runner.h"
#include "backends/text/plan_text.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"
#include "tools/schemac/plan_options.h"
#include "tools/schemac/sources.h"

namespace schemac::cli {

using text::PlanText;

namespace {

// Asks on the terminal; false (with the reason on stderr) when not confirmed.
bool Confirmed(const plan::Plan& up, const std::string& db) {
  if (isatty(STDIN_FILENO) != 1) {
    std::cerr << "schemac: error: not applying without confirmation: run on a terminal, or "
                 "pass --auto-approve\n";
    return false;
  }
  std::cout << "Apply these " << up.steps.size() << " steps to " << pg::MaskPassword(db)
            << "? [y/N] " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  if (answer != "y" && answer != "yes") {
    std::cerr << "schemac: not applied\n";
    return false;
  }
  return true;
}

int RunApply(PlanOptions options) {
  CompareOptions compare = Resolve(options);
  pg::DevDatabase dev(compare.dev_url);
  pg::LiveCatalogReader live;
  Comparison comparison = Compare(options.db, options.schema, compare, live, dev);
  const plan::Plan& up = comparison.up;
  std::vector<pg::RowImpact> impacts = pg::CountTypeChangeImpact(options.db, up);
  // Steps the rows there now would refuse stop the apply before anything runs.
  std::vector<pg::DataCheck> checks = pg::CheckData(
      options.db, up, comparison.from.schema, comparison.to.schema, DataCheckOptionsOf(options));
  if (!up.errors.empty() || pg::AnyRefused(checks)) {
    PrintErrors(up);
    std::cerr << pg::DataRefusalErrors(up, checks) << pg::ImpactText(up, impacts)
              << "schemac: nothing was applied\n";
    return kExitErrors;
  }
  if (up.steps.empty()) {
    std::cout << "No changes: the database matches the schema.\n";
    return kExitOk;
  }
  // The migration waits for each lock as long as a read does (a locked table fails the apply,
  // naming the holder, before anything is applied), and keeps its own statement timeout unless
  // one is given.
  const pg::Timeouts& limits = options.timeouts.timeouts;
  pg::EmitOptions emit;
  emit.lock_timeout = pg::DurationText(limits.lock_ms);
  if (options.timeouts.statement_given) emit.statement_timeout = pg::DurationText(limits.statement_ms);
  emit.concurrent_indexes = compare.concurrent_indexes;  // As the plan's hazards say.
  std::string sql = pg::EmitSql(up, comparison.to.schema, emit);
  std::cout << PlanText(up, ColorOnStdout(), true) << text::PlanNotes(up)
            << pg::ImpactText(up, impacts) << pg::DataCheckText(up, checks);
  if (options.dry_run) {
    std::cout << "\n" << sql;
    return kExitOk;
  }
  // Nothing is applied unless the plan above reached stdout; main reports the failed write.
  if (std::string error; !FlushStdout(&error)) return kExitErrors;
  if (!options.auto_approve && !Confirmed(up, options.db)) return kExitErrors;
  pg::ApplyRequest request{.url = options.db,
                           .sql = sql,
                           .timeouts = limits,
                           .target = &comparison.to.schema,
                           .schemas = compare.schemas,
                           .exclude_schemas = compare.exclude_schemas,
                           .cancel_on_signal = true,
                           .on_lock_wait = [](const std::string& holder) {
                             std::cerr << "schemac: waiting for the apply lock held by " << holder
                                       << "\n";
                           }};
  int64_t migration_statement_ms = 0;
  pg::ParseDuration(emit.statement_timeout, &migration_statement_ms);
  request.timeouts.statement_ms = migration_statement_ms;  // A silent server is judged by this limit.
  pg::ApplyResult result;
  try {
    result = pg::Apply(request);
  } catch (const pg::Interrupted& e) {
    std::cerr << "schemac: " << e.what() << "\n";
    return 128 + e.signal();  // 130 for SIGINT, 143 for SIGTERM, as a shell reports them.
  }
  if (!result.verified()) {
    std::cerr << "schemac: error: after applying, the database still differs from the schema:\n"
              << PlanText(result.left, false, true);
    return kExitErrors;
  }
  std::cout << "Applied " << up.steps.size() << " steps.\n";
  return kExitOk;
}

}  // namespace

void AddApplyCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App* command = app.add_subcommand(
      "apply", "Bring a database to the schema files: plan, confirm, run, check");
  AddCommonOptions(command, *options);
  command->add_flag("--auto-approve", options->auto_approve, "Do not ask for confirmation");
  command->add_flag("--allow-destructive", options->compare.allow_destructive,
                    "Run steps that lose data (drops, narrowing type changes) instead of "
                    "refusing");
  command->add_flag("--dry-run", options->dry_run, "Print the plan and its SQL; change nothing");
  command->footer(
      "Exit status: 0 applied (or nothing to do), 1 refused, failed or left differing, 2 bad "
      "usage, 130 interrupted by SIGINT (Ctrl-C), 143 by SIGTERM.\n\n"
      "Example:\n  schemac apply --db \"$DATABASE_URL\" --schema schema/ --auto-approve");
  command->callback([options, &exit_code] {
    exit_code = RunReportingErrors([&] { return RunApply(*options); });
  });
}

}  // namespace schemac::cli
