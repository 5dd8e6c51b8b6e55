#pragma once
// The command registry: each command lives in its own file and adds itself to the CLI here,
// explicitly, in the order `schemac help` lists them.

#include <CLI/CLI.hpp>

namespace schemac::cli {

/// Each adds its subcommand to `app`; when the subcommand runs, it stores its exit code.
/// Offline commands, in the executable:
void AddCheckCommand(CLI::App& app, int& exit_code);
void AddFmtCommand(CLI::App& app, int& exit_code);
void AddIrCommand(CLI::App& app, int& exit_code);
void AddTypesCommand(CLI::App& app, int& exit_code);
/// Database commands, in the module (db_module.h):
void AddPullCommand(CLI::App& app, int& exit_code);
void AddDiffCommand(CLI::App& app, int& exit_code);
void AddPlanCommand(CLI::App& app, int& exit_code);
void AddApplyCommand(CLI::App& app, int& exit_code);
void AddDoctorCommand(CLI::App& app, int& exit_code);

}  // namespace schemac::cli
