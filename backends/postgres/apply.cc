// `apply` as a library (apply.h): the lock, the run and the check, without a terminal.

#include "backends/postgres/apply.h"

#include <chrono>
#include <memory>
#include <pqxx/pqxx>
#include <stdexcept>
#include <thread>

#include "backends/postgres/connection.h"
#include "backends/postgres/introspect.h"
#include "backends/postgres/locks.h"
#include "backends/postgres/runner.h"
#include "compiler/diff.h"
#include "compiler/error.h"
#include "compiler/extern_policies.h"

namespace schemac::pg {

void TakeApplyLock(pqxx::connection_base& connection, const std::string& db, int64_t wait_ms,
                   const LockWaitNotice& on_wait) {
  using Clock = std::chrono::steady_clock;
  Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(wait_ms);
  std::string query = "SELECT pg_try_advisory_lock(" + std::to_string(kApplyLock) + ")";
  std::string holder;
  for (;;) {
    bool taken = false;
    try {
      taken = pqxx::nontransaction(connection).exec1(query)[0].as<bool>();
    } catch (const pqxx::broken_connection& e) {
      throw UserError("the connection to " + MaskPassword(db) + " was lost (" +
                      LostConnectionCause(connection, e) + "): nothing was applied");
    } catch (const pqxx::sql_error& e) {
      throw UserError("cannot take the apply lock on " + MaskPassword(db) + ": " +
                      OneLine(e.what()) + "; nothing was applied");
    }
    if (taken) return;
    std::string now_held_by = DescribeAdvisoryLockHolder(connection, kApplyLock);
    if (holder.empty() && !now_held_by.empty() && on_wait) on_wait(now_held_by);
    if (!now_held_by.empty()) holder = now_held_by;
    if (wait_ms > 0 && Clock::now() >= deadline) {
      throw UserError("another apply holds the apply lock on " + MaskPassword(db) + ": " +
                      (holder.empty() ? "a session that has gone since" : holder) +
                      "; gave up after " + DurationText(wait_ms) +
                      " (the lock timeout; --lock-timeout changes it); nothing was applied");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

ApplyResult Apply(const ApplyRequest& request) {
  if (request.target == nullptr) throw std::invalid_argument("Apply: no target schema");
  std::unique_ptr<pqxx::connection> connection = Connect(request.url, request.timeouts);
  TakeApplyLock(*connection, request.url, request.timeouts.lock_ms, request.on_lock_wait);
  RunMigration(*connection, request.sql, {.cancel_on_signal = request.cancel_on_signal});
  // Read back: anything left is a schemac bug or a concurrent change; the caller says so.
  IntrospectOptions introspect{request.schemas, request.exclude_schemas, request.url};
  ir::Schema after = Introspect(*connection, introspect);
  ScopeExternTables(after, *request.target);  // The platform tables it does not declare.
  return ApplyResult{Diff(after, *request.target, {}, {true})};
}

}  // namespace schemac::pg
