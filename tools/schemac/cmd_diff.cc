// `schemac diff --from SRC --to SRC`: the migration between two schemas, as SQL, text or JSON.
// A source is `empty`, a PostgreSQL URL, .schema files, or .sql files; schema and SQL files are
// built on the dev database and read back, so both sides are in PostgreSQL's canonical form.

#include <iostream>
#include <memory>

#include "backends/postgres/connection.h"
#include "backends/postgres/emit.h"
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
  std::string dev_url;
  bool allow_destructive = false;
  bool allow_lossy_down = false;
  bool allow_enum_recreate = false;
  bool concurrent_indexes = false;
  std::string lock_timeout = "5s";
  std::string statement_timeout = "15min";
  std::vector<std::string> schemas;
  std::vector<std::string> exclude_schemas;
};

int RunDiff(const DiffOptionsCli& options) {
  try {
    ProjectConfig config = LoadProjectConfig();
    CompareOptions compare;
    compare.dev_url = options.dev_url.empty() ? config.dev_url : options.dev_url;
    compare.allow_destructive = options.allow_destructive;
    compare.allow_enum_recreate = options.allow_enum_recreate;
    compare.schemas = options.schemas;
    compare.exclude_schemas = options.exclude_schemas.empty() ? config.exclude_schemas
                                                              : options.exclude_schemas;
    pg::DevDatabase dev(compare.dev_url);
    Comparison comparison = Compare(options.from, options.to, compare, dev);
    const plan::Plan& up = comparison.up;
    if (!up.errors.empty()) {
      for (const std::string& error : up.errors) std::cerr << "schemac: error: " << error << "\n";
      return kExitErrors;
    }
    const plan::Plan& shown = options.down ? comparison.down : up;
    pg::EmitOptions emit;
    emit.title = options.down ? "down" : "up";
    emit.lock_timeout = options.lock_timeout;
    emit.statement_timeout = options.statement_timeout;
    emit.concurrent_indexes = options.concurrent_indexes;
    if (options.down && !options.allow_lossy_down) emit.irreversible = Irreversible(comparison);
    if (options.format == "text") {
      std::cout << PlanText(shown, false, false);
    } else if (options.format == "json") {
      std::cout << PlanJson(shown, options.concurrent_indexes);
    } else {
      std::cout << pg::EmitSql(shown, options.down ? comparison.from.schema : comparison.to.schema,
                               emit);
    }
    return up.steps.empty() ? kExitOk : kExitChanges;
  } catch (const SourceFailed&) {
    return kExitErrors;
  } catch (const pg::Error& e) {
    std::cerr << "schemac: error: " << e.what() << "\n";
    return kExitErrors;
  } catch (const std::exception& e) {
    std::cerr << "schemac: internal error: " << e.what() << "\n";
    return kExitErrors;
  }
}

}  // namespace

void AddDiffCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DiffOptionsCli>();
  CLI::App* command = app.add_subcommand(
      "diff", "Print the migration from one schema to another (exit 2 when there are changes)");
  command->add_option("--from", options->from,
                      "Source: `empty`, a database URL, .schema files or .sql files")
      ->required();
  command->add_option("--to", options->to, "Target, the same kinds as --from")->required();
  command->add_option("--format", options->format, "sql (default), text or json")
      ->check(CLI::IsMember({"sql", "text", "json"}));
  command->add_flag("--down", options->down, "Print the reverse migration (to -> from)");
  command->add_option("--dev-url", options->dev_url,
                      "Server for canonical forms; default: an embedded temporary PostgreSQL");
  command->add_flag("--allow-destructive", options->allow_destructive,
                    "Plan steps that lose data (drops) instead of refusing");
  command->add_flag("--allow-enum-recreate", options->allow_enum_recreate,
                    "Remove or reorder enum values by recreating the type (fails if a row holds "
                    "a removed value)");
  command->add_flag("--allow-lossy-down", options->allow_lossy_down,
                    "Let the down migration run even where it cannot restore data");
  command->add_flag("--concurrent-indexes", options->concurrent_indexes,
                    "CREATE INDEX CONCURRENTLY, outside the transaction");
  command->add_option("--lock-timeout", options->lock_timeout, "SET lock_timeout (default 5s)");
  command->add_option("--statement-timeout", options->statement_timeout,
                      "SET statement_timeout (default 15min)");
  command->add_option("--schema", options->schemas, "Compare only this schema (repeatable)");
  command->add_option("--exclude-schema", options->exclude_schemas,
                      "Leave this schema out (repeatable)");
  command->footer(
      "Example:\n"
      "  schemac diff --from empty --to schema/\n"
      "  schemac diff --from \"$DATABASE_URL\" --to schema/ --format text");
  command->callback([options, &exit_code] { exit_code = RunDiff(*options); });
}

}  // namespace schemac::cli
