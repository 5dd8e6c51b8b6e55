#pragma once
// Connecting to PostgreSQL: the one place that turns a URL into a libpqxx connection, and a
// connection failure into a one-line message that names the cause and never shows a password.

#include <memory>
#include <pqxx/connection>
#include <stdexcept>
#include <string>

#include "backends/postgres/error.h"
#include "backends/postgres/timeouts.h"

namespace schemac::pg {

/// `message` on one line: line breaks and tabs become spaces, runs of spaces one space (libpq's
/// and PostgreSQL's messages span lines).
std::string OneLine(std::string message);

/// The URL (or key=value connection string) with any password replaced by `***`:
/// `postgresql://app:***@db:5432/x`, `host=db password=*** dbname=x`. Query parameters named
/// password are masked too.
std::string MaskPassword(const std::string& url);

/// The oldest server version schemac supports (server_version_num).
inline constexpr int kMinServerVersion = 150000;

/// The limits Connect(url) uses: Timeouts' defaults until a command sets its flags' values.
/// Set once, before the first connection (connections of other threads read it).
void SetDefaultTimeouts(const Timeouts& timeouts);
const Timeouts& DefaultTimeouts();

/// `url` (a URL or a key=value string) with connect_timeout=`seconds` added, unless it names one
/// already, PGCONNECT_TIMEOUT is set, or `seconds` is 0.
std::string WithConnectTimeout(const std::string& url, int seconds);

/// Opens a connection with `timeouts`: a connect timeout, then the session's lock_timeout and
/// statement_timeout; on TCP a server that stays silent longer than the statement timeout (plus
/// kSilenceGraceMs) while a statement runs has its connection closed (see LostConnectionCause).
/// Throws pg::Error naming the cause (unreachable host, no answer in time, authentication,
/// unknown database, server older than 15) and the masked URL.
std::unique_ptr<pqxx::connection> Connect(const std::string& url, const Timeouts& timeouts);
/// Connect(url, DefaultTimeouts()).
std::unique_ptr<pqxx::connection> Connect(const std::string& url);

/// Why `connection` broke, for a message after pqxx::broken_connection `e`: that the server sent
/// nothing for longer than its limit when schemac closed it for that, else libpq's words.
std::string LostConnectionCause(const pqxx::connection_base& connection, const std::exception& e);

}  // namespace schemac::pg
