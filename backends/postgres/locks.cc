#include "backends/postgres/locks.h"

#include <pqxx/pqxx>

#include "backends/postgres/connection.h"

namespace schemac::pg {

namespace {

// A session as the messages show it; `a` is pg_stat_activity. The state's start is what tells
// an operator which session to look at ("idle in transaction since 09:01").
constexpr const char* kSession =
    "format('pid %s (user %s, application %s, %s since %s UTC)', a.pid, "
    "coalesce(a.usename::text, '?'), coalesce(nullif(a.application_name, ''), '-'), "
    "coalesce(a.state, 'unknown state'), "
    "coalesce(to_char(a.state_change at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'), '?'))";

std::string Joined(const pqxx::result& rows) {
  std::string out;
  for (const pqxx::row& row : rows) out += (out.empty() ? "" : "; ") + std::string(row[0].c_str());
  return out;
}

std::string Setting(pqxx::connection_base& connection, const std::string& name) {
  try {
    return pqxx::nontransaction(connection).exec1("SHOW " + name)[0].c_str();
  } catch (const std::exception&) {
    return "?";
  }
}

}  // namespace

std::string DescribeRelationLockHolders(pqxx::connection_base& connection, bool exclusive_only) {
  try {
    pqxx::nontransaction tx(connection);
    return Joined(tx.exec(
        std::string("select format('%I.%I: %s held by ', n.nspname, c.relname, l.mode) || ") +
        kSession +
        " from pg_locks l join pg_class c on c.oid = l.relation "
        "join pg_namespace n on n.oid = c.relnamespace "
        "join pg_stat_activity a on a.pid = l.pid "
        "where l.locktype = 'relation' and l.granted and l.pid <> pg_backend_pid() "
        "and l.database = (select oid from pg_database where datname = current_database()) "
        "and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') " +
        (exclusive_only ? "and l.mode = 'AccessExclusiveLock' " : "") +
        "order by n.nspname, c.relname, a.pid"));
  } catch (const std::exception&) {
    return "";
  }
}

std::string DescribeAdvisoryLockHolder(pqxx::connection_base& connection, int64_t key) {
  try {
    pqxx::nontransaction tx(connection);
    // A bigint key is kept as its high half in classid and its low half in objid.
    return Joined(tx.exec(std::string("select ") + kSession +
                          " from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                          "where l.locktype = 'advisory' and l.granted and l.objsubid = 1 "
                          "and l.pid <> pg_backend_pid() "
                          "and l.database = (select oid from pg_database where datname = "
                          "current_database()) "
                          "and l.classid::bigint = " + std::to_string(key >> 32) +
                          " and l.objid::bigint = " + std::to_string(key & 0xffffffff) +
                          " order by a.pid"));
  } catch (const std::exception&) {
    return "";
  }
}

std::string DescribeTimeout(pqxx::connection_base& connection, const pqxx::sql_error& e,
                            bool exclusive_only) {
  std::string reason;
  if (e.sqlstate() == "55P03") {
    reason = "a lock was not granted within " + Setting(connection, "lock_timeout") +
             " (the lock timeout; --lock-timeout changes it)";
  } else if (e.sqlstate() == "57014" &&
             std::string(e.what()).find("statement timeout") != std::string::npos) {
    reason = "a statement ran longer than " + Setting(connection, "statement_timeout") +
             " (the statement timeout; --statement-timeout changes it)";
  } else {
    return "";
  }
  std::string holders = DescribeRelationLockHolders(connection, exclusive_only);
  return reason + (holders.empty() ? "" : ": " + holders);
}

}  // namespace schemac::pg
