#pragma once
// The diff engine: compares two schemas in canonical form and lists the steps that take a
// database from one to the other (compiler/plan.h); the plan stage (plan::Finalize) then orders
// them, sets their hazards and records refusals. Deterministic: the same inputs give the same
// plan. Never an implicit CASCADE: what depends on a dropped object is dropped by its own step,
// earlier.

#include <map>
#include <string>
#include <utility>

#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac {

/// Renames the target schema asks for (from DSL hints), each from an old name to a new one.
struct Renames {
  std::map<ir::QualifiedName, ir::QualifiedName> tables;
  /// (table name in the target, old column) -> new column.
  std::map<std::pair<ir::QualifiedName, std::string>, std::string> columns;
  /// (enum, old label) -> new label.
  std::map<std::pair<ir::QualifiedName, std::string>, std::string> enum_values;
  /// Old sequence name -> new (same schema).
  std::map<ir::QualifiedName, ir::QualifiedName> sequences;

  /// The same renames the other way, for the reverse plan.
  Renames Inverted() const;
};

/// The renames `to`'s hints (renamed_from) ask for, taken from a schema compiled from .schema
/// files (hints do not survive the dev database). A hint whose old name is absent from `from`,
/// or whose new name is already there, is not a rename (already applied, or nothing to rename).
Renames RenamesFromHints(const ir::Schema& hinted);

struct DiffOptions {
  /// Plan DATA_LOSS steps without an error.
  bool allow_destructive = false;
  /// Remove or reorder enum values by recreating the type and converting its columns (fails
  /// when a row holds a removed value) instead of refusing.
  bool allow_enum_recreate = false;
  /// Indexes will be created CONCURRENTLY, outside the transaction: their steps get
  /// NOT_TRANSACTIONAL (pass the same to the SQL writer, pg::EmitOptions).
  bool concurrent_indexes = false;
};

/// Plans `from` -> `to`: the steps, ordered, with their final hazards. Refusals (an enum value
/// removed or reordered, both names of a rename live, destructive steps without
/// allow_destructive) are in Plan::errors.
plan::Plan Diff(const ir::Schema& from, const ir::Schema& to, const Renames& renames,
                const DiffOptions& options = {});

}  // namespace schemac
