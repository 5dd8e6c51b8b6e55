// `schemac diff --from SRC --to SRC`: the migration between two schemas, as SQL, text or JSON.
// A source is `empty`, a PostgreSQL URL, .schema files, or .sql files; schema and SQL files are
// built on the dev database and read back, so both sides are in PostgreSQL's canonical form.

#include <iostream>
#include <memory>

#include "backends/postgres/connection.h"
#include "backends/postgres/emit.h"
#include "backends/registry.h"
#include "backends/text/unmanaged_text.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"
#include "tools/schemac/sources.h"

namespace schemac::cli {

namespace {


struct DiffOptionsCli {
  std::string from;
  std::string to;
  std::string format = "sql";
  bool down = false;
  bool allow_lossy_down = false;
  bool exit_code = false;
  bool fail_on_unmanaged = false;
  CompareOptions compare;
  pg::EmitOptions emit;
  TimeoutFlags timeouts;
};

int RunDiff(const DiffOptionsCli& options) {
  pg::SetDefaultTimeouts(options.timeouts.timeouts);
  CompareOptions compare = WithProjectDefaults(options.compare, LoadProjectConfig());
  compare.concurrent_indexes = options.emit.concurrent_indexes;  // The plan's hazards say so.
  pg::DevDatabase dev(compare.dev_url);
  pg::LiveCatalogReader live;
  Comparison comparison = Compare(options.from, options.to, compare, live, dev);
  const plan::Plan& up = comparison.up;
  if (!up.errors.empty()) {
    for (const std::string& error : up.errors) std::cerr << "schemac: error: " << error << "\n";
    return kExitErrors;
  }
  const plan::Plan& shown = options.down ? comparison.down : up;
  pg::EmitOptions emit = options.emit;
  // The file waits for locks as long as schemac's own reads do; its statement timeout is its
  // own default unless one is given.
  emit.lock_timeout = pg::DurationText(options.timeouts.timeouts.lock_ms);
  if (options.timeouts.statement_given) {
    emit.statement_timeout = pg::DurationText(options.timeouts.timeouts.statement_ms);
  }
  emit.title = options.down ? "down" : "up";
  if (options.down && !options.allow_lossy_down) emit.irreversible = Irreversible(comparison);
  backends::PlanOptions output;
  output.emit = emit;
  output.target = options.down ? &comparison.from.schema : &comparison.to.schema;
  // What either side holds that schemac does not model: listed (JSON: when a side is a
  // database, or there is one), never planned.
  std::vector<ir::UnmanagedObject> unmanaged =
      text::MergeUnmanaged(comparison.from.schema.unmanaged, comparison.to.schema.unmanaged);
  bool database = comparison.from.server_version != 0 || comparison.to.server_version != 0;
  if (database || !unmanaged.empty()) output.unmanaged = &unmanaged;
  backends::StreamSink out(std::cout);
  const backends::PlanBackend& backend = backends::PlanBackendNamed(options.format);
  backend.Emit(shown, output, out);
  // Text follows the plan; beside a SQL migration (`diff ... > up.sql`) it goes to stderr.
  std::string listed = text::UnmanagedText(unmanaged, text::kUnmanagedLeft);
  if (backend.ForReaders()) {
    std::cout << listed;
  } else if (options.format != "json") {
    std::cout << std::flush;
    std::cerr << listed;
  }
  // Printing a migration is success (`diff ... > up.sql` under `set -e`); drift is asked for.
  bool drift = !up.steps.empty() || (options.fail_on_unmanaged && !unmanaged.empty());
  return options.exit_code && drift ? kExitChanges : kExitOk;
}

}  // namespace

void AddDiffCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DiffOptionsCli>();
  CLI::App* command = app.add_subcommand(
      "diff", "Print the migration from one schema to another");
  command->add_option("--from", options->from,
                      "Source: `empty`, a database URL, .schema files, .sql files or a "
                      "migrations directory")
      ->required();
  command->add_option("--to", options->to, "Target, the same kinds as --from")->required();
  command->add_option("--format", options->format, "sql (default), text or json")
      ->check(CLI::IsMember({"sql", "text", "json"}));
  command->add_flag("--down", options->down, "Print the reverse migration (to -> from)");
  CLI::Option* exit_code_flag =
      command->add_flag("--exit-code", options->exit_code, "Exit 2 when there are changes (drift)");
  command->add_flag("--fail-on-unmanaged", options->fail_on_unmanaged,
                    "With --exit-code: exit 2 also when a side holds objects schemac does not "
                    "manage")
      ->needs(exit_code_flag);
  command->add_option("--dev-url", options->compare.dev_url,
                      "Server for canonical forms; default: an embedded temporary PostgreSQL");
  command->add_flag("--allow-destructive", options->compare.allow_destructive,
                    "Plan steps that lose data (drops, narrowing type changes) instead of "
                    "refusing");
  command->add_flag("--allow-enum-recreate", options->compare.allow_enum_recreate,
                    "Remove or reorder enum values by recreating the type (fails if a row holds "
                    "a removed value)");
  command->add_flag("--allow-lossy-down", options->allow_lossy_down,
                    "Let the down migration run even where it cannot restore data");
  command->add_flag("--concurrent-indexes", options->emit.concurrent_indexes,
                    "CREATE INDEX CONCURRENTLY, outside the transaction");
  // --lock-timeout and --statement-timeout bound the reads and are written into the migration.
  AddTimeoutOptions(command, &options->timeouts);
  command->add_option("--schema", options->compare.schemas, "Compare only this schema (repeatable)");
  command->add_option("--exclude-schema", options->compare.exclude_schemas,
                      "Leave this schema out (repeatable)");
  command->footer(
      "Example:\n"
      "  schemac diff --from empty --to schema/\n"
      "  schemac diff --from \"$DATABASE_URL\" --to schema/ --format text");
  command->callback([options, &exit_code] {
    exit_code = RunReportingErrors([&] { return RunDiff(*options); });
  });
}

}  // namespace schemac::cli
