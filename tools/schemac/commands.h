#pragma once
// The command table: every command of schemac once, with its name, where its code lives (the
// executable, or the database module that only the commands needing PostgreSQL load:
// db_module.h) and the function that adds it to the CLI. The table's order is the order
// `schemac help` lists them in. Each command lives in its own file, cmd_<name>.cc.

#include <CLI/CLI.hpp>
#include <span>
#include <string_view>

namespace schemac::cli {

/// Adds a command to `app`; when the command runs, it stores its exit code in `exit_code`.
using AddCommandFn = void (*)(CLI::App& app, int& exit_code);

/// Where a command's code is linked.
enum class CommandHome {
  kExecutable,      ///< Offline: in the schemac executable (no libpq).
  kDatabaseModule,  ///< Needs PostgreSQL: in libschemac_db.so, loaded when needed.
};

struct Command {
  std::string_view name;
  CommandHome home;
  /// The command's Add function; nullptr in the binary its code is not linked into (each binary
  /// links only the commands of its home: see commands.cc).
  AddCommandFn add;
};

/// Every command, in the order `schemac help` lists them.
std::span<const Command> Commands();

/// Adds the commands whose home is `home`, in the table's order: call it in the binary that links
/// them (the executable for kExecutable, the module for kDatabaseModule); elsewhere it adds none.
void AddCommands(CommandHome home, CLI::App& app, int& exit_code);

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
