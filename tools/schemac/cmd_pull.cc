// `schemac pull --db URL`: a live database written as .schema files.

#include <filesystem>
#include <iostream>
#include <memory>

#include "backends/dsl/from_ir.h"
#include "backends/json/ir_json.h"
#include "backends/postgres/connection.h"
#include "backends/postgres/introspect.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"

namespace schemac::cli {

namespace {

struct PullOptions {
  std::string db;
  std::string out;
  std::vector<std::string> schemas;
  std::vector<std::string> exclude_schemas;
  bool json = false;
  TimeoutFlags timeouts;
};

int RunPull(const PullOptions& options) {
  namespace fs = std::filesystem;
  bool one_text = options.json || options.out.empty() || options.out.ends_with(".schema");
  std::string text;                          // --json, stdout or one .schema file
  std::map<std::string, std::string> files;  // --out DIR: one file per schema
  try {
    pg::SetDefaultTimeouts(options.timeouts.timeouts);
    std::unique_ptr<pqxx::connection> connection = pg::Connect(options.db);
    ir::Schema schema = pg::Introspect(
        *connection, {options.schemas, options.exclude_schemas, options.db});
    if (options.json) {
      text = json::ToJsonText(schema);
    } else if (one_text) {
      text = dsl::SchemaText(schema);
    } else {
      files = dsl::SchemaFiles(schema);
    }
  } catch (const pg::Error& e) {
    std::cerr << "schemac: error: " << e.what() << "\n";
    return kExitErrors;
  } catch (const std::exception& e) {  // A schemac bug: say so, write nothing.
    std::cerr << "schemac: internal error: " << e.what() << "\n";
    return kExitErrors;
  }
  std::string error;
  if (options.out.empty()) {
    std::cout << text;
    return kExitOk;
  }
  if (one_text) {
    if (!WriteFileAtomically(options.out, text, &error)) {
      std::cerr << "schemac: error: " << error << "\n";
      return kExitErrors;
    }
    std::cerr << "wrote " << options.out << "\n";
    return kExitOk;
  }
  std::error_code ec;
  fs::create_directories(options.out, ec);
  if (ec) {
    std::cerr << "schemac: error: cannot create " << options.out << ": " << ec.message() << "\n";
    return kExitErrors;
  }
  for (const auto& [name, content] : files) {
    if (!WriteFileAtomically((fs::path(options.out) / name).string(), content, &error)) {
      std::cerr << "schemac: error: " << error << "\n";
      return kExitErrors;
    }
  }
  std::cerr << "wrote " << files.size() << (files.size() == 1 ? " file" : " files") << " to "
            << options.out << "\n";
  return kExitOk;
}

}  // namespace

void AddPullCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PullOptions>();
  CLI::App* command =
      app.add_subcommand("pull", "Write a live database's schema as .schema files");
  command->add_option("--db", options->db, "The database URL (postgresql://...)")->required();
  command->add_option("--out", options->out,
                      "A directory (one file per schema) or a .schema file; default: stdout");
  command->add_option("--schema", options->schemas,
                      "Read only this schema (repeatable); default: every non-platform schema");
  command->add_option("--exclude-schema", options->exclude_schemas,
                      "Leave this schema out (repeatable)");
  command->add_flag("--json", options->json, "Print the introspected IR as JSON instead");
  AddTimeoutOptions(command, &options->timeouts);
  command->footer(
      "Example:\n"
      "  schemac pull --db postgresql://postgres@localhost:54322/postgres --out schema/");
  command->callback([options, &exit_code] { exit_code = RunPull(*options); });
}

}  // namespace schemac::cli
