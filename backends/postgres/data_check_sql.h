#pragma once
// The SQL that asks a live database, before a plan runs, whether its rows would refuse a step:
// which steps see existing rows, and for each a bounded, read-only query over the rows as the
// step will see them (tables and columns under the names the plan gives them, types already
// changed, added columns filled with their defaults). Pure text: data_check.h runs the queries.
// docs/cli.md ("Data checks") lists what is checked.

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac::pg {

/// One question a step asks of the rows that exist now.
struct PlannedCheck {
  enum class Kind {
    kRows,  ///< `sql` returns (count, sample) of the rows that refuse the step.
    kCast,  ///< `sql` evaluates a cast on every row; if it fails, `count_sql` (a DO block)
            ///< counts the rows whose cast fails into the settings schemac.check_rows and
            ///< schemac.check_sample.
  };
  size_t step = 0;  ///< Index of the step in Plan::steps.
  Kind kind = Kind::kRows;
  std::string subject;    ///< What is checked when the step has several checks ("public.t.c"),
                          ///< else empty.
  std::string sql;        ///< The query (see Kind); empty when `skip` says why not.
  std::string count_sql;  ///< kCast only.
  /// The refusal, as "<count> <problem>": singular and plural ("row holds NULL").
  std::string problem_one;
  std::string problem_many;
  /// Whether a data error (SQLSTATE class 22) of `sql` is itself the refusal (a cast, a check
  /// expression that fails on a row) rather than a check that could not run.
  bool data_error_refuses = false;
  std::vector<ir::QualifiedName> tables;  ///< The live tables the query reads (for the size gate).
  std::string skip;  ///< Not checkable, and why ("reads column c, which the migration fills").
};

/// The checks of every step of `plan` that existing rows could refuse: a type change whose
/// cast fails on a row (or whose enum lacks a row's label), a column made NOT NULL (or added
/// NOT NULL without a default) over rows, a primary key, unique constraint or unique index over
/// duplicates, a check or foreign key (validated) over rows that violate it, a recreated enum
/// losing a value still held. Steps on tables the plan creates, and NOT VALID constraints, are
/// not checked (no row is read). `from` is the live database's schema, `to` the target; each
/// query stops after `cap` + 1 refusing rows. Only names are pasted, quoted; expressions are
/// the canonical catalog's own (checks, index keys and predicates, defaults).
std::vector<PlannedCheck> PlanDataChecks(const plan::Plan& plan, const ir::Schema& from,
                                         const ir::Schema& to, int64_t cap);

}  // namespace schemac::pg
