#pragma once
// Helpers shared by the commands: loading a schema, printing diagnostics, exit codes.

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "backends/postgres/timeouts.h"
#include "compiler/ast.h"
#include "compiler/diagnostics.h"
#include "compiler/files.h"
#include "compiler/ir.h"
#include "compiler/load.h"
#include "compiler/lint.h"
#include "compiler/source.h"

namespace schemac::cli {

/// Exit codes shared by every command.
enum ExitCode : int {
  kExitOk = 0,
  kExitErrors = 1,  ///< The input has errors, or (with --check) files would change.
  kExitUsage = 2,   ///< Bad command line.
  kExitChanges = 2,  ///< diff, and plan with --exit-code: there are changes.
};

enum class DiagnosticFormat { kText, kJson };

/// Adds `--format text|json` (how diagnostics are printed) to a command.
void AddDiagnosticFormatOption(CLI::App* command, DiagnosticFormat* format);

/// The lint levels schemac.json gives (its "lint" object), for LoadSchema. Throws UserError when
/// schemac.json is not valid (LoadSchema makes that an error among the diagnostics).
LintConfig ProjectLintLevels();

/// Prints diagnostics: text to stderr (coloured on a terminal unless NO_COLOR is set), or a
/// JSON array to stdout.
void PrintDiagnostics(const LoadedSchema& loaded, DiagnosticFormat format);

/// The project's defaults, from schemac.json in the current directory (all optional):
/// {"schema": "schema/", "migrations": "migrations/", "dev_url": "...",
///  "exclude_schemas": ["..."], "lint": {"RULE": "off|warning|error"}}. DATABASE_URL fills
/// `database_url`.
struct ProjectConfig {
  std::string schema;
  std::string migrations;
  std::string dev_url;
  std::vector<std::string> exclude_schemas;
  std::string database_url;
  LintConfig lint;
};

/// Reads ./schemac.json (absent: empty defaults). Throws UserError naming the file and the
/// problem when it is not valid JSON of that shape.
ProjectConfig LoadProjectConfig();

/// The flags that bound how long a command waits for a server (docs/cli.md, "Timeouts").
struct TimeoutFlags {
  pg::Timeouts timeouts;          ///< The values given, else the defaults.
  bool statement_given = false;  ///< --statement-timeout was given (apply and diff: it then
                                 ///< also replaces the migration's own 15min).
};

/// Adds --connect-timeout SECONDS, --lock-timeout DURATION and --statement-timeout DURATION
/// (0: no limit) to a command that connects; `flags` holds their values once parsed.
void AddTimeoutOptions(CLI::App* command, TimeoutFlags* flags);

/// Runs a command's body; a failure becomes a one-line message on stderr and exit 1 (a source's
/// diagnostics, SourceFailed, are printed as text; anything but UserError is reported as
/// schemac's bug).
int RunReportingErrors(const std::function<int()>& body);

/// Writes out what was printed on standard output so far. Returns false, with `error` set to
/// "cannot write to standard output: REASON", when any of it could not be written (a full disk,
/// /dev/full, a closed descriptor). main checks it after every command and then exits 1; a
/// command calls it before an action whose announcement on stdout the user must have seen.
bool FlushStdout(std::string* error);

}  // namespace schemac::cli
