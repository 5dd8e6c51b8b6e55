// schemac: a compiler for database schemas.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "compiler/diagnostics.h"
#include "compiler/parse.h"

#include "tools/schemac/arena.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"
#include "tools/schemac/db_module.h"

namespace {

constexpr const char* kOverview =
    "Examples:\n"
    "  schemac check schema/            validate .schema files (offline, for pre-commit)\n"
    "  schemac fmt --check schema/      fail if files are not in canonical layout\n"
    "  schemac ir --json schema/        print the resolved schema as JSON\n"
    "  schemac diff --from empty --to schema/   the SQL that builds the schema\n\n"
    "Run 'schemac help COMMAND' (or 'schemac COMMAND --help') for a command's options.\n"
    "Docs: docs/cli.md and docs/dsl.md";

// The command the line names: its first argument that is not an option ("" when none).
std::string_view CommandOf(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] != '-') return argv[i];
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace schemac::cli;
  // The parser's worker thread allocates from its own arena, as the commands' thread does.
  schemac::SetParseWorkerWrapper(RunInArena);
  CLI::App app{"schemac " SCHEMAC_VERSION " - a compiler for database schemas"};
  app.name("schemac");
  app.set_version_flag("--version", "schemac " SCHEMAC_VERSION);
  app.require_subcommand(1);
  app.footer(kOverview);

  int exit_code = kExitOk;
  AddCheckCommand(app, exit_code);
  AddFmtCommand(app, exit_code);
  AddIrCommand(app, exit_code);
  AddTypesCommand(app, exit_code);
  // Any other command (or the list of them all) is in the database module.
  std::string_view command = CommandOf(argc, argv);
  std::vector<CLI::App*> offline = app.get_subcommands({});
  if (std::none_of(offline.begin(), offline.end(),
                   [&](CLI::App* c) { return c->get_name() == command; })) {
    std::string error;
    if (LoadDatabaseModule(&error)) {
      AddDatabaseCommands(app, exit_code);
    } else if (command.empty() || command == "help") {
      std::cerr << "schemac: warning: the database commands are unavailable: " << error << "\n";
    } else {
      std::cerr << "schemac: error: cannot load the database commands: " << error << "\n";
      return kExitErrors;
    }
  }

  std::vector<std::string> help_topic;
  CLI::App* help = app.add_subcommand("help", "Show help for schemac or one of its commands");
  help->add_option("command", help_topic, "The command to explain");
  help->footer("Example:\n  schemac help fmt");
  help->callback([&] {
    if (help_topic.empty()) {
      // App::help() would describe the selected subcommand (help itself); format the root.
      std::cout << app.get_formatter()->make_help(&app, "schemac", CLI::AppFormatMode::Normal);
      return;
    }
    for (CLI::App* command : app.get_subcommands({})) {
      if (command->get_name() == help_topic[0] && command != help) {
        std::cout << command->help("schemac");
        return;
      }
    }
    std::cerr << "schemac: error: unknown command '" << help_topic[0]
              << "'; run 'schemac help' for the list\n";
    exit_code = kExitUsage;
  });

  // CLI11 reports an unknown command as a missing one; say what was typed and what is close.
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::cerr << schemac::WithSuggestion(
                       std::string("schemac: error: unknown command '") + argv[1] + "'", argv[1],
                       names)
                << "\nRun 'schemac help' for the list of commands.\n";
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return exit_code;
}
