#pragma once
// Connecting to PostgreSQL: the one place that turns a URL into a libpqxx connection, and a
// connection failure into a one-line message that names the cause and never shows a password.

#include <memory>
#include <pqxx/connection>
#include <stdexcept>
#include <string>

#include "backends/postgres/error.h"

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

/// Opens a connection. Throws pg::Error naming the cause (unreachable host, authentication,
/// unknown database, server older than 15) and the masked URL.
std::unique_ptr<pqxx::connection> Connect(const std::string& url);

}  // namespace schemac::pg
