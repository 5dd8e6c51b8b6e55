// `schemac fmt`: rewrite schema files in the canonical layout, or check that they are.

#include <iostream>
#include <memory>

#include "backends/dsl/format.h"
#include "tools/schemac/arena.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"

namespace schemac::cli {

namespace {

struct FmtOptions {
  std::vector<std::string> paths;
  DiagnosticFormat format = DiagnosticFormat::kText;
  bool check = false;
  bool to_stdout = false;
};

int RunFmt(const FmtOptions& options) {
  CompileArena arena;  // Offline and single-threaded: see arena.h.
  const LoadedSchema& loaded = LoadSchema(options.paths, /*resolve=*/false, ProjectLintLevels);
  if (loaded.diagnostics.HasErrors()) {
    // Nothing is written when any file fails to parse: a half-formatted tree helps no one.
    PrintDiagnostics(loaded, options.format);
    return kExitErrors;
  }
  std::vector<std::pair<std::string, std::string>> changed;
  for (const ast::File& file : loaded.parsed) {
    const SourceFile& source = loaded.sources.file(file.source);
    std::string formatted = dsl::FormatFile(file, loaded.sources);
    if (options.to_stdout) {
      std::cout << formatted;
      continue;
    }
    if (formatted != source.text) changed.emplace_back(source.path, std::move(formatted));
  }
  if (options.to_stdout) return kExitOk;
  if (options.check) {
    for (const auto& [path, text] : changed) std::cout << "would reformat " << path << "\n";
    return changed.empty() ? kExitOk : kExitErrors;
  }
  for (const auto& [path, text] : changed) {
    std::string error;
    if (!WriteFileAtomically(path, text, &error)) {
      std::cerr << "schemac: error: " << error << "\n";
      return kExitErrors;
    }
    std::cout << "formatted " << path << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddFmtCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<FmtOptions>();
  CLI::App* command = app.add_subcommand("fmt", "Rewrite schema files in the canonical layout");
  command->add_option("paths", options->paths,
                      ".schema files or directories (default: ./schema, else .)");
  command->add_flag("--check", options->check,
                    "Write nothing; list the files that would change and exit 1 if any");
  command->add_flag("--stdout", options->to_stdout,
                    "Print the formatted files instead of rewriting them");
  AddDiagnosticFormatOption(command, &options->format);
  command->footer(
      "Files with syntax errors are reported and nothing is written. Comments are kept.\n"
      "Exit status: 0 done (or already formatted), 1 errors or --check found changes, 2 bad usage.\n\n"
      "Example:\n"
      "  schemac fmt schema/\n"
      "  schemac fmt --check schema/   # in a pre-commit hook");
  command->callback([options, &exit_code] { exit_code = RunFmt(*options); });
}

}  // namespace schemac::cli
