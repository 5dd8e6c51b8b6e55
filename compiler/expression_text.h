#pragma once
// The text of one SQL expression as PostgreSQL prints it back (pg_get_expr): which parentheses
// around the whole text only group it, and which belong to the expression itself.

#include <string>
#include <string_view>

namespace schemac {

/// True when `(text)` means what `text` means: `text` is one whole expression, not the inside of
/// a scalar subquery (`SELECT ...`, `VALUES ...`, `WITH ...`, `TABLE ...`, or a set operation or
/// LIMIT after a parenthesized query) and not a list (`a, b`, the inside of a row constructor).
/// Strings, quoted names and `E'...'` escapes are skipped; brackets count like parentheses.
bool IsWholeExpression(std::string_view text);

/// `((a + b))` -> `a + b`: removes the parentheses that enclose the whole text as long as they
/// only group it, and keeps those that belong to the expression: `( SELECT f(x) AS f)` (a scalar
/// subquery) and `(a, b)` (a row) stay as they are. The result is always an expression that a
/// writer may put in parentheses of its own (`USING (...)`, `CHECK (...)`, the DSL's `(...)`).
std::string StripGroupingParens(std::string_view expression);

}  // namespace schemac
