// Reading the origins of a view's columns out of its stored query (pg_rewrite.ev_action). Done
// here rather than in SQL (PostgREST converts the node tree to JSON with a chain of replace()
// calls) because a small tokenizer is exact about escapes and cheap on the client.

#include "backends/postgres/view_origins.h"

#include <charconv>
#include <string>

namespace schemac::pg {

namespace {

// pg_strtok's tokens: `(`, `)`, `{`, `}` alone, else a run up to a blank or one of those; a
// backslash takes the next character into the token.
class Tokens {
 public:
  explicit Tokens(std::string_view text) : text_(text) {}

  /// The next token; empty at the end.
  std::string_view Next() {
    while (at_ < text_.size() && IsBlank(text_[at_])) ++at_;
    if (at_ >= text_.size()) return {};
    size_t start = at_;
    if (IsDelimiter(text_[at_])) return text_.substr(at_++, 1);
    while (at_ < text_.size() && !IsBlank(text_[at_]) && !IsDelimiter(text_[at_])) {
      if (text_[at_] == '\\' && at_ + 1 < text_.size()) ++at_;
      ++at_;
    }
    return text_.substr(start, at_ - start);
  }

 private:
  static bool IsBlank(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
  static bool IsDelimiter(char c) { return c == '(' || c == ')' || c == '{' || c == '}'; }

  std::string_view text_;
  size_t at_ = 0;
};

template <typename Number>
Number Parse(std::string_view token) {
  Number value = 0;
  std::from_chars(token.data(), token.data() + token.size(), value);
  return value;
}

// The fields of one TARGETENTRY, read at its own depth (not those of nodes inside it).
struct Entry {
  ViewColumnOrigin origin;
  bool junk = false;
};

}  // namespace

std::vector<ViewColumnOrigin> ViewColumnOrigins(std::string_view node_tree) {
  std::vector<ViewColumnOrigin> origins;
  Tokens tokens(node_tree);
  // The stored rule is a list of one query: `(` {QUERY ... } `)`; the query's own fields are at
  // depth 2, its target list's entries at depth 4.
  int depth = 0;
  bool in_target_list = false;
  bool query_done = false;
  Entry entry;
  std::string_view field;  // The field whose value comes next, at the entry's depth.
  for (std::string_view token = tokens.Next(); !token.empty() && !query_done;
       token = tokens.Next()) {
    if (token == "(" || token == "{") {
      ++depth;
      if (in_target_list && depth == 4) entry = Entry{};
      field = {};
      continue;
    }
    if (token == ")" || token == "}") {
      if (in_target_list && depth == 4 && token == "}" && !entry.junk &&
          entry.origin.relation != 0) {
        origins.push_back(entry.origin);
      }
      if (in_target_list && depth == 3) in_target_list = false;
      --depth;
      if (depth < 2) query_done = depth <= 1 && token == "}";
      field = {};
      continue;
    }
    if (depth == 2 && token == ":targetList") {
      in_target_list = true;
      continue;
    }
    if (depth == 2 && in_target_list) {  // `<>`: an empty target list.
      in_target_list = false;
      continue;
    }
    if (!in_target_list || depth != 4) continue;
    if (token[0] == ':') {
      field = token;
      continue;
    }
    if (field == ":resno") entry.origin.resno = Parse<int>(token);
    if (field == ":resorigtbl") entry.origin.relation = Parse<uint32_t>(token);
    if (field == ":resorigcol") entry.origin.column = Parse<int>(token);
    if (field == ":resjunk") entry.junk = token == "true";
    field = {};
  }
  return origins;
}

}  // namespace schemac::pg
