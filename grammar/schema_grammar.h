#pragma once
// PEGTL grammar of .schema files (the reference is docs/dsl.md). Rules only: the actions that
// build the AST are in compiler/parse_actions.inc, the error message of every `must` point in
// compiler/parse_messages.inc (both part of compiler/parse.cc).
//
// Shape of the grammar, and why:
// - No rule is recursive and every loop consumes input, so any byte string is parsed in linear
//   time without deep recursion. Verbatim SQL in balanced parentheses is scanned by a custom,
//   iterative rule (`sql_parens`) that knows strings, quoted identifiers, dollar quotes and
//   comments.
// - Tokens inside a declaration or table item are separated by `hs` (blanks, no line break).
//   A line break inside an item is allowed inside parentheses (`ws`) or before a clause keyword
//   that cannot start an item (`cs`), which is what lets "one item per line" work without `;`.
// - Lexical errors (unterminated string, empty quoted identifier, unclosed parenthesis) raise
//   at once through `Control<marker>::raise`, with the input at the offending character.
// - Every item and every declaration commits after its leading keyword (`if_must`), so errors
//   are reported where the input stopped matching; `try_catch` around items and declarations
//   plus the `*_recover` rules give error recovery.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <string_view>

#include <tao/pegtl.hpp>

namespace schemac::grammar {

using namespace tao::pegtl;  // NOLINT: the rule vocabulary (seq, sor, opt, ...)

// ---------------------------------------------------------------------------------------------
// Character classes and scanners shared by the custom rules.

// The classes of each byte, looked up once per byte: the parser asks for them at every
// character of every word and blank run.
enum CharClass : unsigned char { kIdentStartClass = 1, kIdentCharClass = 2, kBlankClass = 4 };
inline constexpr std::array<unsigned char, 256> kCharClasses = [] {
  std::array<unsigned char, 256> classes{};
  for (int c = 0; c < 256; ++c) {
    bool start = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    bool ident = start || (c >= '0' && c <= '9') || c == '$';
    bool blank = c == ' ' || c == '\t' || c == '\f' || c == '\v';
    classes[c] = static_cast<unsigned char>((start ? kIdentStartClass : 0) |
                                            (ident ? kIdentCharClass : 0) |
                                            (blank ? kBlankClass : 0));
  }
  return classes;
}();

constexpr bool IsIdentStart(unsigned char c) { return kCharClasses[c] & kIdentStartClass; }
constexpr bool IsIdentChar(unsigned char c) { return kCharClasses[c] & kIdentCharClass; }
constexpr char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

/// A blank inside a line: space, tab, form feed, vertical tab, or a `\r` not before `\n`.
inline bool IsBlankAt(const char* p, const char* e) {
  unsigned char c = static_cast<unsigned char>(*p);
  return (kCharClasses[c] & kBlankClass) || (c == '\r' && (p + 1 == e || p[1] != '\n'));
}

/// True when `p` is at a line break (`\n` or `\r\n`) or at the end of the input.
inline bool AtLineEnd(const char* p, const char* e) {
  return p == e || *p == '\n' || (*p == '\r' && p + 1 < e && p[1] == '\n');
}

/// The end of the line that contains `p`: the position of its `\n` (or `\r\n`), or `e`.
inline const char* EndOfLine(const char* p, const char* e) {
  const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(e - p));
  if (nl == nullptr) return e;
  const char* q = static_cast<const char*>(nl);
  if (q > p && q[-1] == '\r') --q;
  return q;
}

/// Skips one `'...'` string (with `''`) starting at the quote; returns the position after the
/// closing quote, or nullptr when it is not closed. With `single_line`, a line break ends the
/// search. With `backslash`, `\x` escapes (PostgreSQL E'' strings).
inline const char* SkipQuoted(const char* p, const char* e, char quote, bool single_line,
                              bool backslash) {
  ++p;
  while (p < e) {
    char c = *p;
    if (c == quote) {
      if (p + 1 < e && p[1] == quote) {
        p += 2;
        continue;
      }
      return p + 1;
    }
    if (backslash && c == '\\') {
      p += 2;
      continue;
    }
    if (single_line && c == '\n') return nullptr;
    ++p;
  }
  return nullptr;
}

/// What stopped a scan of verbatim SQL.
enum class SqlScan { kOk, kUnclosedParen, kUnterminatedString, kUnterminatedIdent,
                     kUnterminatedComment, kUnterminatedDollar };

struct SqlScanResult {
  SqlScan status = SqlScan::kOk;
  const char* end = nullptr;  ///< After the closing `)` when kOk, else where the problem starts.
};

/// If `p` starts a dollar quote (`$$` or `$tag$`), the position after its opening delimiter.
inline const char* DollarQuoteOpen(const char* p, const char* e) {
  const char* q = p + 1;
  if (q < e && *q == '$') return q + 1;
  if (q >= e || !IsIdentStart(static_cast<unsigned char>(*q))) return nullptr;
  while (q < e && IsIdentChar(static_cast<unsigned char>(*q)) && *q != '$') ++q;
  if (q < e && *q == '$') return q + 1;
  return nullptr;
}

inline bool StartsWithTopKeyword(const char* p, const char* e);

/// True when the line starting at `p` begins, in column 1, with a top-level keyword (`table`,
/// `enum`, ...): such a line always starts a declaration, so an expression still open there
/// lacks its `)`. This keeps a missing `)` from swallowing the rest of the file without making
/// the inside of SQL depend on indentation.
inline bool LineStartsDeclaration(const char* p, const char* e) {
  return p < e && StartsWithTopKeyword(p, e);
}

