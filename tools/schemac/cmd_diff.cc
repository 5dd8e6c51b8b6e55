// `schemac diff --from SRC --to SRC`: the migration between two schemas, as SQL, text or JSON.
// A source is `empty`, a PostgreSQL URL, .schema files, or .sql files; schema and SQL files are
// built on the dev database and read back, so both sides are in PostgreSQL's canonical form.

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "backends/postgres/connection.h"
#include "backends/postgres/create_sql.h"
#include "backends/postgres/dev_database.h"
#include "backends/postgres/emit.h"
#include "backends/postgres/introspect.h"
#include "compiler/diff.h"
#include "compiler/load.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"

namespace schemac::cli {

namespace {

namespace fs = std::filesystem;

constexpr int kExitChanges = 2;

struct DiffOptionsCli {
  std::string from;
  std::string to;
  std::string format = "sql";
  bool down = false;
  std::string dev_url;
  bool allow_destructive = false;
  bool allow_lossy_down = false;
  bool concurrent_indexes = false;
  std::string lock_timeout = "5s";
  std::string statement_timeout = "15min";
  std::vector<std::string> schemas;
  std::vector<std::string> exclude_schemas;
};

// A source read into canonical form, with the rename hints of its .schema files.
struct Source {
  ir::Schema schema;
  Renames renames;
};

// A source that could not be read; the message is already printed.
struct SourceFailed {};

bool IsUrl(const std::string& spec) {
  return spec.starts_with("postgres://") || spec.starts_with("postgresql://") ||
         spec.find("dbname=") != std::string::npos || spec.find("host=") != std::string::npos;
}

// The .sql files of a file or directory, in lexical order.
std::vector<fs::path> SqlFiles(const std::string& spec) {
  std::vector<fs::path> files;
  if (fs::is_regular_file(spec) && fs::path(spec).extension() == ".sql") return {spec};
  if (!fs::is_directory(spec)) return files;
  bool schema_files = false;
  for (const auto& entry : fs::recursive_directory_iterator(spec)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
    if (entry.path().extension() == ".schema") schema_files = true;
  }
  if (schema_files) return {};
  std::sort(files.begin(), files.end());
  return files;
}

Source LoadSource(const std::string& spec, pg::DevDatabase& dev,
                  const pg::IntrospectOptions& introspect) {
  Source source;
  if (spec == "empty") return source;
  if (IsUrl(spec)) {
    std::unique_ptr<pqxx::connection> connection = pg::Connect(spec);
    pg::IntrospectOptions options = introspect;
    options.url = spec;
    source.schema = pg::Introspect(*connection, options);
    return source;
  }
  std::vector<fs::path> sql_files = SqlFiles(spec);
  if (!sql_files.empty()) {
    std::string sql;
    for (const fs::path& file : sql_files) {
      std::ifstream in(file, std::ios::binary);
      if (!in) throw pg::Error("cannot read " + file.string());
      sql += std::string(std::istreambuf_iterator<char>(in), {}) + "\n;\n";
    }
    source.schema = dev.Materialize(sql, /*supabase=*/true, introspect);
    return source;
  }
  LoadedSchema& loaded = LoadSchema({spec}, /*resolve=*/true);
  if (loaded.diagnostics.HasErrors() || !loaded.schema) {
    PrintDiagnostics(loaded, DiagnosticFormat::kText);
    throw SourceFailed{};
  }
  const ir::Schema& compiled = *loaded.schema;
  source.renames = RenamesFromHints(compiled);
  source.schema = dev.Materialize(pg::CreateSql(compiled),
                                  compiled.target == ir::Target::kSupabase, introspect);
  return source;
}

std::string TextSummary(const plan::Plan& plan) {
  std::string out;
  int add = 0, change = 0, drop = 0;
  for (const plan::Step& step : plan.steps) {
    std::string description = step.Describe();
    char mark = '~';
    if (description.starts_with("create") || description.starts_with("add")) mark = '+', ++add;
    else if (description.starts_with("drop") || description.starts_with("remove")) mark = '-', ++drop;
    else ++change;
    out += std::string(1, mark) + " " + description;
    std::string hazards = plan::HazardNames(step.hazards);
    if (!hazards.empty()) out += "  [" + hazards + "]";
    out += "\n";
  }
  out += fmt::format("{} to add, {} to change, {} to drop\n", add, change, drop);
  return out;
}

std::string JsonSummary(const plan::Plan& plan, bool concurrent_indexes) {
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const plan::Step& step : plan.steps) {
    nlohmann::ordered_json hazards = nlohmann::ordered_json::array();
    std::string names = plan::HazardNames(step.hazards);
    for (size_t start = 0; !names.empty() && start < names.size();) {
      size_t comma = names.find(", ", start);
      hazards.push_back(names.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 2;
    }
    steps.push_back({{"description", step.Describe()},
                     {"hazards", hazards},
                     {"sql", pg::StepSql(step, concurrent_indexes)}});
  }
  nlohmann::ordered_json out = {{"steps", steps}};
  return out.dump(2) + "\n";
}

int RunDiff(const DiffOptionsCli& options) {
  try {
    pg::DevDatabase dev(options.dev_url);
    pg::IntrospectOptions introspect{options.schemas, options.exclude_schemas, {}};
    Source from = LoadSource(options.from, dev, introspect);
    Source to = LoadSource(options.to, dev, introspect);
    DiffOptions diff_options;
    diff_options.allow_destructive = options.allow_destructive;
    plan::Plan up = Diff(from.schema, to.schema, to.renames, diff_options);
    if (!up.errors.empty()) {
      for (const std::string& error : up.errors) std::cerr << "schemac: error: " << error << "\n";
      return kExitErrors;
    }
    // The reverse: the same engine the other way, the renames inverted.
    plan::Plan down = Diff(to.schema, from.schema, to.renames.Inverted(), {true});
    const plan::Plan& shown = options.down ? down : up;
    pg::EmitOptions emit;
    emit.title = options.down ? "down" : "up";
    emit.lock_timeout = options.lock_timeout;
    emit.statement_timeout = options.statement_timeout;
    emit.concurrent_indexes = options.concurrent_indexes;
    if (options.down && !options.allow_lossy_down) {
      for (const plan::Step& step : up.steps) {
        if (step.hazards & plan::kDataLoss) emit.irreversible.push_back("up: " + step.Describe());
      }
      for (const std::string& error : down.errors) emit.irreversible.push_back(error);
    }
    if (options.format == "text") {
      std::cout << TextSummary(shown);
    } else if (options.format == "json") {
      std::cout << JsonSummary(shown, options.concurrent_indexes);
    } else {
      std::cout << pg::EmitSql(shown, options.down ? from.schema : to.schema, emit);
    }
    return up.steps.empty() ? kExitOk : kExitChanges;
  } catch (const SourceFailed&) {
    return kExitErrors;
  } catch (const pg::Error& e) {
    std::cerr << "schemac: error: " << e.what() << "\n";
    return kExitErrors;
  } catch (const std::exception& e) {
    std::cerr << "schemac: internal error: " << e.what() << "\n";
    return kExitErrors;
  }
}

}  // namespace

void AddDiffCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DiffOptionsCli>();
  CLI::App* command = app.add_subcommand(
      "diff", "Print the migration from one schema to another (exit 2 when there are changes)");
  command->add_option("--from", options->from,
                      "Source: `empty`, a database URL, .schema files or .sql files")
      ->required();
  command->add_option("--to", options->to, "Target, the same kinds as --from")->required();
  command->add_option("--format", options->format, "sql (default), text or json")
      ->check(CLI::IsMember({"sql", "text", "json"}));
  command->add_flag("--down", options->down, "Print the reverse migration (to -> from)");
  command->add_option("--dev-url", options->dev_url,
                      "Server for canonical forms; default: an embedded temporary PostgreSQL");
  command->add_flag("--allow-destructive", options->allow_destructive,
                    "Plan steps that lose data (drops) instead of refusing");
  command->add_flag("--allow-lossy-down", options->allow_lossy_down,
                    "Let the down migration run even where it cannot restore data");
  command->add_flag("--concurrent-indexes", options->concurrent_indexes,
                    "CREATE INDEX CONCURRENTLY, outside the transaction");
  command->add_option("--lock-timeout", options->lock_timeout, "SET lock_timeout (default 5s)");
  command->add_option("--statement-timeout", options->statement_timeout,
                      "SET statement_timeout (default 15min)");
  command->add_option("--schema", options->schemas, "Compare only this schema (repeatable)");
  command->add_option("--exclude-schema", options->exclude_schemas,
                      "Leave this schema out (repeatable)");
  command->footer(
      "Example:\n"
      "  schemac diff --from empty --to schema/\n"
      "  schemac diff --from \"$DATABASE_URL\" --to schema/ --format text");
  command->callback([options, &exit_code] { exit_code = RunDiff(*options); });
}

}  // namespace schemac::cli
