#include "compiler/naming.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "compiler/identifiers.h"

namespace schemac {

namespace {

// The longest prefix of `s` of at most `bytes` bytes that does not end inside a UTF-8
// character (pg_mbcliplen).
std::string_view ClipUtf8(std::string_view s, size_t bytes) {
  if (bytes >= s.size()) return s;
  while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
  return s.substr(0, bytes);
}

enum class TokenKind { kIdent, kString, kNumber, kPunct };

struct Token {
  TokenKind kind;
  std::string text;  // Identifiers folded (plain) or unquoted (quoted); punctuation verbatim.
};

bool IsIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool IsIdentChar(char c) {
  return IsIdentStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

// Splits SQL into tokens, dropping white space and comments. Good enough for naming: the text
// has already been captured as balanced SQL by the parser.
std::vector<Token> Tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? n : end + 2;
    } else if (c == '\'') {
      size_t j = i + 1;
      while (j < n) {
        if (sql[j] == '\'' && j + 1 < n && sql[j + 1] == '\'') {
          j += 2;
        } else if (sql[j] == '\'') {
          break;
        } else {
          ++j;
        }
      }
      tokens.push_back({TokenKind::kString, std::string(sql.substr(i, j + 1 - i))});
      i = j + 1;
    } else if (c == '"') {
      std::string name;
      size_t j = i + 1;
      while (j < n) {
        if (sql[j] == '"' && j + 1 < n && sql[j + 1] == '"') {
          name += '"';
          j += 2;
        } else if (sql[j] == '"') {
          break;
        } else {
          name += sql[j++];
        }
      }
      tokens.push_back({TokenKind::kIdent, name});
      i = j + 1;
    } else if (c == '$' && i + 1 < n && (sql[i + 1] == '$' || IsIdentStart(sql[i + 1]))) {
      size_t close = sql.find('$', i + 1);
      if (close == std::string_view::npos) break;
      std::string_view tag = sql.substr(i, close + 1 - i);
      size_t end = sql.find(tag, close + 1);
      size_t stop = end == std::string_view::npos ? n : end + tag.size();
      tokens.push_back({TokenKind::kString, std::string(sql.substr(i, stop - i))});
      i = stop;
    } else if (IsIdentStart(c)) {
      size_t j = i;
      std::string name;
      while (j < n && IsIdentChar(sql[j])) {
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[j])));
        ++j;
      }
      // E'...' and similar prefixed strings are one string token.
      if (j < n && sql[j] == '\'' && (name == "e" || name == "b" || name == "x" || name == "n")) {
        i = j;
        continue;
      }
      tokens.push_back({TokenKind::kIdent, name});
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < n && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '.')) ++j;
      tokens.push_back({TokenKind::kNumber, std::string(sql.substr(i, j - i))});
      i = j;
    } else if (c == ':' && i + 1 < n && sql[i + 1] == ':') {
      tokens.push_back({TokenKind::kPunct, "::"});
      i += 2;
    } else {
      tokens.push_back({TokenKind::kPunct, std::string(1, c)});
      ++i;
    }
  }
  return tokens;
}

bool IsPunct(const Token& t, std::string_view text) {
  return t.kind == TokenKind::kPunct && t.text == text;
}

// The tokens of an expression and, for each bracket that opens, the index of the token that
// closes it (tokens.size() when none does), found once: searching for it at every use made
// naming a deeply nested expression quadratic.
struct Tokens : std::vector<Token> {
  std::vector<size_t> close;
};

Tokens Bracketed(std::vector<Token> tokens) {
  Tokens out;
  out.close.assign(tokens.size(), tokens.size());
  std::vector<size_t> open_round, open_square;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (IsPunct(tokens[i], "(")) open_round.push_back(i);
    if (IsPunct(tokens[i], "[")) open_square.push_back(i);
    std::vector<size_t>* open = IsPunct(tokens[i], ")")   ? &open_round
                                : IsPunct(tokens[i], "]") ? &open_square
                                                          : nullptr;
    if (open != nullptr && !open->empty()) {
      out.close[open->back()] = i;
      open->pop_back();
    }
  }
  static_cast<std::vector<Token>&>(out) = std::move(tokens);
  return out;
}