/// Scans balanced parentheses from the `(` at `p`, iteratively. Parentheses inside strings,
/// quoted identifiers, dollar quotes, `--` comments and (nested) `/* */` comments do not count.
/// A line that starts a declaration ends the scan (see LineStartsDeclaration).
inline SqlScanResult ScanSqlParens(const char* p, const char* e) {
  const char* open = p;
  std::size_t depth = 0;
  while (p < e) {
    unsigned char c = static_cast<unsigned char>(*p);
    switch (c) {
      case '\n':
        ++p;
        if (LineStartsDeclaration(p, e)) return {SqlScan::kUnclosedParen, open};
        break;
      case '(':
        ++depth;
        ++p;
        break;
      case ')':
        ++p;
        if (--depth == 0) return {SqlScan::kOk, p};
        break;
      case '\'': {
        const char* q = SkipQuoted(p, e, '\'', false, false);
        if (q == nullptr) return {SqlScan::kUnterminatedString, p};
        p = q;
        break;
      }
      case '"': {
        const char* q = SkipQuoted(p, e, '"', false, false);
        if (q == nullptr) return {SqlScan::kUnterminatedIdent, p};
        p = q;
        break;
      }
      case '-':
        if (p + 1 < e && p[1] == '-') {
          const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(e - p));
          p = nl != nullptr ? static_cast<const char*>(nl) : e;
        } else {
          ++p;
        }
        break;
      case '/':
        if (p + 1 < e && p[1] == '*') {
          const char* start = p;
          std::size_t nesting = 1;
          p += 2;
          while (nesting > 0) {
            if (p + 1 >= e) return {SqlScan::kUnterminatedComment, start};
            if (p[0] == '/' && p[1] == '*') {
              ++nesting;
              p += 2;
            } else if (p[0] == '*' && p[1] == '/') {
              --nesting;
              p += 2;
            } else {
              ++p;
            }
          }
        } else {
          ++p;
        }
        break;
      case '$': {
        const char* body = DollarQuoteOpen(p, e);
        if (body == nullptr) {
          ++p;
          break;
        }
        std::string_view tag(p, static_cast<std::size_t>(body - p));
        std::string_view rest(body, static_cast<std::size_t>(e - body));
        std::size_t close = rest.find(tag);
        if (close == std::string_view::npos) return {SqlScan::kUnterminatedDollar, p};
        p = body + close + tag.size();
        break;
      }
      default:
        if (IsIdentStart(c)) {
          // A whole word, so that `a$b$` is not a dollar quote; `E'...'` has backslash escapes.
          const char* w = p;
          while (p < e && IsIdentChar(static_cast<unsigned char>(*p))) ++p;
          if (p - w == 1 && (*w == 'e' || *w == 'E') && p < e && *p == '\'') {
            const char* q = SkipQuoted(p, e, '\'', false, true);
            if (q == nullptr) return {SqlScan::kUnterminatedString, p};
            p = q;
          }
        } else {
          ++p;
        }
        break;
    }
  }
  return {SqlScan::kUnclosedParen, open};
}

/// Thrown by the error control after it has reported a syntax error; caught by try_catch_type
/// around items and declarations, which then recover.
struct syntax_error {};

// Markers: never matched, only used as `Control<marker>::raise` tags for lexical errors.
struct unterminated_string : failure {};
struct unterminated_quoted_ident : failure {};
struct empty_quoted_ident : failure {};
struct unclosed_sql_paren : failure {};
struct unterminated_sql_comment : failure {};
struct unterminated_dollar_quote : failure {};

// ---------------------------------------------------------------------------------------------
// Custom rules.

/// A case-insensitive keyword, not followed by an identifier character. `W` is lowercase.
template <std::size_t N>
struct Word {
  char chars[N];
  constexpr Word(const char (&s)[N]) {  // NOLINT: implicit on purpose (kw<"table">)
    for (std::size_t i = 0; i < N; ++i) chars[i] = s[i];
  }
  constexpr std::string_view view() const { return {chars, N - 1}; }
};

// Whether the `word.size()` characters at `p` are `word` (lowercase), ignoring ASCII case.
inline bool SameWord(const char* p, std::string_view word) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (LowerAscii(p[i]) != word[i]) return false;
  }
  return true;
}

// Whether `word` (lowercase) is at [p, e) as a whole word, ignoring ASCII case. Compares the
// keyword first, so that the usual miss costs a byte or two however long the word at `p` is.
inline bool WordAt(const char* p, const char* e, std::string_view word) {
  const std::size_t n = word.size();
  if (static_cast<std::size_t>(e - p) < n || !SameWord(p, word)) return false;
  return p + n == e || !IsIdentChar(static_cast<unsigned char>(p[n]));
}

/// A keyword: the whole word, in any case.
template <Word W>
struct kw {
  using rule_t = kw;
  using subs_t = empty_list;
  template <typename Input>
  static bool match(Input& in) {
    if (!WordAt(in.current(), in.end(), W.view())) return false;
    in.bump(W.view().size());
    return true;
  }
};

/// One of several keywords, as sor<kw<W>...> matches them but measuring the word at the input
/// once (up to the longest keyword) and comparing only the keywords of its length: for the
/// long keyword lists tried at every line (clause, item and top-level keywords).
template <Word... Ws>
struct any_kw {
  using rule_t = any_kw;
  using subs_t = empty_list;
  static constexpr std::size_t kLongest = std::max({Ws.view().size()...});
  template <typename Input>
  static bool match(Input& in) {
    const char* p = in.current();
    const std::size_t room = static_cast<std::size_t>(in.end() - p);
    std::size_t n = 0;
    while (n < room && n <= kLongest && IsIdentChar(static_cast<unsigned char>(p[n]))) ++n;
    if (n == 0 || n > kLongest) return false;
    if (!((Ws.view().size() == n && SameWord(p, Ws.view())) || ...)) return false;
    in.bump(n);
    return true;
  }
};

/// Blanks within a line (never a line break).
struct hs {
  using rule_t = hs;
  using subs_t = empty_list;
  template <typename Input>
  static bool match(Input& in) {
    const char* p = in.current();
    const char* e = in.end();
    while (p < e && IsBlankAt(p, e)) ++p;
    in.bump(static_cast<std::size_t>(p - in.current()));
    return true;
  }
};

