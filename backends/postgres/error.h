#pragma once
// The error the PostgreSQL backend reports to users; header-only, so code that never links
// libpq (the offline commands) can catch it.

#include <stdexcept>

namespace schemac::pg {

/// A connection failure, an unsupported server or a failed statement, with a message for the
/// user (one line, password masked).
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace schemac::pg
