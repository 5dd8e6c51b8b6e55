#include "backends/dsl/dsl_names.h"

#include <algorithm>
#include <array>

#include "compiler/identifiers.h"

namespace schemac::dsl {

namespace {

// Words that start a table item, and words that continue one (docs/dsl.md, "Lines").
constexpr std::array<std::string_view, 28> kColumnKeywords = {
    "as",      "check",     "collate", "default",  "deferrable", "exclude",    "extern",     "for",
    "foreign", "generated", "grant",   "identity", "include",    "index",      "initially",
    "not",     "on",        "policy",  "primary",  "realtime",   "references", "renamed",
    "rls",     "to",        "unique",  "using",    "where",      "with"};
// Words that may follow the column of an index key.
constexpr std::array<std::string_view, 3> kIndexKeyKeywords = {"asc", "desc", "nulls"};
// Words that start a declaration or sit between a name and what follows it.
constexpr std::array<std::string_view, 7> kOtherKeywords = {"enum",   "extension", "from",  "key",
                                                            "schema", "table",     "target"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& words, std::string_view name) {
  return std::find(words.begin(), words.end(), name) != words.end();
}

}  // namespace

bool IsDslKeyword(std::string_view name, NamePosition position) {
  if (Contains(kColumnKeywords, name)) return true;
  if (position == NamePosition::kColumn) return false;
  if (Contains(kIndexKeyKeywords, name)) return true;
  if (position == NamePosition::kIndexKey) return false;
  return Contains(kOtherKeywords, name);
}

std::string QuoteDslIdent(std::string_view name, NamePosition position) {
  if (IsPlainIdentifier(name) && !IsDslKeyword(name, position)) return std::string(name);
  return DoubleQuoteIdent(name);
}

}  // namespace schemac::dsl
