#pragma once
// Who makes schemac wait: the sessions holding the locks a statement waited for, read from
// pg_locks and pg_stat_activity, for the message that says why a wait ended.

#include <cstdint>
#include <pqxx/connection>
#include <pqxx/except>
#include <string>

namespace schemac::pg {

/// The granted locks of other sessions on relations of the connection's database (system
/// catalogs left out): only ACCESS EXCLUSIVE ones, the only mode a catalog read waits for, when
/// `exclusive_only`. One entry per lock, "public.t: AccessExclusiveLock held by pid 42 (user
/// app, application psql, idle in transaction since 2026-12-07 09:01:02 UTC)", joined by "; ";
/// empty when there is none, or when the query itself fails (the caller's message matters more).
std::string DescribeRelationLockHolders(pqxx::connection_base& connection, bool exclusive_only);

/// The session holding the advisory lock `key` (pg_advisory_lock(bigint)), "pid 42 (user ...)",
/// or empty.
std::string DescribeAdvisoryLockHolder(pqxx::connection_base& connection, int64_t key);

/// For a statement that failed on `connection` (whose transaction is over): when it failed
/// waiting for a lock (lock_not_available, 55P03) or ran out of statement_timeout, the reason
/// with the session's limit and the flag that changes it, then the holders of the locks
/// (DescribeRelationLockHolders); empty for any other failure.
std::string DescribeTimeout(pqxx::connection_base& connection, const pqxx::sql_error& e,
                            bool exclusive_only);

}  // namespace schemac::pg
