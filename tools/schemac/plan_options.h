#pragma once
// What `schemac plan` (cmd_plan.cc) and `schemac apply` (cmd_apply.cc) share: their options,
// the defaults filled in from the project, and the printing both do.

#include <CLI/CLI.hpp>
#include <string>

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
  CompareOptions compare;
  TimeoutFlags timeouts;
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

/// Adds the options plan and apply both take: --schema, --db, --dev-url, --only-schema,
/// --exclude-schema, --allow-enum-recreate, --concurrent-indexes and the timeouts.
void AddCommonOptions(CLI::App* command, PlanOptions& options);

}  // namespace schemac::cli
