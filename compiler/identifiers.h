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

/// `'text'` with inner single quotes doubled (standard_conforming_strings on).
std::string QuoteSqlString(std::string_view text);

}  // namespace schemac
