#include "backends/postgres/build_errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <map>
#include <pqxx/pqxx>

namespace schemac::pg {

namespace {

// The lines of libpq's error text.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool StartsWith(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// Line `line` (1-based) of `text`: its first byte and its bytes. libpq counts "\r\n", "\r" and
// "\n" each as one line break.
bool FindLine(const std::string& text, int line, size_t* begin, std::string* content) {
  size_t start = 0;
  for (int n = 1; n < line; ++n) {
    size_t br = text.find_first_of("\r\n", start);
    if (br == std::string::npos) return false;
    start = br + (text[br] == '\r' && br + 1 < text.size() && text[br + 1] == '\n' ? 2 : 1);
  }
  size_t end = text.find_first_of("\r\n", start);
  if (end == std::string::npos) end = text.size();
  *begin = start;
  *content = text.substr(start, end - start);
  return true;
}

// The bytes of the UTF-8 character at `at`.
size_t CharBytes(const std::string& text, size_t at) {
  size_t n = 1;
  while (at + n < text.size() && (static_cast<unsigned char>(text[at + n]) & 0xC0) == 0x80) ++n;
  return n;
}

bool IsNameByte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

// The bytes of the token at `at` (a name, a quoted name, a number), up to `limit`; 1 for
// anything else.
size_t TokenLength(const std::string& text, size_t at, size_t limit) {
  if (at >= limit) return 0;
  size_t end = at + 1;
  if (text[at] == '"') {
    size_t close = text.find('"', at + 1);
    end = close == std::string::npos ? at + 1 : close + 1;
  } else if (IsNameByte(text[at])) {
    while (end < limit && IsNameByte(text[end])) ++end;
  }
  return std::min(end, limit) - at;
}

// The server's own first line, without its severity.
std::string Primary(const std::string& line) {
  for (std::string_view severity : {"ERROR:  ", "FATAL:  "}) {
    if (StartsWith(line, severity)) return line.substr(severity.size());
  }
  return line;
}

// The name a message says is missing: `column "x"`, `relation "s.x"`, `type "x"`, `function
// s.f(integer)`; its last part, as the source may write it without the schema.
std::string MissingName(const std::string& primary) {
  std::string name;
  for (std::string_view kind : {"column \"", "relation \"", "type \"", "schema \""}) {
    size_t at = primary.find(kind);
    if (at == std::string::npos) continue;
    size_t begin = at + kind.size();
    size_t end = primary.find('"', begin);
    if (end != std::string::npos) name = primary.substr(begin, end - begin);
    break;
  }
  if (name.empty() && StartsWith(primary, "function ")) {
    size_t paren = primary.find('(');
    if (paren != std::string::npos) name = primary.substr(9, paren - 9);
  }
  size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

// Where `name` first occurs as a whole word in a verbatim part of `statement`, outside string
// literals: PostgreSQL gives no position for an error in a policy's expressions (CREATE POLICY
// keeps no source text), but names what it misses.
std::optional<size_t> NamedPosition(const TaggedStatement& statement, const std::string& name) {
  if (name.empty()) return std::nullopt;
  const std::string& sql = statement.sql;
  for (const SqlPart& part : statement.parts) {
    if (!part.verbatim) continue;
    bool quoted = false;
    for (size_t i = part.begin; i < part.end; ++i) {
      if (sql[i] == '\'') quoted = !quoted;
      if (quoted || (i > part.begin && IsNameByte(sql[i - 1]))) continue;
      // Unquoted names are folded to lower case before the server names them.
      bool whole = i + name.size() <= part.end &&
                   std::equal(name.begin(), name.end(), sql.begin() + i,
                              [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }) &&
                   (i + name.size() == part.end || !IsNameByte(sql[i + name.size()]));
      if (whole) return i;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<size_t> ErrorPosition(const std::string& message, const std::string& statement,
                                    bool internal_query) {
  std::vector<std::string> lines = Lines(message);
  bool internal = std::any_of(lines.begin(), lines.end(),
                              [](const std::string& line) { return StartsWith(line, "QUERY:  "); });
  // The position is in an internal query (PL/pgSQL, a SQL function's body) or in the statement.
  if (internal != internal_query) return std::nullopt;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const std::string& shown = lines[i];
    if (!StartsWith(shown, "LINE ")) continue;
    size_t colon = shown.find(": ");
    if (colon == std::string::npos) return std::nullopt;
    int number = std::atoi(shown.c_str() + 5);
    size_t prefix = colon + 2;
    size_t caret = lines[i + 1].find('^');
    if (number <= 0 || caret == std::string::npos || caret < prefix) return std::nullopt;
    // libpq shows at most 60 columns of the line, cut with "..." at either end.
    std::string window = shown.substr(prefix);
    bool cut_before = StartsWith(window, "...");
    if (cut_before) window.erase(0, 3);
    if (window.size() >= 3 && window.compare(window.size() - 3, 3, "...") == 0) {
      window.erase(window.size() - 3);
    }
    size_t column = caret - prefix - (cut_before ? 3 : 0);
    size_t line_begin = 0;
    std::string text;
    if (!FindLine(statement, number, &line_begin, &text)) return std::nullopt;
    for (char& c : text) c = c == '\t' ? ' ' : c;  // libpq shows tabs as spaces
    size_t from = cut_before ? text.find(window) : 0;
    if (from == std::string::npos) return std::nullopt;
    // One column per character (libpq gives wide characters two; SQL rarely has them).
    size_t at = from;
    for (size_t c = 0; c < column && at < text.size(); ++c) at += CharBytes(text, at);
    return line_begin + at;
  }
  return std::nullopt;
}

BuildFailure DescribeFailure(const TaggedStatement& statement, const std::string& message) {
  BuildFailure failure;
  std::vector<std::string> lines = Lines(message);
  std::string object = statement.object;
  failure.origin = statement.origin;
  std::string primary = lines.empty() ? "unknown error" : Primary(lines.front());
  std::optional<size_t> position = ErrorPosition(message, statement.sql);
  // A function's body the server checked apart (its validator): placed in the body.
  bool in_body = !position && PlaceInBody(statement, message, &failure);
  if (!position && !in_body) position = NamedPosition(statement, MissingName(primary));
  if (position) {
    const SqlPart* placed = nullptr;  // the innermost part around it that has a place
    for (const SqlPart& part : statement.parts) {
      if (part.begin > *position || *position >= part.end) continue;
      if (!part.object.empty()) object = part.object;
      if (!part.origin.file.empty()) placed = &part;
    }
    if (placed != nullptr) {
      failure.origin = placed->origin;
      if (placed->verbatim) {
        // The part is the source's text: walk it to the position.
        for (size_t i = placed->begin; i < *position; ++i) {
          if (statement.sql[i] == '\n') {
            ++failure.origin.line;
            failure.origin.col = 1;
          } else {
            ++failure.origin.col;
          }
        }
        failure.length = static_cast<uint32_t>(TokenLength(statement.sql, *position, placed->end));
      }
    }
  }
  failure.message = object.empty() ? primary : object + ": " + primary;
  for (const std::string& line : lines) {
    if (StartsWith(line, "DETAIL:  ")) failure.notes.push_back("detail: " + line.substr(9));
    if (StartsWith(line, "HINT:  ")) failure.notes.push_back("hint: " + line.substr(7));
  }
  return failure;
}

namespace {

// SQLSTATEs of a missing object: what a statement gets when an earlier one that would have
// made the object failed.
bool IsMissingObject(const std::string& sqlstate) {
  return sqlstate == "42P01" || sqlstate == "42704" || sqlstate == "42883" ||
         sqlstate == "3F000";
}

// The statements run one by one, after `prefix`, in one transaction rolled back at the end.
class Retry {
 public:
  explicit Retry(const std::vector<TaggedStatement>& statements) : statements_(statements) {}

  void Run(pqxx::connection& connection, const std::string& prefix) {
    pqxx::work tx(connection);
    if (!prefix.empty()) tx.exec(prefix);
    for (const TaggedStatement& statement : statements_) {
      if (std::optional<size_t> cause = NeededFailure(statement)) {
        Broke(statement, *cause);
        continue;
      }
      try {
        pqxx::subtransaction savepoint(tx, "schemac_statement");
        savepoint.exec(statement.sql);
        savepoint.commit();
      } catch (const pqxx::sql_error& e) {
        Failed(statement, e);
      }
    }
    tx.abort();
  }

  BuildFailed Result() {
    for (size_t i = 0; i < failures_.size(); ++i) {
      if (size_t n = consequences_[i]; n > 0) {
        failures_[i].notes.push_back(fmt::format(
            "{} statement{} that depend on it were not run, or failed because of it", n,
            n == 1 ? "" : "s"));
      }
    }
    return BuildFailed(std::move(failures_), omitted_);
  }

  bool empty() const { return failures_.empty() && omitted_ == 0; }

 private:
  static constexpr size_t kNotKept = static_cast<size_t>(-1);

  // The failure (its index, kNotKept beyond the limit) that made something `statement` needs
  // fail, if any.
  std::optional<size_t> NeededFailure(const TaggedStatement& statement) const {
    for (const std::string& need : statement.needs) {
      if (auto broken = broken_.find(need); broken != broken_.end()) return broken->second;
    }
    return std::nullopt;
  }

  // An error that an earlier failure explains: an object missing that a failed statement would
  // have made (its name quoted in the message), or any missing object after an extension
  // failed (its types and functions are missing).
  std::optional<size_t> ExplainedBy(const pqxx::sql_error& e) const {
    if (!IsMissingObject(e.sqlstate())) return std::nullopt;
    std::string message = e.what();
    for (const auto& [name, cause] : broken_) {
      if (StartsWith(name, "extension ")) return cause;
      size_t dot = name.find('.');
      std::string bare = dot == std::string::npos ? name : name.substr(dot + 1);
      if (message.find('"' + name + '"') != std::string::npos ||
          message.find('"' + bare + '"') != std::string::npos) {
        return cause;
      }
    }
    return std::nullopt;
  }

  void Failed(const TaggedStatement& statement, const pqxx::sql_error& e) {
    if (std::optional<size_t> cause = ExplainedBy(e)) {
      Broke(statement, *cause);
      return;
    }
    size_t index = kNotKept;
    if (failures_.size() < kMaxBuildFailures) {
      index = failures_.size();
      failures_.push_back(DescribeFailure(statement, e.what()));
      consequences_.push_back(0);
    } else {
      ++omitted_;
    }
    if (!statement.provides.empty()) broken_.emplace(statement.provides, index);
  }

  // `statement` did not get built because of failure `cause`.
  void Broke(const TaggedStatement& statement, size_t cause) {
    if (cause != kNotKept) ++consequences_[cause];
    if (!statement.provides.empty()) broken_.emplace(statement.provides, cause);
  }

  const std::vector<TaggedStatement>& statements_;
  std::vector<BuildFailure> failures_;
  std::vector<size_t> consequences_;  // per failure: statements not built because of it
  size_t omitted_ = 0;
  std::map<std::string, size_t> broken_;  // `provides` of what was not built -> its failure
};

}  // namespace

void RunCreate(pqxx::connection& connection, const std::string& sql, const std::string& prefix,
               const ir::Schema& schema) {
  std::exception_ptr whole;
  try {
    pqxx::work tx(connection);
    tx.exec(sql);
    tx.commit();
    return;
  } catch (const pqxx::sql_error&) {
    whole = std::current_exception();
  }
  // Only now, that the schema failed, are its statements tagged and run one by one.
  std::vector<TaggedStatement> statements = CreateStatements(schema);
  Retry retry(statements);
  retry.Run(connection, prefix);
  // Each statement passed alone (the error came at commit, say): the whole error stands.
  if (retry.empty()) std::rethrow_exception(whole);
  throw retry.Result();
}

}  // namespace schemac::pg