// Index of the token closing the bracket opened at `open`, or tokens.size().
size_t MatchingClose(const Tokens& tokens, size_t open) { return tokens.close[open]; }

// Whether tokens[begin, end) are one operand: a literal, a (qualified) name, a function call or
// a parenthesized expression, possibly with subscripts and casts of its own.
bool IsOperand(const Tokens& t, size_t begin, size_t end) {
  if (begin >= end) return false;
  size_t i = begin;
  if (IsPunct(t[i], "(")) {
    i = MatchingClose(t, i) + 1;
  } else if (t[i].kind == TokenKind::kIdent) {
    ++i;
    while (i + 1 < end && IsPunct(t[i], ".") && t[i + 1].kind == TokenKind::kIdent) i += 2;
    if (i < end && IsPunct(t[i], "(")) i = MatchingClose(t, i) + 1;
  } else if (t[i].kind == TokenKind::kString || t[i].kind == TokenKind::kNumber) {
    ++i;
  } else {
    return false;
  }
  while (i < end) {
    if (IsPunct(t[i], "[")) {
      i = MatchingClose(t, i) + 1;
    } else if (IsPunct(t[i], "::") && i + 1 < end && t[i + 1].kind == TokenKind::kIdent) {
      i += 2;
      while (i < end && t[i].kind == TokenKind::kIdent) ++i;  // `character varying`
    } else {
      return false;
    }
  }
  return i == end;
}

// FigureIndexColname over tokens[begin, end); empty when the expression has no name. `depth`
// counts the casts looked into: past kMaxCastDepth, the name is "expr" rather than a search
// that grows with the square of the nesting.
constexpr int kMaxCastDepth = 64;
std::string FigureName(const Tokens& t, size_t begin, size_t end, int depth_of_casts = 0) {
  if (begin >= end) return "";
  // Parenthesized: the name of what is inside. Unwrapped first and in a loop (a `::` at the top
  // level cannot be inside the parentheses), so that deep nesting costs neither stack nor time.
  while (end - begin >= 2 && IsPunct(t[begin], "(") && MatchingClose(t, begin) == end - 1) {
    ++begin;
    --end;
  }
  if (begin >= end) return "";
  // A cast names itself after its argument, or else after its type.
  int depth = 0;
  size_t last_cast = end;
  for (size_t i = begin; i < end; ++i) {
    if (IsPunct(t[i], "(") || IsPunct(t[i], "[")) ++depth;
    if (IsPunct(t[i], ")") || IsPunct(t[i], "]")) --depth;
    if (depth == 0 && IsPunct(t[i], "::")) last_cast = i;
  }
  // `::` binds tighter than any operator: the whole expression is a cast only when what comes
  // before the last `::` is one operand (`'x'`, `a.b`, `f(x)`, `( ... )`); in `a ->> 'b'::text`
  // the cast applies to 'b' alone.
  if (last_cast != end && IsOperand(t, begin, last_cast)) {
    if (depth_of_casts >= kMaxCastDepth) return "";
    std::string inner = FigureName(t, begin, last_cast, depth_of_casts + 1);
    if (!inner.empty()) return inner;
    size_t type_end = last_cast + 1;
    while (type_end < end && t[type_end].kind == TokenKind::kIdent) ++type_end;
    return type_end > last_cast + 1 ? t[type_end - 1].text : "";
  }
  if (t[begin].kind != TokenKind::kIdent) return "";
  if (t[begin].text == "case" && t[end - 1].kind == TokenKind::kIdent && t[end - 1].text == "end") {
    return "case";
  }
  // [schema.]name( ... ) or a[.b...] with optional subscripts.
  size_t i = begin;
  std::string last = t[i].text;
  while (i + 2 < end && IsPunct(t[i + 1], ".") && t[i + 2].kind == TokenKind::kIdent) {
    i += 2;
    last = t[i].text;
  }
  ++i;
  if (i < end && IsPunct(t[i], "(")) {
    return MatchingClose(t, i) == end - 1 ? last : "";
  }
  while (i < end && IsPunct(t[i], "[")) i = MatchingClose(t, i) + 1;
  return i == end ? last : "";
}

}  // namespace

