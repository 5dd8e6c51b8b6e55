#pragma once
// PEGTL grammar of the `function` declaration (docs/dsl.md, "Functions"). Part of
// grammar/schema_grammar.h, which includes it where the declarations begin: the rules use its
// lexical rules, types and `top_keyword_at_line_start`. The actions are in
// compiler/parse_actions.inc, the messages of the `must` points in compiler/parse_messages.inc.
//
//   function [SCHEMA.]NAME ([in|out|inout|variadic] [ARG] TYPE [default EXPR], ...)
//     returns [setof] TYPE | returns table (COL TYPE, ...)
//     CLAUSE ...
//
// The clauses follow on the same line or on the next lines (see `fs`), in any order. The body
// (`as $tag$...$tag$`) is opaque: nothing inside it is parsed, whatever its lines start with.
// An argument's default is verbatim SQL that ends at a `,` or `)` (or the end of the line)
// outside parentheses, strings, quoted identifiers, dollar quotes and comments
// (ScanSqlUntilDelimiter).

namespace schemac::grammar {

/// Scans verbatim SQL from `p` up to (not including) the first `,` or `)` outside parentheses,
/// brackets, strings, quoted identifiers, dollar quotes and comments, or the end of its line
/// outside them (a default that spans lines is parenthesized). When kOk, `end` is just
/// after the last character that is neither blank nor part of a trailing `--` comment (such a
/// comment is the DSL's, kept by fmt, not the expression's); kUnclosedParen when the input ends
/// first or a line starts a declaration (as ScanSqlParens).
inline SqlScanResult ScanSqlUntilDelimiter(const char* p, const char* e) {
  std::size_t depth = 0;
  const char* open = p;
  const char* code_end = p;
  while (p < e) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (depth == 0 && (c == ',' || c == ')')) return {SqlScan::kOk, code_end};
    if (c == '-' && p + 1 < e && p[1] == '-') {
      p = EndOfLine(p, e);
      continue;
    }
    if (c == '\n' && depth == 0) return {SqlScan::kOk, code_end};
    if (c == '\n' || c == '\r' || IsBlankAt(p, e)) {
      ++p;
      if (c == '\n' && LineStartsDeclaration(p, e)) return {SqlScan::kUnclosedParen, open};
      continue;
    }
    if (c == '(' || c == '[') {
      if (depth == 0) open = p;
      ++depth;
      ++p;
    } else if (c == ')' || c == ']') {
      if (depth > 0) --depth;
      ++p;
    } else if (c == '\'' || c == '"') {
      const char* q = SkipQuoted(p, e, static_cast<char>(c), false, false);
      if (q == nullptr) {
        return {c == '\'' ? SqlScan::kUnterminatedString : SqlScan::kUnterminatedIdent, p};
      }
      p = q;
    } else if (c == '/' && p + 1 < e && p[1] == '*') {
      // Nested, as PostgreSQL reads them (and as ScanSqlParens skips them).
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
    } else if (c == '$') {
      const char* body = DollarQuoteOpen(p, e);
      if (body == nullptr) {
        code_end = ++p;
        continue;
      }
      std::string_view tag(p, static_cast<std::size_t>(body - p));
      std::size_t close = std::string_view(body, static_cast<std::size_t>(e - body)).find(tag);
      if (close == std::string_view::npos) return {SqlScan::kUnterminatedDollar, p};
      p = body + close + tag.size();
    } else if (IsIdentStart(c)) {
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
    code_end = p;
  }
  return {SqlScan::kUnclosedParen, open};
}

/// An argument's default: verbatim SQL up to a top-level `,` or `)`, at least one character
/// that is not blank. Lexical errors raise at once, as in sql_parens.
struct fn_default_sql {
  using rule_t = fn_default_sql;
  using subs_t = empty_list;
  template <apply_mode, rewind_mode, template <typename...> class Action,
            template <typename...> class Control, typename Input, typename... States>
  static bool match(Input& in, States&&... st) {
    SqlScanResult r = ScanSqlUntilDelimiter(in.current(), in.end());
    if (r.status == SqlScan::kOk) {
      if (r.end == in.current()) return false;
      in.bump(static_cast<std::size_t>(r.end - in.current()));
      return true;
    }
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

/// A dollar-quoted body, `$$...$$` or `$tag$...$tag$`, opaque: it ends at the first occurrence
/// of its opening tag, whatever lies between. An unterminated one raises.
struct fn_body {
  using rule_t = fn_body;
  using subs_t = empty_list;
  template <apply_mode, rewind_mode, template <typename...> class Action,
            template <typename...> class Control, typename Input, typename... States>
  static bool match(Input& in, States&&... st) {
    const char* p = in.current();
    const char* e = in.end();
    if (p == e || *p != '$') return false;
    const char* body = DollarQuoteOpen(p, e);
    if (body == nullptr) return false;
    std::string_view tag(p, static_cast<std::size_t>(body - p));
    std::size_t close = std::string_view(body, static_cast<std::size_t>(e - body)).find(tag);
    if (close == std::string_view::npos) Control<unterminated_dollar_quote>::raise(in, st...);
    in.bump(static_cast<std::size_t>(body + close + tag.size() - p));
    return true;
  }
};

/// The first word of every function clause: a line that starts with one (after blanks, and
/// not with a top-level keyword at column 1) continues the function.
struct fn_clause_keyword
    : any_kw<"returns", "language", "immutable", "stable", "volatile", "strict", "called",
             "security", "leakproof", "parallel", "cost", "rows", "set", "grant", "revoke",
             "as"> {};
struct fn_continuation
    : seq<opt<line_comment>, plus<line_break, hs, opt<line_comment>>,
          not_at<top_keyword_at_line_start>, at<fn_clause_keyword>> {};
/// Separator before a function clause: blanks, or line breaks before a clause keyword.
struct fs : seq<hs, opt<fn_continuation>> {};

struct function_kw : kw<"function"> {};
struct function_name : qualified_name {};

// Arguments: `[in|out|inout|variadic] [NAME] TYPE [default EXPR | = EXPR]`. A type alone is
// tried first (followed by `,`, `)`, `default` or `=`), so that `double precision` or `text`
// is a type, and `name text` a name and a type.
struct fn_arg_begin : success {};
struct fn_arg_mode : any_kw<"in", "out", "inout", "variadic"> {};
struct fn_arg_name : ident {};
struct fn_arg_type : type_core {};
struct fn_arg_type_end : at<hs, sor<one<','>, one<')'>, kw<"default">, one<'='>, line_break,
                                    line_comment>> {};
struct fn_arg_named : seq<fn_arg_name, hs1, fn_arg_type> {};
struct fn_arg_what : sor<seq<fn_arg_type, fn_arg_type_end>, fn_arg_named> {};
struct fn_default_equals : one<'='> {};
struct fn_arg_default : if_must<sor<kw<"default">, fn_default_equals>, ws, fn_default_sql> {};
struct fn_arg : seq<fn_arg_begin, opt<fn_arg_mode, hs1>, must<fn_arg_what>,
                    opt<ws, fn_arg_default>> {};
struct fn_first_arg : sor<at<one<')'>>, fn_arg> {};
struct fn_args_close : one<')'> {};
struct fn_args_open : one<'('> {};
struct fn_args : seq<fn_args_open, ws, must<fn_first_arg>, ws,
                     star<one<','>, ws, must<fn_arg>, ws>, must<fn_args_close>> {};

// `returns [setof] TYPE` or `returns table (COL TYPE, ...)`.
struct fn_setof : kw<"setof"> {};
struct fn_return_type : type_core {};
struct fn_column_name : ident {};
struct fn_column_type : type_core {};
struct fn_column : seq<fn_arg_begin, fn_column_name, hs1, must<fn_column_type>> {};
struct fn_columns_close : one<')'> {};
struct fn_columns_open : one<'('> {};
struct fn_columns : seq<fn_columns_open, ws, must<fn_column>, ws,
                        star<one<','>, ws, must<fn_column>, ws>, must<fn_columns_close>> {};
struct fn_returns_table : if_must<kw<"table">, hs, fn_columns> {};
struct fn_returns_what : sor<fn_returns_table, seq<opt<fn_setof, hs1>, fn_return_type>> {};
struct fn_returns_kw : kw<"returns"> {};
struct fn_returns : if_must<fn_returns_kw, hs, fn_returns_what> {};

// Clauses.
struct fn_language_name : ident {};
struct fn_language : if_must<kw<"language">, hs, fn_language_name> {};
struct fn_volatility : any_kw<"immutable", "stable", "volatile"> {};
struct fn_strict : kw<"strict"> {};
struct fn_called : if_must<kw<"called">, hs, kw<"on">, hs, kw<"null">, hs, kw<"input">> {};
struct fn_security_what : any_kw<"definer", "invoker"> {};
struct fn_security : if_must<kw<"security">, hs, fn_security_what> {};
struct fn_leakproof : kw<"leakproof"> {};
struct fn_parallel_what : any_kw<"safe", "restricted", "unsafe"> {};
struct fn_parallel : if_must<kw<"parallel">, hs, fn_parallel_what> {};
struct fn_cost_number : number_lit {};
struct fn_cost : if_must<kw<"cost">, hs, fn_cost_number> {};
struct fn_rows_number : number_lit {};
struct fn_rows : if_must<kw<"rows">, hs, fn_rows_number> {};
struct fn_set_name : qualified_name {};
struct fn_set_assign : sor<one<'='>, kw<"to">> {};
struct fn_set_value : sor<string_lit, number_lit, ident> {};
struct fn_set : if_must<kw<"set">, hs, fn_set_name, hs, fn_set_assign, hs, fn_set_value,
                        star<hs, one<','>, hs, must<fn_set_value>>> {};
struct fn_grant_role : ident {};
struct fn_grant_kw : kw<"grant"> {};
struct fn_grant : if_must<fn_grant_kw, hs, kw<"execute">, hs, kw<"to">, hs, fn_grant_role,
                          star<hs, one<','>, hs, must<fn_grant_role>>> {};
struct fn_revoke_role : ident {};
struct fn_revoke_kw : kw<"revoke"> {};
struct fn_revoke : if_must<fn_revoke_kw, hs, kw<"execute">, hs, kw<"from">, hs, fn_revoke_role,
                           star<hs, one<','>, hs, must<fn_revoke_role>>> {};
struct fn_as_body : fn_body {};
struct fn_as : if_must<kw<"as">, ws, fn_as_body> {};
struct fn_clause_begin : success {};
struct fn_clause : seq<fn_clause_begin,
                       sor<fn_language, fn_volatility, fn_strict, fn_called, fn_security,
                           fn_leakproof, fn_parallel, fn_cost, fn_rows, fn_set, fn_grant,
                           fn_revoke, fn_as>> {};
struct fn_end : end_of_line {};
struct function_decl : if_must<function_kw, hs, function_name, hs, fn_args, fs, fn_returns,
                               star<fs, fn_clause>, fn_end> {};

}  // namespace schemac::grammar
