#pragma once
// The one definition of each step kind (compiler/plan.h StepKind): everything about a kind that
// is not SQL, in one table in step_kinds.cc. Adding a kind is one entry there plus its SQL in
// backends/postgres/emit.cc. The plan stage (plan.cc) reads the phase and the hazards, Step's
// Describe the description, the plan's renderers the mark.

#include <cstdint>
#include <set>
#include <string>

#include "compiler/plan.h"

namespace schemac::plan {

/// What the hazards of one step depend on beyond the step: the plan's options, and the tables
/// the plan creates (no other session can lock or write a table before the migration that
/// creates it commits, so what runs on it blocks nobody).
struct HazardContext {
  const PlanOptions& options;
  /// Tables with a kCreateTable step in the plan (and no kDropTable step).
  const std::set<ir::QualifiedName>& created_tables;

  /// Whether the plan creates `table`.
  bool Created(const ir::QualifiedName& table) const { return created_tables.count(table) > 0; }
};

/// A kind's definition.
struct StepKindInfo {
  StepKind kind;
  const char* id;  ///< Stable, snake_case: "add_enum_value".
  Mark mark;
  /// Hazards of every step of the kind.
  uint32_t hazards;
  /// Dependency order: a step runs after every step of a lower phase (plan.cc, Finalize).
  int phase;
  /// The step as one line for humans (Step::Describe).
  std::string (*describe)(const Step& step);
  /// The hazards of one step beyond `hazards`, from what it changes, the options and the tables
  /// the plan creates; null when there are none.
  uint32_t (*step_hazards)(const Step& step, const HazardContext& context) = nullptr;
  /// The phase of a step about a foreign key, when it differs from `phase` (foreign keys are
  /// dropped before, and added after, the keys they reference).
  int foreign_key_phase = kSamePhase;

  static constexpr int kSamePhase = -1000;
};

/// The definition of `kind`.
const StepKindInfo& InfoOf(StepKind kind);

/// The step's phase: its kind's, or its kind's foreign key phase for a foreign key.
int PhaseOf(const Step& step);

}  // namespace schemac::plan
