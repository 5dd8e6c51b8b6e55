// `schemac types`: the TypeScript Database types for supabase-js, from .schema files (offline,
// no database, unless the schema declares views) or from a live database; `--check` for
// pre-commit hooks and CI.

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "backends/registry.h"
#include "backends/typescript/typescript.h"
#include "tools/schemac/arena.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"
#include "tools/schemac/db_module.h"

namespace schemac::cli {

namespace {

struct TypesOptions {
  std::vector<std::string> paths;
  std::string db;
  std::string dev_url;  // --schema with views only
  std::string out;
  std::vector<std::string> schemas = {"public"};
  bool check = false;
  std::string postgrest_version;
  bool no_helpers = false;
  TimeoutFlags timeouts;  // --db only
};

std::string ReadWhole(const std::string& path, bool* exists) {
  std::ifstream in(path, std::ios::binary);
  *exists = static_cast<bool>(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A view's columns are what PostgreSQL derives from its query, which only PostgreSQL can say: a
// schema with views is built on the dev database (through its canonical cache, so an unchanged
// schema is not built again), and each view takes the columns and writability read back there.
// Everything else stays as compiled, so a schema without views needs no database. A statement
// the dev database refuses is reported at its place in the files, as plan reports it.
ir::Schema WithViewColumns(LoadedSchema& loaded, const std::string& dev_url) {
  ir::Schema schema = *loaded.schema;
  if (schema.views.empty()) return schema;
  ir::Schema built =
      BuildOnDevDatabase(loaded, dev_url.empty() ? LoadProjectConfig().dev_url : dev_url);
  for (ir::View& view : schema.views) {
    for (const ir::View& read : built.views) {
      if (read.name != view.name) continue;
      view.columns = read.columns;
      view.insertable = read.insertable;
      view.updatable = read.updatable;
    }
  }
  return schema;
}

int RunTypes(const TypesOptions& options) {
  if (options.check && options.out.empty()) {
    std::cerr << "schemac: error: --check needs --out FILE (the file to check)\n";
    return kExitUsage;
  }
  if (!options.db.empty() && !options.paths.empty()) {
    std::cerr << "schemac: error: give either --schema or --db, not both\n";
    return kExitUsage;
  }
  if (!options.db.empty() && !options.dev_url.empty()) {
    std::cerr << "schemac: error: --dev-url builds .schema files; with --db there are none\n";
    return kExitUsage;
  }
  backends::SchemaOptions output;
  typescript::Options& types = output.typescript;
  types.schemas = options.schemas;
  types.postgrest_version = options.postgrest_version;
  types.helpers = !options.no_helpers;
  const ir::Schema* schema = nullptr;
  ir::Schema introspected;  // or, from .schema files, the compiled schema with its view columns
  std::optional<CompileArena> arena;  // From .schema files only: see arena.h.
  if (!options.db.empty()) {
    introspected = ReadDatabase(options.db, options.timeouts.timeouts, &types.domains);
    schema = &introspected;
  } else {
    arena.emplace();
    std::vector<std::string> paths = options.paths;
    if (paths.empty()) {
      std::string configured = LoadProjectConfig().schema;
      paths = SchemaPathsOrDefault(configured.empty() ? std::vector<std::string>{}
                                                      : std::vector<std::string>{configured});
    }
    LoadedSchema& loaded = LoadSchema(paths, /*resolve=*/true, ProjectLintLevels);
    if (loaded.diagnostics.HasErrors() || !loaded.schema) {
      PrintDiagnostics(loaded, DiagnosticFormat::kText);
      return kExitErrors;
    }
    introspected = WithViewColumns(loaded, options.dev_url);
    PrintDiagnostics(loaded, DiagnosticFormat::kText);  // warnings
    schema = &introspected;
  }
  std::vector<std::string> available = typescript::AvailableSchemas(*schema);
  for (const std::string& name : types.schemas) {
    if (std::find(available.begin(), available.end(), name) == available.end()) {
      std::string list;
      for (const std::string& a : available) list += (list.empty() ? "" : ", ") + a;
      std::cerr << "schemac: error: --schemas: no schema '" << name << "' (there are: " << list
                << ")\n";
      return kExitErrors;
    }
  }
  backends::TextSink sink;
  backends::SchemaBackendNamed("typescript").Emit(*schema, output, sink);
  const std::string& text = sink.text();
  if (options.out.empty()) {
    std::cout << text;
    return kExitOk;
  }
  bool exists = false;
  std::string current = ReadWhole(options.out, &exists);
  if (options.check) {
    if (exists && current == text) return kExitOk;
    std::cerr << options.out << (exists ? " is out of date" : " does not exist")
              << ": run schemac types with the same options and without --check\n";
    return kExitErrors;
  }
  if (exists && current == text) {
    std::cerr << "unchanged " << options.out << "\n";
    return kExitOk;
  }
  std::string error;
  if (!WriteFileAtomically(options.out, text, &error)) {
    std::cerr << "schemac: error: " << error << "\n";
    return kExitErrors;
  }
  std::cerr << "wrote " << options.out << "\n";
  return kExitOk;
}

}  // namespace

void AddTypesCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TypesOptions>();
  CLI::App* command = app.add_subcommand(
      "types", "Write TypeScript Database types for supabase-js (like supabase gen types)");
  command->add_option("--schema", options->paths,
                      ".schema files or directories (default: schemac.json's schema, else "
                      "./schema, else .); read offline unless they declare views");
  command->add_option("--db", options->db, "Read a live database instead (postgresql://...)");
  command->add_option("--dev-url", options->dev_url,
                      "With --schema: where a schema with views is built to learn their columns "
                      "(default: schemac.json's dev_url, else an embedded PostgreSQL)");
  command->add_option("--out", options->out, "Write this file (default: stdout)");
  AddTimeoutOptions(command, &options->timeouts);
  command->add_option("--schemas", options->schemas,
                      "PostgreSQL schemas to write, comma-separated (default: public)")
      ->delimiter(',');
  command->add_flag("--check", options->check,
                    "Write nothing; exit 1 when --out FILE is not what would be written");
  command->add_option("--postgrest-version", options->postgrest_version,
                      "Add __InternalSupabase: { PostgrestVersion: V } for createClient");
  command->add_flag("--no-helpers", options->no_helpers,
                    "Leave out the helper types (Tables<>, Enums<>, ...) and Constants");
  command->footer(
      "Exit status: 0 written (or up to date with --check), 1 errors or out of date, 2 bad "
      "usage.\n\n"
      "Examples:\n"
      "  schemac types --schema schema/ --out src/database.types.ts\n"
      "  schemac types --schema schema/ --out src/database.types.ts --check   # pre-commit, CI\n"
      "  schemac types --db \"$DATABASE_URL\" --schemas public,audit");
  command->callback([options, &exit_code] {
    exit_code = RunReportingErrors([&] { return RunTypes(*options); });
  });
}

}  // namespace schemac::cli