std::string MakeObjectName(std::string_view name1, std::string_view name2,
                           std::string_view label) {
  size_t overhead = 0;
  if (!name2.empty()) overhead += 1;
  if (!label.empty()) overhead += label.size() + 1;
  size_t available = kMaxIdentifierBytes > overhead ? kMaxIdentifierBytes - overhead : 0;
  size_t chars1 = name1.size();
  size_t chars2 = name2.size();
  while (chars1 + chars2 > available) {
    if (chars1 > chars2) {
      --chars1;
    } else {
      --chars2;
    }
  }
  std::string name(ClipUtf8(name1, chars1));
  if (!name2.empty()) {
    name += '_';
    name += ClipUtf8(name2, chars2);
  }
  if (!label.empty()) {
    name += '_';
    name += label;
  }
  return name;
}

std::string NameAddition(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += '_';
    out += ClipUtf8(name, kMaxIdentifierBytes);
    if (out.size() >= kMaxIdentifierBytes + 1) break;
  }
  return out;
}

std::string ChooseName(std::string_view name1, std::string_view name2, std::string_view label,
                       std::initializer_list<const NameSet*> taken) {
  std::string modlabel(label);
  for (int pass = 1;; ++pass) {
    std::string name = MakeObjectName(name1, name2, modlabel);
    bool used = std::any_of(taken.begin(), taken.end(),
                            [&](const NameSet* set) { return set->contains(name); });
    if (!used) return name;
    modlabel = std::string(label) + std::to_string(pass);
  }
}

std::string ExpressionKeyName(std::string_view sql) {
  Tokens tokens = Bracketed(Tokenize(sql));
  std::string name = FigureName(tokens, 0, tokens.size());
  return name.empty() ? "expr" : name;
}

std::vector<std::string> UniqueIndexColumnNames(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  std::unordered_set<std::string> used;
  // The number the next search for a name starts from: the smaller ones were taken when it
  // last looked, and stay taken. Without it, a name repeated N times cost N^3.
  std::unordered_map<std::string, size_t> next;
  for (const std::string& name : names) {
    std::string candidate = name;
    if (used.count(candidate)) {
      size_t& i = next.try_emplace(name, 1).first->second;
      for (candidate = name + std::to_string(i); used.count(candidate);) {
        candidate = name + std::to_string(++i);
      }
      ++i;
    }
    used.insert(candidate);
    out.push_back(std::move(candidate));
  }
  return out;
}

std::vector<std::string> ReferencedIdentifiers(std::string_view sql) {
  std::vector<Token> t = Tokenize(sql);
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;  // Views into `t`, which outlives it.
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != TokenKind::kIdent) continue;
    bool call = i + 1 < t.size() && IsPunct(t[i + 1], "(");
    bool qualified = (i + 1 < t.size() && IsPunct(t[i + 1], ".")) ||
                     (i > 0 && IsPunct(t[i - 1], "."));
    bool type = i > 0 && IsPunct(t[i - 1], "::");
    if (call || qualified || type) continue;
    if (seen.insert(t[i].text).second) out.push_back(t[i].text);
  }
  return out;
}

std::string SequenceDefault(const ir::QualifiedName& table, std::string_view sequence) {
  std::string name = table.schema == "public"
                         ? QuoteSqlIdent(sequence)
                         : QuoteSqlIdent(table.schema) + "." + QuoteSqlIdent(sequence);
  return "nextval(" + QuoteSqlString(name) + "::regclass)";
}

bool IsSerialColumn(const ir::Table& table, const ir::Column& column) {
  if (column.type.kind != ir::TypeKind::kBuiltin || column.type.array_dims != 0) return false;
  const std::string& type = column.type.name;
  if (type != "smallint" && type != "integer" && type != "bigint") return false;
  if (column.identity != ir::Identity::kNone) return false;
  return column.default_sql ==
         SequenceDefault(table.name, MakeObjectName(table.name.name, column.name, "seq"));
}

bool IsPostgresNotNullName(std::string_view name) {
  while (!name.empty() && name.back() >= '0' && name.back() <= '9') name.remove_suffix(1);
  return name.ends_with("_not_null");
}

}  // namespace schemac
