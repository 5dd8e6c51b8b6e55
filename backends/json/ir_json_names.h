#pragma once
// The names ToJson writes for the IR's enums (target, type kind, sort order, nulls, replica
// identity, a function's argument modes, volatility and parallel safety), shared by the writer (ir_json_write.cc) and the reader (ir_json_read.cc) so that the
// two cannot drift apart. Internal to backends/json.

#include <array>

#include "compiler/ir.h"

namespace schemac::json::internal {

// The names enums are written by, shared with the reader so that the two cannot drift apart.
// (FkAction, PolicyCommand, Identity and Generated are written by ir::ToString.)
template <typename E>
struct EnumName {
  const char* name = "";
  E value{};
};

constexpr std::array<EnumName<ir::Target>, 2> kTargetNames{{
    {"postgres", ir::Target::kPostgres},
    {"supabase", ir::Target::kSupabase},
}};
constexpr std::array<EnumName<ir::TypeKind>, 4> kTypeKindNames{{
    {"builtin", ir::TypeKind::kBuiltin},
    {"enum", ir::TypeKind::kEnum},
    {"extension", ir::TypeKind::kExtension},
    {"other", ir::TypeKind::kOther},
}};
constexpr std::array<EnumName<ir::SortOrder>, 2> kSortOrderNames{{
    {"asc", ir::SortOrder::kAsc},
    {"desc", ir::SortOrder::kDesc},
}};
constexpr std::array<EnumName<bool>, 2> kNullsFirstNames{{{"last", false}, {"first", true}}};
constexpr std::array<EnumName<ir::ReplicaIdentity>, 2> kReplicaIdentityNames{{
    {"default", ir::ReplicaIdentity::kDefault},
    {"full", ir::ReplicaIdentity::kFull},
}};

constexpr std::array<EnumName<ir::ArgMode>, 5> kArgModeNames{{
    {"in", ir::ArgMode::kIn},
    {"out", ir::ArgMode::kOut},
    {"inout", ir::ArgMode::kInOut},
    {"variadic", ir::ArgMode::kVariadic},
    {"table", ir::ArgMode::kTable},
}};
constexpr std::array<EnumName<ir::Volatility>, 3> kVolatilityNames{{
    {"volatile", ir::Volatility::kVolatile},
    {"stable", ir::Volatility::kStable},
    {"immutable", ir::Volatility::kImmutable},
}};
constexpr std::array<EnumName<ir::Parallel>, 3> kParallelNames{{
    {"unsafe", ir::Parallel::kUnsafe},
    {"restricted", ir::Parallel::kRestricted},
    {"safe", ir::Parallel::kSafe},
}};

template <typename E, size_t N>
const char* NameOf(const std::array<EnumName<E>, N>& names, E value) {
  for (const EnumName<E>& name : names) {
    if (name.value == value) return name.name;
  }
  return names[0].name;  // Unreachable for a valid enum value.
}

}  // namespace schemac::json::internal
