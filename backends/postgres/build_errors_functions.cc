// An error in a function's body, checked by its language's validator after the build
// (create_sql_functions.h), placed in the body as the .schema file has it (PlaceInBody,
// build_errors.h). The validator's statement does not hold the body, so the server shows the
// position in the body as an internal query (QUERY:); PL/pgSQL errors without a position name a
// line of the body in their CONTEXT ("compilation of PL/pgSQL function "f" near line 3").

#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>

#include "backends/postgres/build_errors.h"

namespace schemac::pg {

namespace {

bool IsNameByte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

// The line of the body a PL/pgSQL CONTEXT names: "... near line N" (compilation) or "PL/pgSQL
// function f(...) line N at ..." (the first such line: the innermost function).
std::optional<int> ContextLine(const std::string& message) {
  size_t context = message.find("\nCONTEXT:  ");
  if (context == std::string::npos) return std::nullopt;
  size_t end = message.find('\n', context + 1);
  std::string line = message.substr(context, end == std::string::npos ? end : end - context);
  if (line.find("PL/pgSQL function") == std::string::npos) return std::nullopt;
  size_t at = line.find(" line ");
  if (at == std::string::npos) return std::nullopt;
  int number = std::atoi(line.c_str() + at + 6);
  if (number <= 0) return std::nullopt;
  return number;
}

// Moves `origin`, the place of body[0], to body[at].
ir::Origin Walk(const std::string& body, size_t at, ir::Origin origin) {
  for (size_t i = 0; i < at && i < body.size(); ++i) {
    if (body[i] == '\n') {
      ++origin.line;
      origin.col = 1;
    } else {
      ++origin.col;
    }
  }
  return origin;
}

}  // namespace

bool PlaceInBody(const TaggedStatement& statement, const std::string& message,
                 BuildFailure* failure) {
  const std::string& body = statement.body;
  if (statement.body_origin.file.empty() || body.empty()) return false;
  if (std::optional<size_t> at = ErrorPosition(message, body, /*internal_query=*/true)) {
    failure->origin = Walk(body, *at, statement.body_origin);
    size_t end = *at;
    while (end < body.size() && IsNameByte(body[end])) ++end;
    failure->length = static_cast<uint32_t>(end > *at ? end - *at : 1);
    return true;
  }
  std::optional<int> line = ContextLine(message);
  if (!line) return false;
  // The start of that line of the body, at its first non-blank.
  size_t at = 0;
  for (int n = 1; n < *line; ++n) {
    size_t br = body.find('\n', at);
    if (br == std::string::npos) return false;
    at = br + 1;
  }
  while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
  failure->origin = Walk(body, at, statement.body_origin);
  return true;
}

}  // namespace schemac::pg