/// At least one blank.
struct hs1 {
  using rule_t = hs1;
  using subs_t = empty_list;
  template <typename Input>
  static bool match(Input& in) {
    const char* p = in.current();
    const char* e = in.end();
    while (p < e && IsBlankAt(p, e)) ++p;
    if (p == in.current()) return false;
    in.bump(static_cast<std::size_t>(p - in.current()));
    return true;
  }
};

/// Everything up to (not including) the end of the line.
struct rest_of_line {
  using rule_t = rest_of_line;
  using subs_t = empty_list;
  template <typename Input>
  static bool match(Input& in) {
    in.bump(static_cast<std::size_t>(EndOfLine(in.current(), in.end()) - in.current()));
    return true;
  }
};

/// An unquoted identifier: `[A-Za-z_\x80-\xff][A-Za-z0-9_$\x80-\xff]*`.
struct bare_ident {
  using rule_t = bare_ident;
  using subs_t = empty_list;
  template <typename Input>
  static bool match(Input& in) {
    const char* p = in.current();
    const char* e = in.end();
    if (p == e || !IsIdentStart(static_cast<unsigned char>(*p))) return false;
    ++p;
    while (p < e && IsIdentChar(static_cast<unsigned char>(*p))) ++p;
    in.bump(static_cast<std::size_t>(p - in.current()));
    return true;
  }
};

/// `"quoted identifier"` with `""` for a quote, on one line; empty and unterminated ones are
/// errors.
struct quoted_ident {
  using rule_t = quoted_ident;
  using subs_t = empty_list;
  template <apply_mode, rewind_mode, template <typename...> class Action,
            template <typename...> class Control, typename Input, typename... States>
  static bool match(Input& in, States&&... st) {
    if (in.empty() || in.peek_char() != '"') return false;
    const char* q = SkipQuoted(in.current(), in.end(), '"', true, false);
    if (q == nullptr) Control<unterminated_quoted_ident>::raise(in, st...);
    if (q - in.current() == 2) Control<empty_quoted_ident>::raise(in, st...);
    in.bump(static_cast<std::size_t>(q - in.current()));
    return true;
  }
};

/// `'string'` with `''` for a quote, on one line.
struct string_lit {
  using rule_t = string_lit;
  using subs_t = empty_list;
  template <apply_mode, rewind_mode, template <typename...> class Action,
            template <typename...> class Control, typename Input, typename... States>
  static bool match(Input& in, States&&... st) {
    if (in.empty() || in.peek_char() != '\'') return false;
    const char* q = SkipQuoted(in.current(), in.end(), '\'', true, false);
    if (q == nullptr) Control<unterminated_string>::raise(in, st...);
    in.bump(static_cast<std::size_t>(q - in.current()));
    return true;
  }
};

/// Verbatim SQL in balanced parentheses (see ScanSqlParens).
struct sql_parens {
  using rule_t = sql_parens;
  using subs_t = empty_list;
  template <apply_mode, rewind_mode, template <typename...> class Action,
            template <typename...> class Control, typename Input, typename... States>
  static bool match(Input& in, States&&... st) {
    if (in.empty() || in.peek_char() != '(') return false;
    SqlScanResult r = ScanSqlParens(in.current(), in.end());
    if (r.status == SqlScan::kOk) {
      in.bump(static_cast<std::size_t>(r.end - in.current()));
      return true;
    }
    // Move to the offending character so the error points at it; try_catch rewinds.
    in.bump(static_cast<std::size_t>(r.end - in.current()));
    switch (r.status) {
      case SqlScan::kUnterminatedString:
        Control<unterminated_string>::raise(in, st...);
      case SqlScan::kUnterminatedIdent:
        Control<unterminated_quoted_ident>::raise(in, st...);
      case SqlScan::kUnterminatedComment:
        Control<unterminated_sql_comment>::raise(in, st...);
      case SqlScan::kUnterminatedDollar:
        Control<unterminated_dollar_quote>::raise(in, st...);
      default:
        Control<unclosed_sql_paren>::raise(in, st...);
    }
    return false;
  }
};

/// True at column 1 of a line.
inline bool AtLineStart(const char* p, const char* begin) { return p == begin || p[-1] == '\n'; }

// ---------------------------------------------------------------------------------------------
// Lexical structure.

struct line_break : sor<one<'\n'>, seq<one<'\r'>, one<'\n'>>> {};
struct at_line_end : at<sor<line_break, eof>> {};
struct line_comment : seq<two<'-'>, rest_of_line> {};
struct doc_line : seq<three<'/'>, rest_of_line> {};
/// White space, line breaks and comments inside parentheses.
struct ws : star<sor<hs1, line_break, line_comment>> {};

struct ident : sor<quoted_ident, bare_ident> {};
struct qualified_name : seq<ident, opt<one<'.'>, ident>> {};

struct digits : plus<digit> {};
struct number_lit : seq<opt<one<'+', '-'>>,
                        sor<seq<digits, opt<one<'.'>, star<digit>>>, seq<one<'.'>, digits>>,
                        opt<one<'e', 'E'>, opt<one<'+', '-'>>, digits>,
                        not_at<bare_ident>> {};

/// Keywords after which an item may continue on the next line (docs/dsl.md, "Lines").
struct clause_keyword
    : sor<any_kw<"references", "on", "default", "generated", "identity", "collate", "renamed",
                 "using", "with", "where", "include", "to", "for", "as", "deferrable", "initially">,
          seq<kw<"not">, hs, kw<"valid">>> {};  // Not `not null`: a table item starts so.

/// A line break (with comment and blank lines) that continues an item: only before a clause
/// keyword.
struct line_continuation
    : seq<opt<line_comment>, plus<line_break, hs, opt<line_comment>>, at<clause_keyword>> {};
/// Separator before a clause: blanks, or a line continuation.
struct cs : seq<hs, opt<line_continuation>> {};

/// True when a clause keyword starts at `p`.
inline bool StartsWithClauseKeyword(const char* p, const char* e) {
  memory_input<tracking_mode::lazy> probe(p, e, "");
  return parse<clause_keyword>(probe);
}

