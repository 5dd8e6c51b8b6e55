// `schemac ir --json`: the resolved IR as stable JSON, for other tools and for tests.

#include <iostream>
#include <memory>

#include "backends/registry.h"
#include "tools/schemac/arena.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"

namespace schemac::cli {

namespace {

struct IrOptions {
  std::vector<std::string> paths;
  DiagnosticFormat format = DiagnosticFormat::kText;
  bool json = false;
};

int RunIr(const IrOptions& options) {
  CompileArena arena;  // Offline and single-threaded: see arena.h.
  const LoadedSchema& loaded = LoadSchema(options.paths, /*resolve=*/true, ProjectLintLevels);
  if (loaded.diagnostics.HasErrors()) {
    PrintDiagnostics(loaded, options.format);
    return kExitErrors;
  }
  // Warnings go to stderr so that stdout stays valid JSON.
  if (options.format == DiagnosticFormat::kText) PrintDiagnostics(loaded, options.format);
  backends::StreamSink out(std::cout);
  backends::SchemaBackendNamed("json").Emit(*loaded.schema, {}, out);
  return kExitOk;
}

}  // namespace

void AddIrCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<IrOptions>();
  CLI::App* command = app.add_subcommand("ir", "Print the resolved schema (IR) as JSON");
  command->add_option("paths", options->paths,
                      ".schema files or directories (default: ./schema, else .)");
  command->add_flag("--json", options->json, "JSON output (the only format for now)");
  AddDiagnosticFormatOption(command, &options->format);
  command->footer(
      "Example:\n"
      "  schemac ir --json schemas/vaults.schema > vaults.ir.json");
  command->callback([options, &exit_code] { exit_code = RunIr(*options); });
}

}  // namespace schemac::cli
