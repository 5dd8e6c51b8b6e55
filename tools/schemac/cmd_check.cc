// `schemac check`: parse and validate schema files, offline. Made for pre-commit hooks.

#include <iostream>
#include <memory>

#include "tools/schemac/arena.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"

namespace schemac::cli {

namespace {

// ", 2 views" when there are any: kinds a schema may well not have are left out at zero.
void PrintCountIfAny(size_t count, const char* one, const char* many) {
  if (count > 0) std::cout << ", " << count << " " << (count == 1 ? one : many);
}

struct CheckOptions {
  std::vector<std::string> paths;
  DiagnosticFormat format = DiagnosticFormat::kText;
  bool quiet = false;
};

int RunCheck(const CheckOptions& options) {
  CompileArena arena;  // Offline and single-threaded: see arena.h.
  const LoadedSchema& loaded = LoadSchema(options.paths, /*resolve=*/true, ProjectLintLevels);
  PrintDiagnostics(loaded, options.format);
  if (loaded.diagnostics.HasErrors()) return kExitErrors;
  if (!options.quiet && options.format == DiagnosticFormat::kText) {
    const ir::Schema& schema = *loaded.schema;
    size_t tables = 0;
    size_t policies = 0;
    for (const ir::Table& table : schema.tables) {
      if (table.is_extern) continue;
      ++tables;
      policies += table.policies.size();
    }
    std::cout << "ok: " << loaded.files.size() << (loaded.files.size() == 1 ? " file, " : " files, ")
              << tables << (tables == 1 ? " table, " : " tables, ") << schema.enums.size()
              << (schema.enums.size() == 1 ? " enum, " : " enums, ") << policies
              << (policies == 1 ? " policy" : " policies");
    PrintCountIfAny(schema.functions.size(), "function", "functions");
    PrintCountIfAny(schema.views.size(), "view", "views");
    PrintCountIfAny(schema.triggers.size(), "trigger", "triggers");
    if (loaded.diagnostics.warning_count() > 0) {
      std::cout << ", " << loaded.diagnostics.warning_count()
                << (loaded.diagnostics.warning_count() == 1 ? " warning" : " warnings");
    }
    std::cout << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddCheckCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand("check", "Parse and validate schema files (offline)");
  command->add_option("paths", options->paths,
                      ".schema files or directories (default: ./schema, else .)");
  AddDiagnosticFormatOption(command, &options->format);
  command->add_flag("-q,--quiet", options->quiet, "Print nothing when the schema is valid");
  command->footer(
      "Exit status: 0 valid (warnings allowed), 1 errors, 2 bad usage.\n\n"
      "Example:\n"
      "  schemac check schemas/agents.schema\n"
      "  schemac check --format json schema/   # diagnostics as JSON for editors and CI");
  command->callback([options, &exit_code] { exit_code = RunCheck(*options); });
}

}  // namespace schemac::cli