/// True when a top-level keyword starts at `p`.
/// Where an item that failed to parse ends, for error recovery: the end of its line (not
/// counting line breaks inside parentheses or strings), plus the following lines that start
/// with a clause keyword; stops before a `}` outside parentheses. When a parenthesis or quote
/// never closes, the item is taken to end at the end of its first line.
inline const char* SkipItem(const char* p, const char* e) {
  const char* first_line_end = EndOfLine(p, e);
  std::size_t depth = 0;
  const char* q = p;
  while (q < e) {
    char c = *q;
    if (c == '\n') {
      if (depth > 0) {
        if (LineStartsDeclaration(q + 1, e)) return q;
        ++q;
        continue;
      }
      const char* r = q + 1;
      while (r < e && IsBlankAt(r, e)) ++r;
      if (StartsWithClauseKeyword(r, e)) {
        q = r;
        continue;
      }
      return q;
    }
    if (c == '}' && depth == 0) return q;
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (depth > 0) --depth;
    } else if (c == '\'' || c == '"') {
      const char* s = SkipQuoted(q, e, c, false, false);
      if (s == nullptr) return first_line_end;
      q = s;
      continue;
    } else if (c == '-' && q + 1 < e && q[1] == '-') {
      q = EndOfLine(q, e);
      continue;
    }
    ++q;
  }
  return depth > 0 ? first_line_end : e;
}

/// End of a declaration or item line: blanks and a `--` comment, then a line break or EOF.
struct end_of_line : seq<hs, opt<line_comment>, at_line_end> {};
/// End of a table item: as end_of_line, or a `}` on the same line.
struct end_of_item : seq<hs, opt<line_comment>, at<sor<line_break, eof, one<'}'>>>> {};

// ---------------------------------------------------------------------------------------------
// Types.

struct type_mod_number : seq<opt<one<'+', '-'>>, digits> {};
struct type_mod_close : one<')'> {};
struct type_mods : seq<one<'('>, ws, must<type_mod_number>, ws,
                       star<one<','>, ws, must<type_mod_number>, ws>, must<type_mod_close>> {};

struct time_zone_word : seq<kw<"time">, hs, kw<"zone">> {};
struct time_zone : if_must<sor<kw<"with">, kw<"without">>, hs, time_zone_word> {};
struct type_time : seq<sor<kw<"timestamp">, kw<"time">>, opt<type_mods>, opt<hs, time_zone>> {};
struct type_double : if_must<kw<"double">, hs, kw<"precision">> {};
struct type_varying : seq<sor<kw<"character">, kw<"bit">>, hs, kw<"varying">> {};
struct type_simple : qualified_name {};
struct type_reset : success {};
struct array_suffix : seq<one<'['>, hs, one<']'>> {};
struct type_core
    : seq<type_reset, sor<type_time, seq<sor<type_double, type_varying, type_simple>, opt<type_mods>>>,
          star<array_suffix>> {};

struct column_type : type_core {};
struct cast_type : type_core {};
struct cast : seq<two<':'>, hs, must<cast_type>> {};

// ---------------------------------------------------------------------------------------------
// Column modifiers.

struct col_old_name : ident {};
struct col_renamed : if_must<kw<"renamed">, hs, kw<"from">, hs, col_old_name> {};
struct col_primary_key : if_must<kw<"primary">, hs, kw<"key">> {};
struct col_unique : kw<"unique"> {};

// `references [s.]t[(c, ...)] [on delete A] [on update A] [deferrable [initially ...]] [not valid]
//  [match full|simple]`
struct ref_table : qualified_name {};
struct ref_column : ident {};
struct list_close : one<')'> {};
struct ref_columns : seq<one<'('>, ws, must<ref_column>, ws, star<one<','>, ws, must<ref_column>, ws>,
                         must<list_close>> {};
struct fk_cascade : kw<"cascade"> {};
struct fk_restrict : kw<"restrict"> {};
struct fk_set_null : kw<"null"> {};
struct fk_set_default : kw<"default"> {};
struct fk_set_what : sor<fk_set_null, fk_set_default> {};
struct fk_set : if_must<kw<"set">, hs, fk_set_what> {};
struct fk_no_action : if_must<kw<"no">, hs, kw<"action">> {};
struct fk_action : sor<fk_cascade, fk_restrict, fk_set, fk_no_action> {};
struct ref_on_delete : if_must<kw<"delete">, hs, fk_action> {};
struct ref_on_update : if_must<kw<"update">, hs, fk_action> {};
struct ref_on_event : sor<ref_on_delete, ref_on_update> {};
struct ref_on : if_must<kw<"on">, hs, ref_on_event> {};
struct ref_initially_deferred : kw<"deferred"> {};
struct ref_initially_what : sor<ref_initially_deferred, kw<"immediate">> {};
struct ref_deferrable : seq<kw<"deferrable">, opt<cs, if_must<kw<"initially">, hs, ref_initially_what>>> {};
struct ref_not_valid : if_must<kw<"not">, hs, kw<"valid">> {};
struct ref_match_full : kw<"full"> {};
struct ref_match_what : sor<ref_match_full, kw<"simple">> {};
struct ref_match : if_must<kw<"match">, hs, ref_match_what> {};
struct ref_clause : sor<ref_on, ref_deferrable, ref_not_valid, ref_match> {};
struct ref_begin : success {};
struct references_body : seq<ref_begin, must<ref_table>, opt<hs, ref_columns>, star<cs, ref_clause>> {};
struct col_references : if_must<kw<"references">, hs, references_body> {};

// `default LITERAL | CALL | ( SQL )`
struct default_parens : sql_parens {};
struct call_args : sql_parens {};
struct default_literal
    : seq<sor<string_lit, number_lit, kw<"true">, kw<"false">, kw<"null">>, opt<hs, cast>> {};
