#pragma once
// Quoting of identifiers and strings for the .schema DSL (fmt and pull).

#include <string>
#include <string_view>

namespace schemac::dsl {

/// Where an identifier is written; decides which DSL keywords must be quoted there.
enum class NamePosition {
  /// A column name, at the start of a table item or in a column list: the item keywords
  /// (`primary unique check ...`), the clause keywords (`references on default ...`) and
  /// `extern` are quoted so the item is not misread.
  kColumn,
  /// A column of an index key, also followed by `asc`, `desc`, `nulls`.
  kIndexKey,
  /// Any other name (tables, schemas, roles, constraints, indexes, methods, collations).
  kOther,
};

/// True when `name` is a DSL keyword that must be quoted at `position`.
bool IsDslKeyword(std::string_view name, NamePosition position);

/// `name` as the DSL writes it: bare when it reads back as the same name (plain lowercase
/// identifier, not a DSL keyword at `position`), else in double quotes with `""` escaping.
std::string QuoteDslIdent(std::string_view name, NamePosition position = NamePosition::kOther);

}  // namespace schemac::dsl
