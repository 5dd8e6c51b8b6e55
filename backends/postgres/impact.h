#pragma once
// What a plan's DATA_LOSS type changes would do to the rows of a live database, counted before
// anything runs: `plan` and `apply` print it next to the steps (docs/cli.md, "Hazards").

#include <cstdint>
#include <pqxx/connection>
#include <string>
#include <vector>

#include "compiler/plan.h"

namespace schemac::pg {

/// The rows one type change would change, as far as a bounded count could tell.
struct RowImpact {
  enum class Result {
    kCounted,   ///< `rows` rows would change (exactly).
    kCapped,    ///< More than `rows` rows would change (the count stopped there).
    kTimedOut,  ///< The count did not finish within its statement timeout.
    kFailed,    ///< The cast itself fails on some row (the migration would fail): `error`.
  };
  size_t step = 0;  ///< Index of the step in Plan::steps.
  Result result = Result::kCounted;
  int64_t rows = 0;
  std::string error;  ///< kFailed: PostgreSQL's message, one line.

  /// "1 row would change", "more than 10000 rows would change", "unknown (count timed out)",
  /// "unknown: some rows cannot be converted (invalid input syntax ...)".
  std::string Text() const;
};

struct ImpactOptions {
  int64_t cap = 10000;              ///< Count at most this many rows (then kCapped).
  int statement_timeout_ms = 5000;  ///< Per count; a count that takes longer is kTimedOut.
};

/// The SQL that counts the rows of `step` (a kAlterColumnType) that its cast would change, with
/// the table and column as they are named before the plan runs (`plan`'s renames undone):
/// SELECT count(*) FROM (SELECT 1 FROM t WHERE <changed> LIMIT cap + 1) s. Identifiers are
/// quoted, types spelled as the catalog spells them: no text of a user is pasted unquoted.
std::string CountChangedRowsSql(const plan::Plan& plan, const plan::Step& step, int64_t cap);

/// Counts, for each DATA_LOSS type change of `plan`, the rows it would change on the database
/// at `url`, each count in its own read-only transaction under a statement timeout. A cast that
/// fails, a timeout or a lock wait becomes the step's result, never an exception; a connection
/// failure throws UserError. Connects only when there is such a step.
std::vector<RowImpact> CountTypeChangeImpact(const std::string& url, const plan::Plan& plan,
                                             const ImpactOptions& options = {});
/// The same on an open connection.
std::vector<RowImpact> CountTypeChangeImpact(pqxx::connection& connection, const plan::Plan& plan,
                                             const ImpactOptions& options = {});

/// One line per impact, "  <step description>: <Text()>", after a heading; empty for none.
std::string ImpactText(const plan::Plan& plan, const std::vector<RowImpact>& impacts);

}  // namespace schemac::pg
