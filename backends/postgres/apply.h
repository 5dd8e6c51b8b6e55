#pragma once
// `apply` as a library: one apply at a time per database (the apply lock, an advisory lock that
// goes with the session), the migration run (runner.h, cancelled by SIGINT/SIGTERM), and the
// check that the database now matches its target (introspect again, diff). It neither prompts
// nor prints: the command confirms and reports (tools/schemac/cmd_apply.cc).

#include <cstdint>
#include <functional>
#include <pqxx/connection>
#include <string>
#include <vector>

#include "backends/postgres/timeouts.h"
#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac::pg {

/// The key of the advisory lock (pg_advisory_lock(bigint)) every schemac apply takes: "schemac"
/// in ASCII.
inline constexpr int64_t kApplyLock = 0x736368656d6163;

/// Called once when another session holds the apply lock, with that session
/// ("pid 42 (user ...)", locks.h), before the wait for it.
using LockWaitNotice = std::function<void(const std::string& holder)>;

/// Takes the apply lock on `connection` (opened to `db`, which messages name with its password
/// masked). Another apply may hold it for as long as its migration runs: the wait is bounded by
/// `wait_ms` (0: no bound), calls `on_wait` once with the holder, and polls rather than blocks
/// so that the bound is schemac's. Throws UserError naming the holder when the wait ends, or
/// when the connection is lost; "nothing was applied" either way.
void TakeApplyLock(pqxx::connection_base& connection, const std::string& db, int64_t wait_ms,
                   const LockWaitNotice& on_wait = {});

/// What to apply, where, and what the database must match afterwards.
struct ApplyRequest {
  /// The database URL.
  std::string url{};
  /// The migration (emit.h's EmitSql), run by RunMigration.
  std::string sql{};
  /// The session's timeouts. lock_ms also bounds the wait for the apply lock; statement_ms is
  /// the limit a silent server is judged by (0: none; the migration sets its own).
  Timeouts timeouts{};
  /// The schema the database must match after the migration (required; not owned).
  const ir::Schema* target = nullptr;
  /// The schemas read back for the check (introspect.h's IntrospectOptions).
  std::vector<std::string> schemas{};
  std::vector<std::string> exclude_schemas{};
  /// SIGINT and SIGTERM cancel the migration and throw Interrupted (runner.h) instead of ending
  /// the process.
  bool cancel_on_signal = true;
  /// Told who holds the apply lock when another apply does (TakeApplyLock).
  LockWaitNotice on_lock_wait{};
};

/// How an apply ended, when it ran to the end.
struct ApplyResult {
  /// What still differs between the database and the target after the migration (a schemac
  /// bug or a concurrent change): no steps when the check found the database matching.
  plan::Plan left{};

  /// True when the database matches the target.
  bool verified() const { return left.steps.empty(); }
};

/// Connects to request.url, takes the apply lock, runs the migration and reads the database
/// back. Throws UserError when it cannot connect, take the lock or run the migration (the
/// message says what was applied), Interrupted (runner.h) when a signal stopped the migration.
ApplyResult Apply(const ApplyRequest& request);

}  // namespace schemac::pg