struct default_call : seq<qualified_name, opt<hs, call_args>, opt<hs, cast>> {};
struct default_value : sor<default_parens, default_literal, default_call> {};
struct col_default : if_must<kw<"default">, hs, default_value> {};

// `(start N increment N minvalue N maxvalue N cache N cycle)`, any order, N may be negative:
// the options of an identity column's sequence and of a `sequence`.
struct seq_number : seq<opt<one<'+', '-'>>, digits> {};
struct seq_start_value : seq_number {};
struct seq_increment_value : seq_number {};
struct seq_min_value : seq_number {};
struct seq_max_value : seq_number {};
struct seq_cache_value : seq_number {};
struct seq_start : if_must<kw<"start">, hs, opt<kw<"with">, hs>, seq_start_value> {};
struct seq_increment : if_must<kw<"increment">, hs, opt<kw<"by">, hs>, seq_increment_value> {};
struct seq_min : if_must<kw<"minvalue">, hs, seq_min_value> {};
struct seq_max : if_must<kw<"maxvalue">, hs, seq_max_value> {};
struct seq_cache : if_must<kw<"cache">, hs, seq_cache_value> {};
struct seq_cycle : kw<"cycle"> {};
struct seq_option : sor<seq_start, seq_increment, seq_min, seq_max, seq_cache, seq_cycle> {};
struct seq_options_close : one<')'> {};
struct seq_options_begin : one<'('> {};
struct seq_options
    : if_must<seq_options_begin, ws, seq_option, star<ws, seq_option>, ws, seq_options_close> {};

// `identity [always | by default] [( options )]`
struct identity_always : kw<"always"> {};
struct identity_by_default : if_must<kw<"by">, hs, kw<"default">> {};
struct col_identity : seq<kw<"identity">, opt<hs, sor<identity_always, identity_by_default>>,
                          opt<hs, seq_options>> {};

// `generated always as ( SQL ) [stored | virtual]`, `generated {always | by default} as identity`
struct gen_sql : sql_parens {};
struct gen_stored : kw<"stored"> {};
struct gen_virtual : kw<"virtual"> {};
struct gen_expression : seq<gen_sql, opt<hs, sor<gen_stored, gen_virtual>>> {};
struct gen_always_identity : seq<kw<"identity">, opt<hs, seq_options>> {};
struct gen_always_what : sor<gen_always_identity, gen_expression> {};
struct gen_always : if_must<kw<"always">, hs, kw<"as">, hs, gen_always_what> {};
struct gen_by_default
    : if_must<kw<"by">, hs, kw<"default">, hs, kw<"as">, hs, kw<"identity">, opt<hs, seq_options>> {};
struct gen_kind : sor<gen_always, gen_by_default> {};
struct col_generated : if_must<kw<"generated">, hs, gen_kind> {};

struct collation_name : ident {};
struct col_collate : if_must<kw<"collate">, hs, collation_name> {};
struct col_check_sql : sql_parens {};
struct col_check : if_must<kw<"check">, hs, col_check_sql> {};

struct column_modifier
    : sor<col_renamed, col_primary_key, col_unique, col_references, col_default, col_identity,
          col_generated, col_collate, col_check> {};

struct column_name : ident {};
struct nullable_mark : one<'?'> {};
struct column_end : end_of_item {};
struct column : seq<column_name, hs, must<column_type>, opt<nullable_mark>,
                    star<cs, column_modifier>, must<column_end>> {};

// ---------------------------------------------------------------------------------------------
// Table items.

struct constraint_name : ident {};

template <typename Slot>
struct column_list : seq<one<'('>, ws, must<Slot>, ws, star<one<','>, ws, must<Slot>, ws>,
                         must<list_close>> {};

// [deferrable [initially deferred|immediate]] after a primary key or unique constraint.
struct key_initially_deferred : kw<"deferred"> {};
struct key_initially_what : sor<key_initially_deferred, kw<"immediate">> {};
struct key_deferrable : seq<kw<"deferrable">, opt<cs, if_must<kw<"initially">, hs, key_initially_what>>> {};

// primary key [NAME] (COL, ...) [deferrable [initially deferred|immediate]]
struct pk_kw : kw<"primary"> {};
struct pk_column : ident {};
struct pk_columns : column_list<pk_column> {};
struct pk_end : end_of_item {};
struct pk_item : if_must<pk_kw, hs, kw<"key">, opt<hs, constraint_name>, hs, pk_columns,
                         opt<cs, key_deferrable>, pk_end> {};

// unique [NAME] [nulls not distinct] (COL, ...) [deferrable [initially deferred|immediate]]
struct unique_kw : kw<"unique"> {};
struct unique_column : ident {};
struct unique_columns : column_list<unique_column> {};
struct nulls_not_distinct : if_must<kw<"nulls">, hs, kw<"not">, hs, kw<"distinct">> {};
struct unique_name : seq<not_at<kw<"nulls">>, constraint_name> {};
struct unique_nulls_not_distinct : nulls_not_distinct {};
struct unique_end : end_of_item {};
struct unique_item : if_must<unique_kw, opt<hs, unique_name>, opt<hs, unique_nulls_not_distinct>, hs,
                             unique_columns, opt<cs, key_deferrable>, unique_end> {};

// check [NAME] ( SQL ) [no inherit] [not valid]
struct check_kw : kw<"check">{};
struct check_sql : sql_parens {};
struct check_no_inherit : if_must<kw<"no">, hs, kw<"inherit">> {};
struct check_not_valid : if_must<kw<"not">, hs, kw<"valid">> {};
struct check_end : end_of_item {};
struct check_item : if_must<check_kw, opt<hs, constraint_name>, hs, check_sql,
                            star<cs, sor<check_no_inherit, check_not_valid>>, check_end> {};

