#pragma once
// The built-in and extension types the DSL knows, with the spelling PostgreSQL's format_type()
// prints for each alias (int4 -> integer, timestamptz -> timestamp with time zone), so that a
// schema written either way resolves to the same IR.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace schemac {

enum class TypeFamily { kInteger, kNumeric, kFloat, kString, kBoolean, kTime, kVector, kOther };

struct TypeInfo {
  std::string_view name;       ///< format_type spelling.
  std::string_view extension;  ///< Non-empty for extension types (vector, citext, ...).
  TypeFamily family = TypeFamily::kOther;
  int max_modifiers = 0;       ///< How many typmod numbers the type takes.
  int64_t min_modifier = 0;    ///< Range of the first modifier.
  int64_t max_modifier = 0;
  bool collatable = false;
  std::string_view serial_of;  ///< For serial aliases: the integer type behind them.
  std::vector<int64_t> default_modifiers;  ///< `char` means character(1), `bit` bit(1).
};

/// Looks up a type name as written (lowercase, multi-word forms with single spaces).
const TypeInfo* FindType(std::string_view name);

/// Every name FindType accepts, for "did you mean" suggestions.
const std::vector<std::string>& KnownTypeNames();

/// `float(p)`: real for p <= 24, double precision above (as PostgreSQL maps it).
std::string_view FloatPrecisionType(int64_t precision);

/// Whether values of two types can be compared by a foreign key (same type, or both integer,
/// both string types, both numeric kinds).
bool ForeignKeyCompatible(const TypeInfo* a, std::string_view a_name, const TypeInfo* b,
                          std::string_view b_name);

}  // namespace schemac
