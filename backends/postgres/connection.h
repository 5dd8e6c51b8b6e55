#pragma once
// Connecting to PostgreSQL: the one place that turns a URL into a libpqxx connection, and a
// connection failure into a one-line message that names the cause and never shows a password.

#include <memory>
#include <pqxx/connection>
#include <stdexcept>
#include <string>

#include "compiler/error.h"
#include "backends/postgres/timeouts.h"

namespace schemac::pg {

/// `message` on one line: line breaks and tabs become spaces, runs of spaces one space (libpq's
/// and PostgreSQL's messages span lines).
std::string OneLine(std::string message);

/// The connection string `url` (a URL, with or without its scheme, or key=value pairs) with
/// whatever may hold a password replaced by `***`, in every form libpq reads:
/// `postgresql://app:***@db:5432/x` (everything between the user name's `:` and the last `@`,
/// so a password with an unescaped `@` or `/` goes whole), `host=db password = *** dbname=x`
/// (any key ending in `password`, spaces around `=`, quoted values), `?sslpassword=***`
/// (percent-encoded names too), and URLs inside the string (`dbname=postgresql://...`).
std::string MaskPassword(const std::string& url);

/// `message` (libpq's or the server's, about connecting with `url`) with no password of `url`
/// in it, or part of one: each quoted piece that shows one (libpq quotes what it cannot read:
/// a bad percent-encoding, the host a password with an `@` was split into) becomes `***`, as
/// does every password as written, percent-decoded or as libpq parses it, and any URL or
/// key=value password in the message itself.
std::string MaskPasswordsIn(const std::string& message, const std::string& url);

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
/// Throws UserError naming the cause (unreachable host, no answer in time, authentication,
/// unknown database, server older than 15) and the masked URL.
std::unique_ptr<pqxx::connection> Connect(const std::string& url, const Timeouts& timeouts);
/// Connect(url, DefaultTimeouts()).
std::unique_ptr<pqxx::connection> Connect(const std::string& url);

/// Why `connection` broke, for a message after pqxx::broken_connection `e`: that the server sent
/// nothing for longer than its limit when schemac closed it for that, else libpq's words.
std::string LostConnectionCause(const pqxx::connection_base& connection, const std::exception& e);

}  // namespace schemac::pg