// not null [NAME] (COL) [no inherit] [not valid]: a NOT NULL constraint with a name, NO INHERIT or
// NOT VALID (PostgreSQL 18); a column without `?` has an unnamed one already.
struct not_null_kw : seq<kw<"not">, hs, kw<"null">> {};
struct not_null_column : ident {};
struct not_null_columns : seq<one<'('>, ws, must<not_null_column>, ws, must<list_close>> {};
struct not_null_no_inherit : if_must<kw<"no">, hs, kw<"inherit">> {};
struct not_null_not_valid : if_must<kw<"not">, hs, kw<"valid">> {};
struct not_null_end : end_of_item {};
struct not_null_item : if_must<not_null_kw, opt<hs, constraint_name>, hs, not_null_columns,
                               star<cs, sor<not_null_no_inherit, not_null_not_valid>>, not_null_end> {};

// foreign key [NAME] (COL, ...) references ...
struct fk_kw : kw<"foreign">{};
struct fk_column : ident {};
struct fk_columns : column_list<fk_column> {};
struct fk_references_kw : kw<"references"> {};
struct fk_references : seq<fk_references_kw, hs, references_body> {};
struct fk_end : end_of_item {};
struct fk_item : if_must<fk_kw, hs, kw<"key">, opt<hs, constraint_name>, hs, fk_columns, cs,
                         fk_references, fk_end> {};

// index [NAME] [unique] [using METHOD] (KEY, ...) [include (COL, ...)] [nulls not distinct]
//   [with (PARAM = VALUE, ...)] [where ( SQL )]
struct index_kw : kw<"index"> {};
struct index_name : seq<not_at<sor<kw<"unique">, kw<"using">>>, ident> {};
struct index_unique : kw<"unique"> {};
struct index_method : ident {};
struct index_using : if_must<kw<"using">, hs, index_method> {};
struct key_begin : success {};
struct key_expression : sql_parens {};
struct key_call : seq<qualified_name, hs, at<one<'('>>, call_args> {};
struct key_column : ident {};
struct key_collation : ident {};
struct key_collate : if_must<kw<"collate">, ws, key_collation> {};
struct key_opclass : seq<not_at<sor<kw<"asc">, kw<"desc">, kw<"nulls">, kw<"collate">>>, qualified_name> {};
struct key_asc : kw<"asc"> {};
struct key_desc : kw<"desc"> {};
struct key_nulls_first : kw<"first"> {};
struct key_nulls_last : kw<"last"> {};
struct key_nulls_what : sor<key_nulls_first, key_nulls_last> {};
struct key_nulls : if_must<kw<"nulls">, ws, key_nulls_what> {};
struct index_key : seq<key_begin, sor<key_expression, key_call, key_column>, opt<ws, key_collate>,
                       opt<ws, key_opclass>, opt<ws, sor<key_asc, key_desc>>, opt<ws, key_nulls>> {};
struct index_key_close : one<')'> {};
struct index_keys : seq<one<'('>, ws, must<index_key>, ws, star<one<','>, ws, must<index_key>, ws>,
                        must<index_key_close>> {};
struct include_column : ident {};
struct include_columns : column_list<include_column> {};
struct index_include : if_must<kw<"include">, hs, include_columns> {};
struct index_nulls_not_distinct : nulls_not_distinct {};
struct param_key : ident {};
struct param_value : sor<string_lit, number_lit, bare_ident> {};
struct param_equals : one<'='> {};
struct storage_param : seq<param_key, ws, must<param_equals>, ws, must<param_value>> {};
struct params_close : one<')'> {};
struct storage_params : seq<one<'('>, ws, must<storage_param>, ws,
                            star<one<','>, ws, must<storage_param>, ws>, must<params_close>> {};
struct index_with : if_must<kw<"with">, hs, storage_params> {};
struct where_sql : sql_parens {};
struct index_where : if_must<kw<"where">, hs, where_sql> {};
struct index_clause : sor<index_include, index_nulls_not_distinct, index_with, index_where> {};
struct index_end : end_of_item {};
struct index_item : if_must<index_kw, opt<hs, index_name>, opt<hs, index_unique>, opt<cs, index_using>,
                            hs, index_keys, star<cs, index_clause>, index_end> {};

// exclude [NAME] [using METHOD] (ELEMENT, ...) [include (COL, ...)] [where ( SQL )]
//   [deferrable [initially deferred|immediate]]
//   ELEMENT: COL | ( SQL )  [OPCLASS] with OPERATOR
struct excl_kw : kw<"exclude"> {};
struct excl_name : seq<not_at<kw<"using">>, ident> {};
struct excl_method : ident {};
struct excl_using : if_must<kw<"using">, hs, excl_method> {};
struct excl_begin : success {};
struct excl_expression : sql_parens {};
struct excl_column : ident {};
struct excl_opclass : seq<not_at<kw<"with">>, qualified_name> {};
struct excl_operator : plus<one<'=', '<', '>', '&', '|', '-', '+', '*', '/', '~', '!', '@', '#',
                                '%', '^', '?'>> {};
struct excl_with : if_must<kw<"with">, ws, excl_operator> {};
struct excl_element : seq<excl_begin, sor<excl_expression, excl_column>, opt<ws, excl_opclass>, ws,
                          excl_with> {};
struct excl_close : one<')'> {};
struct excl_elements : seq<one<'('>, ws, must<excl_element>, ws,
                           star<one<','>, ws, must<excl_element>, ws>, must<excl_close>> {};
struct excl_include_column : ident {};
struct excl_include_columns : column_list<excl_include_column> {};
struct excl_include : if_must<kw<"include">, hs, excl_include_columns> {};
struct excl_where_sql : sql_parens {};
struct excl_where : if_must<kw<"where">, hs, excl_where_sql> {};
struct excl_clause : sor<excl_include, excl_where, key_deferrable> {};
struct excl_end : end_of_item {};
struct excl_item : if_must<excl_kw, opt<hs, excl_name>, opt<cs, excl_using>, hs, excl_elements,
                           star<cs, excl_clause>, excl_end> {};

// rls [force]
struct rls_force : kw<"force"> {};
struct rls_end : end_of_item {};
struct rls_kw : kw<"rls"> {};
struct rls_item : if_must<rls_kw, opt<hs, rls_force>, rls_end> {};

