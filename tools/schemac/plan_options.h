#pragma once
// What `schemac plan` (cmd_plan.cc) and `schemac apply` (cmd_apply.cc) share: their options,
// the defaults filled in from the project, and the printing both do.

#include <CLI/CLI.hpp>
#include <string>

#include "backends/postgres/data_check.h"
#include "compiler/plan.h"
#include "tools/schemac/common.h"
#include "tools/schemac/sources.h"

namespace schemac::cli {

/// The options of plan and apply.
struct PlanOptions {
  std::string schema;
  std::string db;
  std::string format = "text";
  bool exit_code = false;
  bool fail_on_unmanaged = false;  ///< plan: --exit-code counts unmanaged objects as drift.
  CompareOptions compare;
  TimeoutFlags timeouts;
  std::string check_data = "auto";          ///< --check-data (docs/cli.md, "Data checks").
  std::string check_data_max_size = "1GB";  ///< --check-data-max-size.
  // apply only
  bool auto_approve = false;
  bool dry_run = false;
};

/// True when stdout is a terminal and NO_COLOR is unset or empty.
bool ColorOnStdout();

/// The arguments with the project's defaults filled in; throws UserError when --db is missing.
CompareOptions Resolve(PlanOptions& options);

/// Prints the plan's errors to stderr, one "schemac: error: " line each.
void PrintErrors(const plan::Plan& plan);

/// The data checks as --check-data, --check-data-max-size and --statement-timeout ask: 10 s per
/// check for auto, the statement timeout for always.
pg::DataCheckOptions DataCheckOptionsOf(const PlanOptions& options);

/// Adds the options plan and apply both take: --schema, --db, --dev-url, --only-schema,
/// --exclude-schema, --allow-enum-recreate, --concurrent-indexes, the timeouts and the data checks.
void AddCommonOptions(CLI::App* command, PlanOptions& options);

}  // namespace schemac::cli
