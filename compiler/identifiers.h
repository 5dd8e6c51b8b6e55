#pragma once
// Quoting of identifiers, shared by the SQL and DSL writers.

#include <string>
#include <string_view>

namespace schemac {

/// True when `name` is written without quotes in SQL and stays the same: a lowercase letter or
/// underscore, then lowercase letters, digits, underscores or dollar signs.
bool IsPlainIdentifier(std::string_view name);

/// True for PostgreSQL keywords that quote_ident() quotes (every keyword that is not
/// unreserved: reserved, type/function-name and column-name keywords).
bool IsSqlKeyword(std::string_view name);

/// `name` as PostgreSQL's quote_ident() writes it: bare when plain and not a keyword, else in
/// double quotes with inner quotes doubled.
std::string QuoteSqlIdent(std::string_view name);

/// `"name"` with inner double quotes doubled, whatever the name.
std::string DoubleQuoteIdent(std::string_view name);

/// `'text'` with inner single quotes doubled: the form PostgreSQL itself prints with
/// standard_conforming_strings on (canonical texts, the DSL). Means something else when the
/// setting is off and `text` holds a backslash: never use it for SQL that is sent or written.
std::string QuoteSqlString(std::string_view text);

/// `text` as a SQL string literal that means the same whatever standard_conforming_strings is:
/// `'text'` with single quotes doubled, or, when `text` holds a backslash, `E'text'` with
/// backslashes and single quotes doubled (an E'' string reads backslashes as escapes under
/// either setting, a plain one only when the setting is off). Every literal schemac sends to a
/// server or writes into a migration is written by this.
std::string QuoteSqlLiteral(std::string_view text);

/// `sql` (read with standard_conforming_strings on) with each plain string literal that holds a
/// backslash rewritten as the E'' literal of the same value, so that it reads the same under
/// either setting. Everything else is kept byte for byte: E'' strings, quoted identifiers,
/// dollar-quoted bodies, comments, and prefixed literals (B'', X'', N'', U&''). For SQL that
/// schemac writes around verbatim expressions (defaults, checks, policies read back from
/// PostgreSQL), where a setting changed by the user would otherwise change their meaning.
std::string SettingProofSql(std::string_view sql);

}  // namespace schemac
