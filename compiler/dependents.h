#pragma once
// What the dependency graph (ir::Schema::dependencies, pg_depend as introspected) decides in a
// plan: the objects each step creates or drops (ObjectsOf), the order of the steps
// (OrderByDependencies, compiler/order.cc), the dependents rebuilt around a change, the hazard
// of a column a function body names, and the refusal to drop a schema that still holds objects
// (compiler/dependents.cc).

#include <map>
#include <vector>

#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac::plan {

/// The managed objects one step makes or changes (`creates`: what must exist before it, so it
/// runs after the steps that create what they depend on) and removes (`drops`: what depends on
/// them is dropped first).
struct StepObjects {
  std::vector<ir::ObjectRef> creates;
  std::vector<ir::ObjectRef> drops;
};

/// The objects of `step`. `from` gives the columns of a dropped table; may be null.
StepObjects ObjectsOf(const Step& step, const ir::Schema* from);

/// The steps of `steps` (an index of step positions by object) that make or drop `ref`; for
/// a column, those of its view when it is a view's (views are made and dropped whole). Null
/// when none.
const std::vector<size_t>* StepsOf(const std::map<ir::ObjectRef, std::vector<size_t>>& steps,
                                   const ir::ObjectRef& ref);

/// The ObjectRef of a function: its name and "(integer, text)", its input argument types.
ir::ObjectRef FunctionRef(const ir::Function& function);

/// Orders `steps` (already sorted by phase) so that a step creating an object runs after the
/// steps creating what it depends on in `to`, and a step dropping an object runs after the
/// steps dropping what depends on it in `from`; otherwise the phase order stays (a stable
/// topological sort). A cycle keeps the phase order among its steps. Null schemas add no edges.
void OrderByDependencies(std::vector<Step>& steps, const ir::Schema* from, const ir::Schema* to);

/// After the per-kind diffs: every view, policy, trigger, index, and default or check that
/// calls a function which, in `from`, depends on something the plan changes or removes (a
/// column's type, a dropped or renamed column, a dropped function or view) is dropped before
/// and created again after from its `to` definition, with its grants and comments, transitively.
/// Steps the diffs already made are not repeated.
void RebuildDependents(Plan& plan, const ir::Schema& from, const ir::Schema& to);

/// A rename or drop of a column that a function body names (PostgreSQL does not track the
/// bodies of plpgsql functions) gets BREAKS_DEPENDENTS and a note in `plan.notes` naming the
/// functions; a schema dropped while it holds objects the plan does not drop (tables, views,
/// functions, enums, unmanaged objects) is refused in `plan.errors` with their list.
void CheckDependents(Plan& plan, const ir::Schema& from, const ir::Schema& to);

}  // namespace schemac::plan
