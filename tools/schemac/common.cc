#include "tools/schemac/common.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "compiler/error.h"
#include "compiler/load.h"

namespace schemac::cli {

void AddDiagnosticFormatOption(CLI::App* command, DiagnosticFormat* format) {
  command
      ->add_option_function<std::string>(
          "--format",
          [format](const std::string& value) {
            *format = value == "json" ? DiagnosticFormat::kJson : DiagnosticFormat::kText;
          },
          "How to print diagnostics: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
}

LintConfig ProjectLintLevels() { return LoadProjectConfig().lint; }

namespace {

bool UseColor() {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return isatty(STDERR_FILENO) == 1;
}

}  // namespace

void PrintDiagnostics(const LoadedSchema& loaded, DiagnosticFormat format) {
  if (format == DiagnosticFormat::kJson) {
    std::cout << RenderJson(loaded.diagnostics, loaded.sources);
    return;
  }
  RenderOptions options;
  options.color = UseColor();
  std::cerr << RenderText(loaded.diagnostics, loaded.sources, options);
  if (loaded.diagnostics.error_count() > 1) {
    std::cerr << loaded.diagnostics.error_count() << " errors\n";
  }
}

bool FlushStdout(std::string* error) {
  // main's stdout buffer sets errno to the first failure again on every sync after one; flush()
  // itself would skip the sync on a stream already marked bad.
  errno = 0;
  if (std::cout.rdbuf()->pubsync() == 0 && std::cout.good()) return true;
  int reason = errno;
  *error = "cannot write to standard output";
  if (reason != 0) *error += std::string(": ") + std::strerror(reason);
  return false;
}

namespace {

// `"lint": {"empty-enum": "off", ...}`: a level for each rule named (docs/cli.md).
void LoadLintLevels(const nlohmann::json& lint, LintConfig* config) {
  if (!lint.is_object()) throw std::runtime_error("\"lint\" must be an object of rule ids");
  for (const auto& [rule, value] : lint.items()) {
    std::optional<LintLevel> level =
        value.is_string() ? ParseLintLevel(value.get<std::string>()) : std::nullopt;
    if (!level) {
      throw std::runtime_error("lint rule \"" + rule + "\" must be \"off\", \"warning\" or \"error\"");
    }
    if (!config->Set(rule, *level)) {
      std::string known;
      for (const LintRule* r : LintRules()) known += (known.empty() ? "" : ", ") + std::string(r->id);
      throw std::runtime_error("unknown lint rule \"" + rule + "\" (rules: " + known + ")");
    }
  }
}

}  // namespace

ProjectConfig LoadProjectConfig() {
  ProjectConfig config;
  if (const char* url = std::getenv("DATABASE_URL"); url != nullptr) config.database_url = url;
  const std::filesystem::path path = "schemac.json";
  if (!std::filesystem::exists(path)) return config;
  try {
    nlohmann::json json = nlohmann::json::parse(std::ifstream(path));
    if (!json.is_object()) throw std::runtime_error("expected an object");
    for (const auto& [key, value] : json.items()) {
      if (key == "schema") config.schema = value.get<std::string>();
      else if (key == "migrations") config.migrations = value.get<std::string>();
      else if (key == "dev_url") config.dev_url = value.get<std::string>();
      else if (key == "exclude_schemas") config.exclude_schemas = value.get<std::vector<std::string>>();
      else if (key == "lint") LoadLintLevels(value, &config.lint);
      else throw std::runtime_error("unknown key \"" + key + "\"");
    }
  } catch (const std::exception& e) {
    throw UserError(std::string("schemac.json: ") + e.what() +
                    " (keys: schema, migrations, dev_url, exclude_schemas, lint)");
  }
  return config;
}

void AddTimeoutOptions(CLI::App* command, TimeoutFlags* flags) {
  // Checked while the command line is parsed, so a bad value is a usage error (exit 2).
  CLI::Validator duration(
      [](const std::string& text) -> std::string {
        int64_t ms = 0;
        if (pg::ParseDuration(text, &ms)) return "";
        return "'" + text + "' is not a duration: 0 (no limit) or a whole number with a unit, " +
               "ms, s, min or h (500ms, 5s, 2min)";
      },
      "DURATION");
  pg::Timeouts defaults;
  command
      ->add_option("--connect-timeout", flags->timeouts.connect_seconds,
                   "Seconds to wait for a connection, 0 for no limit (default " +
                       std::to_string(defaults.connect_seconds) + ")")
      ->check(CLI::Range(0, 86400));
  command
      ->add_option_function<std::string>(
          "--lock-timeout",
          [flags](const std::string& text) { pg::ParseDuration(text, &flags->timeouts.lock_ms); },
          "Longest wait for a lock (lock_timeout; for apply, also its wait for the apply "
          "lock); 0 for no limit (default " + pg::DurationText(defaults.lock_ms) + ")")
      ->check(duration);
  command
      ->add_option_function<std::string>(
          "--statement-timeout",
          [flags](const std::string& text) {
            pg::ParseDuration(text, &flags->timeouts.statement_ms);
            flags->statement_given = true;
          },
          "Longest run of one statement (statement_timeout), 0 for no limit (default " +
              pg::DurationText(defaults.statement_ms) +
              " for reads; apply's and diff's migrations default to 15min)")
      ->check(duration);
}

int RunReportingErrors(const std::function<int()>& body) {
  try {
    return body();
  } catch (const SourceFailed& failed) {
    // A schema's errors, then (when the other source failed at the same time) its error.
    PrintDiagnostics(failed.loaded, DiagnosticFormat::kText);
    if (failed.other_error) {
      return RunReportingErrors([&]() -> int { std::rethrow_exception(failed.other_error); });
    }
    return kExitErrors;
  } catch (const UserError& e) {
    std::cerr << "schemac: error: " << e.what() << "\n";
    return kExitErrors;
  } catch (const std::exception& e) {
    std::cerr << "schemac: internal error: " << e.what() << "\n";
    return kExitErrors;
  }
}

}  // namespace schemac::cli
