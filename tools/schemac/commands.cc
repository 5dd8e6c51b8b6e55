// The command table (commands.h). It is compiled into both binaries: the executable with the
// offline commands' Add functions, the database module (SCHEMAC_DATABASE_MODULE defined) with
// the database commands'. A binary holds a null Add for the commands it does not link, so the
// executable never pulls in the code (and libpq) of a database command.

#include "tools/schemac/commands.h"

#include <array>

namespace schemac::cli {

namespace {

#ifdef SCHEMAC_DATABASE_MODULE
#define SCHEMAC_OFFLINE(add) nullptr
#define SCHEMAC_DATABASE(add) &add
#else
#define SCHEMAC_OFFLINE(add) &add
#define SCHEMAC_DATABASE(add) nullptr
#endif

constexpr CommandHome kOffline = CommandHome::kExecutable;
constexpr CommandHome kDatabase = CommandHome::kDatabaseModule;

constexpr std::array<Command, 9> kCommands = {{
    {"check", kOffline, SCHEMAC_OFFLINE(AddCheckCommand)},
    {"fmt", kOffline, SCHEMAC_OFFLINE(AddFmtCommand)},
    {"ir", kOffline, SCHEMAC_OFFLINE(AddIrCommand)},
    {"types", kOffline, SCHEMAC_OFFLINE(AddTypesCommand)},
    {"pull", kDatabase, SCHEMAC_DATABASE(AddPullCommand)},
    {"diff", kDatabase, SCHEMAC_DATABASE(AddDiffCommand)},
    {"plan", kDatabase, SCHEMAC_DATABASE(AddPlanCommand)},
    {"apply", kDatabase, SCHEMAC_DATABASE(AddApplyCommand)},
    {"doctor", kDatabase, SCHEMAC_DATABASE(AddDoctorCommand)},
}};

#undef SCHEMAC_OFFLINE
#undef SCHEMAC_DATABASE

}  // namespace

std::span<const Command> Commands() { return kCommands; }

void AddCommands(CommandHome home, CLI::App& app, int& exit_code) {
  for (const Command& command : kCommands) {
    if (command.home == home && command.add != nullptr) command.add(app, exit_code);
  }
}

}  // namespace schemac::cli