// policy "NAME" [as permissive|restrictive] [for CMD] [to ROLE, ...] [using ( SQL )]
//   [with check ( SQL )]
struct policy_kw : kw<"policy"> {};
// A clause keyword right after `policy` means the name was forgotten.
struct policy_name : sor<quoted_ident, seq<not_at<sor<kw<"as">, kw<"for">, kw<"to">, kw<"using">,
                                                      kw<"with">>>,
                                           bare_ident>> {};
struct policy_permissive : kw<"permissive"> {};
struct policy_restrictive : kw<"restrictive"> {};
struct policy_as_what : sor<policy_permissive, policy_restrictive> {};
struct policy_as : if_must<kw<"as">, hs, policy_as_what> {};
struct policy_command : sor<kw<"all">, kw<"select">, kw<"insert">, kw<"update">, kw<"delete">> {};
struct policy_for : if_must<kw<"for">, hs, policy_command> {};
struct policy_role : ident {};
struct policy_to : if_must<kw<"to">, hs, policy_role, star<hs, one<','>, hs, must<policy_role>>> {};
struct using_sql : sql_parens {};
struct policy_using : if_must<kw<"using">, hs, using_sql> {};
struct with_check_sql : sql_parens {};
struct policy_with_check : if_must<kw<"with">, hs, kw<"check">, hs, with_check_sql> {};
struct policy_clause : sor<policy_as, policy_for, policy_to, policy_using, policy_with_check> {};
struct policy_end : end_of_item {};
struct policy_item : if_must<policy_kw, hs, policy_name, star<cs, policy_clause>, policy_end> {};

// grant PRIVILEGE, ... to ROLE, ...
struct grant_kw : kw<"grant"> {};
struct privilege : sor<kw<"select">, kw<"insert">, kw<"update">, kw<"delete">, kw<"truncate">,
                       kw<"references">, kw<"trigger">, kw<"maintain">, kw<"all">> {};
struct grant_role : ident {};
struct grant_to : kw<"to"> {};
struct grant_end : end_of_item {};
struct grant_item : if_must<grant_kw, hs, privilege, star<hs, one<','>, hs, must<privilege>>, cs,
                            grant_to, hs, grant_role, star<hs, one<','>, hs, must<grant_role>>,
                            grant_end> {};

// realtime [replica identity full]
struct realtime_replica : if_must<kw<"replica">, hs, kw<"identity">, hs, kw<"full">> {};
struct realtime_end : end_of_item {};
struct realtime_kw : kw<"realtime"> {};
struct realtime_item : if_must<realtime_kw, opt<hs, realtime_replica>, realtime_end> {};

/// The first word of every table item but a column. Most lines are columns: their first word
/// is compared with these once instead of by each item's rule in turn.
struct item_keyword : any_kw<"primary", "unique", "check", "not", "foreign", "index", "rls",
                             "policy", "grant", "realtime", "exclude"> {};
struct table_item : sor<seq<at<item_keyword>, sor<pk_item, unique_item, check_item, not_null_item,
                                                  fk_item, index_item, rls_item, policy_item,
                                                  grant_item, realtime_item, excl_item>>,
                        column> {};

// ---------------------------------------------------------------------------------------------
// Declarations.

/// A top-level keyword at column 1: where recovery resumes, and where an unclosed table ends.
/// `grant` only as `grant PRIVILEGE, ... on`: a table's own `grant` items have no `on`, and may
/// be written in column 1.
struct top_grant_privilege : sor<privilege, kw<"usage">, kw<"create">> {};
struct top_grant : seq<kw<"grant">, hs, top_grant_privilege,
                       star<hs, one<','>, hs, top_grant_privilege>, hs, kw<"on">> {};
/// `domain NAME as` and `type NAME as` (grammar/type_grammar.h): a column named `domain` or
/// `type` written at column 1 in a table does not start a declaration.
struct top_type_keyword : seq<sor<kw<"domain">, kw<"type">>, hs, qualified_name, hs, kw<"as">> {};
struct top_owner : seq<kw<"owner">, hs, ident, hs, kw<"of">> {};
struct top_keyword : sor<any_kw<"table", "enum", "extension", "schema", "target", "extern",
                                "function", "trigger", "sequence">,
                         any_kw<"view", "materialized">, top_grant, top_owner, top_type_keyword> {};
inline bool StartsWithTopKeyword(const char* p, const char* e) {
  memory_input<tracking_mode::lazy> probe(p, e, "");
  return parse<top_keyword>(probe);
}
struct top_keyword_at_line_start {
  using rule_t = top_keyword_at_line_start;
  using subs_t = empty_list;
  template <typename Input>
  static bool match(Input& in) {
    return AtLineStart(in.current(), in.begin()) && StartsWithTopKeyword(in.current(), in.end());
  }
};

/// Skips a table item that failed to parse (see SkipItem).
struct item_recover {
  using rule_t = item_recover;
  using subs_t = empty_list;
  template <typename Input>
  static bool match(Input& in) {
    if (in.empty()) return false;
    const char* end = SkipItem(in.current(), in.end());
    if (end == in.current()) end = in.current() + 1;
    in.bump(static_cast<std::size_t>(end - in.current()));
    return true;
  }
};

/// Skips a declaration that failed to parse: up to the next line that starts with a top-level
/// keyword at column 1.
struct top_recover {
  using rule_t = top_recover;
  using subs_t = empty_list;
  template <typename Input>
  static bool match(Input& in) {
    const char* p = in.current();
    const char* e = in.end();
    if (p == e) return false;
    for (;;) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(e - p));
      if (nl == nullptr) {
        p = e;
        break;
      }
      p = static_cast<const char*>(nl) + 1;
      if (StartsWithTopKeyword(p, e)) break;
    }
    in.bump(static_cast<std::size_t>(p - in.current()));
    return true;
  }
};

// Gaps between items and declarations: blank lines, `--` comments and `///` doc lines.
struct gap_line_break : line_break {};
struct gap : star<sor<hs1, gap_line_break, line_comment, doc_line>> {};

