#pragma once
// What a syntax error says at each `must` point of the grammar (grammar/schema_grammar.h):
// "expected <What()>", the clause words offered as "did you mean", and the PEGTL control class
// that reports and unwinds. Templates over the grammar's rules, instantiated by the one
// pegtl::parse in parse_actions.cc; the rest of the messages are in parse_messages.cc.

#include <string>
#include <type_traits>
#include <vector>

#include "compiler/parse_internal.h"

namespace schemac::parse_internal {

// ---------------------------------------------------------------------------------------------
// Error messages: what was expected at each `must` point.

template <typename Rule>
struct Expect {
  static std::string What() { return {}; }
  static constexpr bool kHead = false;
};

#define SCHEMAC_EXPECT(rule, text)                  \
  template <>                                       \
  struct Expect<g::rule> {                          \
    static std::string What() { return text; }     \
    static constexpr bool kHead = false;            \
  }
#define SCHEMAC_EXPECT_AFTER_HEAD(rule, text)       \
  template <>                                       \
  struct Expect<g::rule> {                          \
    static std::string What() { return text; }     \
    static constexpr bool kHead = true;             \
  }

template <g::Word W>
struct Expect<g::kw<W>> {
  static std::string What() { return "'" + std::string(W.view()) + "'"; }
  static constexpr bool kHead = false;
};

SCHEMAC_EXPECT(type_mod_number, "a number");
SCHEMAC_EXPECT(type_mod_close, "',' or ')'");
SCHEMAC_EXPECT(time_zone_word, "'time zone'");
SCHEMAC_EXPECT(column_type, "a column type");
SCHEMAC_EXPECT(cast_type, "a type");
SCHEMAC_EXPECT(col_old_name, "the old column name");
SCHEMAC_EXPECT(ref_table, "a table name");
SCHEMAC_EXPECT(ref_column, "a column name");
SCHEMAC_EXPECT(list_close, "',' or ')'");
SCHEMAC_EXPECT(fk_set_what, "'null' or 'default'");
SCHEMAC_EXPECT(fk_action, "'cascade', 'restrict', 'set null', 'set default' or 'no action'");
SCHEMAC_EXPECT(ref_on_event, "'delete' or 'update'");
SCHEMAC_EXPECT(ref_initially_what, "'deferred' or 'immediate'");
SCHEMAC_EXPECT(default_value, "a default value (a literal, a function call or '(' SQL ')')");
SCHEMAC_EXPECT(gen_kind, "'always' or 'by default'");
SCHEMAC_EXPECT(gen_always_what, "'identity' or a parenthesized SQL expression");
SCHEMAC_EXPECT(collation_name, "a collation name");
SCHEMAC_EXPECT(col_check_sql, "a parenthesized SQL expression");
SCHEMAC_EXPECT(pk_column, "a column name");
SCHEMAC_EXPECT(pk_columns, "'('");
SCHEMAC_EXPECT(pk_end, "end of line");
SCHEMAC_EXPECT(unique_column, "a column name");
SCHEMAC_EXPECT(unique_columns, "'('");
SCHEMAC_EXPECT(unique_end, "end of line");
SCHEMAC_EXPECT(check_sql, "a parenthesized SQL expression");
SCHEMAC_EXPECT(check_end, "'no inherit', 'not valid' or end of line");
SCHEMAC_EXPECT(not_null_end, "'no inherit', 'not valid' or end of line");
SCHEMAC_EXPECT(not_null_column, "a column name");
SCHEMAC_EXPECT(fk_column, "a column name");
SCHEMAC_EXPECT(fk_columns, "'('");
SCHEMAC_EXPECT(fk_references, "'references'");
SCHEMAC_EXPECT(fk_end, "'on delete', 'on update', 'deferrable', 'not valid' or end of line");
SCHEMAC_EXPECT(index_method, "an index method");
SCHEMAC_EXPECT(index_keys, "'('");
SCHEMAC_EXPECT(index_key, "an index key (a column name or a parenthesized expression)");
SCHEMAC_EXPECT(index_key_close, "',' or ')'");
SCHEMAC_EXPECT(key_collation, "a collation name");
SCHEMAC_EXPECT(key_nulls_what, "'first' or 'last'");
SCHEMAC_EXPECT(include_column, "a column name");
SCHEMAC_EXPECT(include_columns, "'('");
SCHEMAC_EXPECT(storage_params, "'('");
SCHEMAC_EXPECT(storage_param, "a storage parameter name");
SCHEMAC_EXPECT(param_equals, "'='");
SCHEMAC_EXPECT(param_value, "a value");
SCHEMAC_EXPECT(params_close, "',' or ')'");
SCHEMAC_EXPECT(where_sql, "a parenthesized SQL expression");
SCHEMAC_EXPECT(index_end, "'include', 'nulls not distinct', 'with', 'where' or end of line");
SCHEMAC_EXPECT(rls_end, "'force' or end of line");
SCHEMAC_EXPECT(policy_name, "a policy name (\"in double quotes\")");
SCHEMAC_EXPECT(policy_as_what, "'permissive' or 'restrictive'");
SCHEMAC_EXPECT(policy_command, "'all', 'select', 'insert', 'update' or 'delete'");
SCHEMAC_EXPECT(policy_role, "a role name");
SCHEMAC_EXPECT(using_sql, "a parenthesized SQL expression");
SCHEMAC_EXPECT(with_check_sql, "a parenthesized SQL expression");
SCHEMAC_EXPECT(policy_end, "'as', 'for', 'to', 'using', 'with check' or end of line");
SCHEMAC_EXPECT(privilege,
               "a privilege (select, insert, update, delete, truncate, references, trigger, maintain, all)");
SCHEMAC_EXPECT(grant_to, "',' or 'to'");
SCHEMAC_EXPECT(grant_role, "a role name");
SCHEMAC_EXPECT(grant_end, "',' or end of line");
SCHEMAC_EXPECT(realtime_end, "'replica identity full' or end of line");
SCHEMAC_EXPECT(table_name, "a table name");
SCHEMAC_EXPECT(table_old_name, "the old table name");
SCHEMAC_EXPECT_AFTER_HEAD(table_open, "'{'");
SCHEMAC_EXPECT(target_name, "'supabase' or 'postgres'");
SCHEMAC_EXPECT(target_end, "end of line");
SCHEMAC_EXPECT(extension_name, "an extension name");
SCHEMAC_EXPECT(extension_schema_name, "a schema name");
SCHEMAC_EXPECT(extension_version_string, "a version string ('1.0')");
SCHEMAC_EXPECT(extension_end, "'schema', 'version' or end of line");
SCHEMAC_EXPECT(schema_name, "a schema name");
SCHEMAC_EXPECT(schema_end, "end of line");
SCHEMAC_EXPECT(enum_name, "an enum name");
SCHEMAC_EXPECT_AFTER_HEAD(enum_values, "'('");
SCHEMAC_EXPECT(enum_first_value, "an enum label ('quoted') or ')'");
SCHEMAC_EXPECT(enum_value, "an enum label ('quoted')");
SCHEMAC_EXPECT(enum_old_label, "the old label ('quoted')");
SCHEMAC_EXPECT(enum_close, "',' or ')'");
SCHEMAC_EXPECT(enum_end, "end of line");
SCHEMAC_EXPECT(extern_what, "'table' or 'role'");
SCHEMAC_EXPECT(extern_role_name, "a role name");
SCHEMAC_EXPECT(extern_role_end, "end of line");

#undef SCHEMAC_EXPECT
#undef SCHEMAC_EXPECT_AFTER_HEAD

// Clause words offered as "did you mean" at the end of an item.
template <typename Rule>
const std::vector<std::string>* SuggestionsFor() {
  static const std::vector<std::string> policy = {"as", "for", "to", "using", "with"};
  static const std::vector<std::string> index = {"include", "nulls", "with", "where"};
  static const std::vector<std::string> fk = {"on", "deferrable", "not", "initially"};
  static const std::vector<std::string> check = {"no", "not"};
  static const std::vector<std::string> extension = {"schema", "version"};
  static const std::vector<std::string> rls = {"force"};
  static const std::vector<std::string> realtime = {"replica"};
  if constexpr (std::is_same_v<Rule, g::policy_end>) return &policy;
  if constexpr (std::is_same_v<Rule, g::index_end>) return &index;
  if constexpr (std::is_same_v<Rule, g::fk_end>) return &fk;
  if constexpr (std::is_same_v<Rule, g::check_end>) return &check;
  if constexpr (std::is_same_v<Rule, g::not_null_end>) return &check;
  if constexpr (std::is_same_v<Rule, g::extension_end>) return &extension;
  if constexpr (std::is_same_v<Rule, g::rls_end>) return &rls;
  if constexpr (std::is_same_v<Rule, g::realtime_end>) return &realtime;
  return nullptr;
}

template <typename Rule>
void Report(State& s, const char* at) {
  if constexpr (std::is_same_v<Rule, g::unterminated_string>) {
    s.LexicalError(at, 1, "unterminated string literal");
  } else if constexpr (std::is_same_v<Rule, g::unterminated_quoted_ident>) {
    s.LexicalError(at, 1, "unterminated quoted identifier");
  } else if constexpr (std::is_same_v<Rule, g::empty_quoted_ident>) {
    s.LexicalError(at, 2, "zero-length quoted identifier");
  } else if constexpr (std::is_same_v<Rule, g::unclosed_sql_paren>) {
    s.LexicalError(at, 1, "unclosed '(' in SQL expression");
  } else if constexpr (std::is_same_v<Rule, g::unterminated_sql_comment>) {
    s.LexicalError(at, 2, "unterminated comment in SQL expression");
  } else if constexpr (std::is_same_v<Rule, g::unterminated_dollar_quote>) {
    s.LexicalError(at, 1, "unterminated dollar-quoted string");
  } else if constexpr (std::is_same_v<Rule, g::column_end>) {
    ReportColumnEnd(s, at);
  } else if constexpr (std::is_same_v<Rule, g::table_item>) {
    s.Expected(at, "a column or a table item");
  } else if constexpr (std::is_same_v<Rule, g::declaration>) {
    s.head = nullptr;
    Token t = s.TokenAt(s.SkipBlanksAndComment(at));
    std::string message =
        "expected a declaration (table, enum, extension, schema, target, extern), found " + t.text;
    if (!t.word.empty()) {
      message = WithTypoSuggestion(std::move(message), Lower(t.word), kDeclarationKeywords);
    }
    s.diags.Error(s.SpanOf(t.begin, t.end), std::move(message));
  } else {
    std::string what = Expect<Rule>::What();
    if (what.empty()) {
      Token t = s.TokenAt(s.SkipBlanksAndComment(at));
      s.diags.Error(s.SpanOf(t.begin, t.end), "unexpected " + t.text);
      return;
    }
    s.Expected(at, what, Expect<Rule>::kHead, SuggestionsFor<Rule>());
  }
}

template <typename Rule>
struct Control : pegtl::normal<Rule> {
  template <typename Input>
  [[noreturn]] static void raise(const Input& in, State& s) {
    Report<Rule>(s, in.current());
    throw g::syntax_error{};
  }
};

}  // namespace schemac::parse_internal
