#pragma once
// How long schemac waits for a PostgreSQL server: header-only, so the executable's offline side
// (which never links libpq) can parse the flags and hand them to the database module.

#include <cctype>
#include <cstdint>
#include <string>

namespace schemac::pg {

/// The limits of a session; 0 means no limit. The defaults are documented in docs/cli.md.
struct Timeouts {
  /// libpq's connect_timeout, in seconds: the TCP connection, TLS and authentication together.
  int connect_seconds = 10;
  /// lock_timeout of the session, in milliseconds: the longest wait for one lock. `apply` also
  /// bounds its wait for the apply lock with it.
  int64_t lock_ms = 5000;
  /// statement_timeout of the session, in milliseconds. On TCP connections a server that sends
  /// nothing for this long plus kSilenceGraceMs while a statement runs is given up on.
  int64_t statement_ms = 120000;
};

/// How much longer than the statement timeout a server may stay silent before the connection is
/// closed by schemac itself (the server's own timeout reply needs no more than a round trip).
inline constexpr int64_t kSilenceGraceMs = 5000;

/// Parses a duration as the flags take it: `0` (no limit), or a whole number with a unit, `ms`,
/// `s`, `min` or `h` (`500ms`, `5s`, `2min`). False for anything else (a bare number is refused:
/// PostgreSQL would read it as milliseconds, a reader as seconds).
inline bool ParseDuration(const std::string& text, int64_t* ms) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 9) return false;
  int64_t value = std::stoll(text.substr(0, digits));
  std::string unit = text.substr(digits);
  if (unit.empty()) {
    if (value != 0) return false;
    *ms = 0;
    return true;
  }
  int64_t scale = unit == "ms"    ? 1
                  : unit == "s"   ? 1000
                  : unit == "min" ? 60000
                  : unit == "h"   ? 3600000
                                  : 0;
  if (scale == 0) return false;
  *ms = value * scale;
  return true;
}

/// A duration for messages and for SET: `500ms`, `5s`, `2min`; `0` when there is no limit.
inline std::string DurationText(int64_t ms) {
  if (ms == 0) return "0";
  if (ms % 60000 == 0) return std::to_string(ms / 60000) + "min";
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

}  // namespace schemac::pg
