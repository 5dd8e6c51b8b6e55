#pragma once
// Whether the rows of a live database would refuse a plan, asked before anything runs: `plan`
// and `apply` run the checks of data_check_sql.h, each bounded (LIMIT, a statement timeout, a
// read-only transaction), gate them by table size, and report each refusal with a count and a
// sample key, and each check not made with the reason and the flag that forces it (docs/cli.md,
// "Data checks"). No pqxx here: the command-line side includes this header for the flags.

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac::pg {

/// --check-data: which tables the checks read.
enum class CheckDataMode {
  kAuto,    ///< Tables up to DataCheckOptions::max_table_bytes; larger ones are skipped (said).
  kAlways,  ///< Every table, whatever its size.
  kNever,   ///< None (each check that would have run is listed as skipped).
};

struct DataCheckOptions {
  CheckDataMode mode = CheckDataMode::kAuto;
  /// kAuto: the largest table (pg_table_size: heap and TOAST) read; 1 GB.
  int64_t max_table_bytes = int64_t{1} << 30;
  /// Refusing rows counted at most (then "more than N").
  int64_t cap = 1000;
  /// Per query; 0: none. The commands pass 10 s for kAuto, --statement-timeout for kAlways.
  int64_t statement_timeout_ms = 10000;
};

/// "auto", "always", "never" -> the mode; false for anything else.
bool ParseCheckDataMode(const std::string& text, CheckDataMode* mode);

/// A size as --check-data-max-size takes it: a whole number with a unit, `kB`, `MB`, `GB` or
/// `TB` (powers of 1024, as PostgreSQL's own settings read them), or `0`. False otherwise.
bool ParseSize(const std::string& text, int64_t* bytes);

/// "1GB", "512MB", "8kB", "100 bytes": the largest unit that divides `bytes` exactly.
std::string SizeText(int64_t bytes);

/// What one check found.
struct DataCheck {
  enum class Result {
    kPassed,   ///< No row refuses the step.
    kRefused,  ///< `rows` rows (or more, when `capped`; unknown when -1) refuse it.
    kSkipped,  ///< Not checked: `reason`.
  };
  size_t step = 0;      ///< Index of the step in Plan::steps.
  std::string subject;  ///< What was checked when a step has several checks, else empty.
  Result result = Result::kPassed;
  int64_t rows = 0;
  bool capped = false;
  std::string sample;  ///< The key of one refusing row: "id=42", "(a, b)=(1,x)", "ctid (0,1)".
  std::string text;    ///< The finding for people: "3 rows hold NULL (for example id=42)",
                       ///< "not checked: ..."; empty for kPassed.
};

/// Runs the checks of `plan` (PlanDataChecks) on the database at `url`: connects only when
/// there is a check to make; a check that times out, waits for a lock or cannot run becomes
/// kSkipped with the reason, never an exception. `from` is the database's schema as
/// introspected, `to` the target. Throws UserError when the connection fails.
std::vector<DataCheck> CheckData(const std::string& url, const plan::Plan& plan,
                                 const ir::Schema& from, const ir::Schema& to,
                                 const DataCheckOptions& options);

/// Whether any check refused its step.
bool AnyRefused(const std::vector<DataCheck>& checks);

/// For the notes after a plan: "The data refuses these steps (checked now):" then one line
/// "  <step>: [<subject>: ]<text>" per refusal, and "Data checks not made:" with one line per
/// skipped check. Empty when every check passed.
std::string DataCheckText(const plan::Plan& plan, const std::vector<DataCheck>& checks);

/// One "schemac: error: the data refuses <step>: [<subject>: ]<text>\n" line per refusal.
std::string DataRefusalErrors(const plan::Plan& plan, const std::vector<DataCheck>& checks);

}  // namespace schemac::pg