struct item_begin : success {};
struct item : seq<item_begin, must<table_item>> {};
struct body_stop : sor<one<'}'>, eof, top_keyword_at_line_start> {};
struct table_close : one<'}'> {};
struct trailing_garbage : seq<hs, rest_of_line> {};
struct table_unclosed : success {};
struct table_end : sor<seq<table_close, sor<end_of_line, trailing_garbage>>, table_unclosed> {};
struct table_body : seq<gap, star<not_at<body_stop>, sor<try_catch_type<syntax_error, item>, item_recover>, gap>,
                        table_end> {};

struct table_kw : kw<"table"> {};
struct table_name : qualified_name {};
struct table_old_name : ident {};
struct table_renamed : if_must<kw<"renamed">, hs, kw<"from">, hs, table_old_name> {};
struct table_open : one<'{'> {};
struct table_decl : if_must<table_kw, hs, table_name, opt<cs, table_renamed>, ws, table_open, table_body> {};

struct target_name : sor<kw<"supabase">, kw<"postgres">> {};
struct target_end : end_of_line {};
struct target_decl : if_must<kw<"target">, hs, target_name, target_end> {};

struct extension_kw : kw<"extension"> {};
struct extension_name : ident {};
struct extension_schema_name : ident {};
struct extension_schema : if_must<kw<"schema">, hs, extension_schema_name> {};
struct extension_version_string : string_lit {};
struct extension_version : if_must<kw<"version">, hs, extension_version_string> {};
struct extension_end : end_of_line {};
struct extension_decl : if_must<extension_kw, hs, extension_name,
                                star<hs, sor<extension_schema, extension_version>>, extension_end> {};

struct schema_name : ident {};
struct schema_end : end_of_line {};
struct schema_decl : if_must<kw<"schema">, hs, schema_name, schema_end> {};

struct enum_kw : kw<"enum"> {};
struct enum_name : qualified_name {};
struct enum_label : string_lit {};
struct enum_old_label : string_lit {};
struct enum_renamed : if_must<kw<"renamed">, ws, kw<"from">, ws, enum_old_label> {};
struct enum_value : seq<enum_label, opt<ws, enum_renamed>> {};
struct enum_close : one<')'> {};
struct enum_open : one<'('> {};
struct enum_first_value : sor<enum_value, at<one<')'>>> {};
struct enum_values : seq<enum_open, ws, must<enum_first_value>, ws,
                         star<one<','>, ws, must<enum_value>, ws>, must<enum_close>> {};
struct enum_end : end_of_line {};
struct enum_decl : if_must<enum_kw, hs, enum_name, hs, enum_values, enum_end> {};

struct extern_kw : kw<"extern"> {};
struct extern_role_name : ident {};
struct extern_role_end : end_of_line {};
struct extern_role : if_must<kw<"role">, hs, extern_role_name, extern_role_end> {};
struct extern_what : sor<table_decl, extern_role> {};
struct extern_decl : if_must<extern_kw, hs, extern_what> {};

// grant PRIVILEGE, ... on all tables in schema SCHEMA to ROLE, ...
// grant usage|create, ... on schema SCHEMA to ROLE, ...
struct schema_grant_kw : kw<"grant"> {};
struct schema_grant_privilege : sor<privilege, kw<"usage">, kw<"create">> {};
struct schema_grant_all_tables : seq<kw<"all">, hs, kw<"tables">, hs, kw<"in">, hs,
                                     kw<"schema">> {};
struct schema_grant_on_schema : kw<"schema"> {};
struct schema_grant_on : seq<kw<"on">, hs, sor<schema_grant_all_tables, schema_grant_on_schema>> {};
struct schema_grant_schema : ident {};
struct schema_grant_to : kw<"to"> {};
struct schema_grant_role : ident {};
struct schema_grant_end : end_of_line {};
struct schema_grant_decl
    : if_must<schema_grant_kw, hs, schema_grant_privilege,
              star<hs, one<','>, hs, must<schema_grant_privilege>>, cs, schema_grant_on, hs,
              schema_grant_schema, cs, schema_grant_to, hs, schema_grant_role,
              star<hs, one<','>, hs, must<schema_grant_role>>, schema_grant_end> {};

}  // namespace schemac::grammar

// `function` declarations: their own file, as this one would pass 1,000 lines.
#include "grammar/function_grammar.h"  // NOLINT(build/include_order): uses the rules above.

namespace schemac::grammar {

}  // namespace schemac::grammar

// `trigger` declarations: their own file too.
#include "grammar/trigger_grammar.h"  // NOLINT(build/include_order): uses the rules above.

namespace schemac::grammar {

}  // namespace schemac::grammar

// `view` declarations: their own file too.
#include "grammar/view_grammar.h"  // NOLINT(build/include_order): uses the rules above.

// `owner` declarations too.
#include "grammar/owner_grammar.h"  // NOLINT(build/include_order): uses the rules above.
// `sequence` declarations: their own file too.
#include "grammar/sequence_grammar.h"  // NOLINT(build/include_order): uses the rules above.

namespace schemac::grammar {

}  // namespace schemac::grammar

// `domain` and composite `type` declarations: their own file too.
#include "grammar/type_grammar.h"  // NOLINT(build/include_order): uses the rules above.

namespace schemac::grammar {

struct declaration : sor<table_decl, enum_decl, extension_decl, schema_decl, target_decl,
                         extern_decl, schema_grant_decl, function_decl, trigger_decl, view_decl,
                         sequence_decl, owner_decl, domain_decl, composite_decl> {};
struct decl_begin : success {};
struct top_entry : sor<try_catch_type<syntax_error, decl_begin, must<declaration>>, top_recover> {};
struct file_end : eof {};
struct file : seq<opt<string<'\xEF', '\xBB', '\xBF'>>, gap, star<not_at<eof>, top_entry, gap>,
                  file_end> {};

}  // namespace schemac::grammar
