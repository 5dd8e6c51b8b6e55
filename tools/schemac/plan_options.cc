// The options and helpers `schemac plan` and `schemac apply` share (plan_options.h).

#include "tools/schemac/plan_options.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "backends/postgres/connection.h"

namespace schemac::cli {

bool ColorOnStdout() {
  const char* no_color = std::getenv("NO_COLOR");
  return (no_color == nullptr || no_color[0] == '\0') && isatty(STDOUT_FILENO) == 1;
}

CompareOptions Resolve(PlanOptions& options) {
  pg::SetDefaultTimeouts(options.timeouts.timeouts);
  ProjectConfig config = LoadProjectConfig();
  if (options.db.empty()) options.db = config.database_url;
  if (options.db.empty()) throw UserError("no database: pass --db URL or set DATABASE_URL");
  if (options.schema.empty()) options.schema = config.schema;
  if (options.schema.empty()) options.schema = SchemaPathsOrDefault({}).front();
  return WithProjectDefaults(options.compare, config);
}

void PrintErrors(const plan::Plan& plan) {
  for (const std::string& error : plan.errors) std::cerr << "schemac: error: " << error << "\n";
}

void AddCommonOptions(CLI::App* command, PlanOptions& options) {
  command->add_option("--schema", options.schema,
                      "The .schema files (default: schemac.json's schema, else ./schema)");
  command->add_option("--db", options.db, "The database URL (default: $DATABASE_URL)");
  command->add_option("--dev-url", options.compare.dev_url,
                      "Server for canonical forms; default: an embedded temporary PostgreSQL");
  command->add_option("--only-schema", options.compare.schemas,
                      "Compare only this PostgreSQL schema (repeatable)");
  command->add_option("--exclude-schema", options.compare.exclude_schemas,
                      "Leave this PostgreSQL schema out (repeatable)");
  command->add_flag("--allow-enum-recreate", options.compare.allow_enum_recreate,
                    "Remove or reorder enum values by recreating the type");
  command->add_flag("--concurrent-indexes", options.compare.concurrent_indexes,
                    "CREATE INDEX CONCURRENTLY, outside the transaction");
  AddTimeoutOptions(command, &options.timeouts);
  command->add_option("--check-data", options.check_data,
                      "Check the rows against the plan first: auto (tables up to "
                      "--check-data-max-size), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  command->add_option("--check-data-max-size", options.check_data_max_size,
                      "The largest table --check-data=auto reads (default 1GB)")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            int64_t bytes = 0;
            return pg::ParseSize(text, &bytes) ? "" : "a size such as 512MB, 1GB or 8kB: " + text;
          },
          "SIZE"));
}

pg::DataCheckOptions DataCheckOptionsOf(const PlanOptions& options) {
  pg::DataCheckOptions out;
  pg::ParseCheckDataMode(options.check_data, &out.mode);
  pg::ParseSize(options.check_data_max_size, &out.max_table_bytes);
  if (out.mode == pg::CheckDataMode::kAlways) {
    out.statement_timeout_ms = options.timeouts.timeouts.statement_ms;
  }
  return out;
}


}  // namespace schemac::cli
