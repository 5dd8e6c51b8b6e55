#pragma once
// The error every part of schemac reports to its user: a failed connection, an unsupported
// server, a failed statement, an unreadable file, a refused source. The CLI prints its message
// on one line after "schemac: error: " and exits 1. Header-only, so the offline commands (which
// never link libpq) catch the same type as the database commands.

#include <stdexcept>

namespace schemac {

/// An error with a message for the user: one line, any password masked.
class UserError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace schemac
